package io.iamdrift.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Merges snapshots read from several files (or pages) into one; see {@link SnapshotReader#merge}. */
final class SnapshotMerge {

    private SnapshotMerge() {}

    static AccountSnapshot merge(List<AccountSnapshot> parts) throws SnapshotException {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String account = null;
        Instant collectedAt = null;
        CredentialReport report = null;
        Map<String, UserDetail> users = new LinkedHashMap<>();
        Map<String, RoleDetail> roles = new LinkedHashMap<>();
        Map<String, GroupDetail> groups = new LinkedHashMap<>();
        Map<String, ManagedPolicyDetail> policies = new LinkedHashMap<>();
        for (AccountSnapshot s : parts) {
            if (s.accountId() != null) {
                if (account != null && !account.equals(s.accountId())) {
                    throw new SnapshotException(
                            null,
                            null,
                            "cannot merge snapshots of different accounts: " + account + " and " + s.accountId());
                }
                account = s.accountId();
            }
            if (s.collectedAt() != null
                    && (collectedAt == null || s.collectedAt().isAfter(collectedAt))) {
                collectedAt = s.collectedAt();
            }
            if (s.credentialReport() != null) {
                if (report != null && !report.equals(s.credentialReport())) {
                    throw new SnapshotException(null, null, "cannot merge snapshots: two different credential reports");
                }
                report = s.credentialReport();
            }
            union(users, s.users(), UserDetail::name, "user");
            union(roles, s.roles(), RoleDetail::name, "role");
            union(groups, s.groups(), GroupDetail::name, "group");
            union(policies, s.policies(), ManagedPolicyDetail::arn, "policy");
        }
        MissingPages missing = parts.get(parts.size() - 1).missingPages().orElse(null);
        return new AccountSnapshot(
                account,
                collectedAt,
                new ArrayList<>(users.values()),
                new ArrayList<>(roles.values()),
                new ArrayList<>(groups.values()),
                new ArrayList<>(policies.values()),
                report,
                missing);
    }

    private static <T> void union(Map<String, T> into, List<T> items, Function<T, String> key, String what)
            throws SnapshotException {
        for (T t : items) {
            T old = into.putIfAbsent(key.apply(t), t);
            if (old != null && !old.equals(t)) {
                throw new SnapshotException(
                        null,
                        null,
                        "cannot merge snapshots: " + what + " " + key.apply(t)
                                + " appears twice with different details");
            }
        }
    }
}
