package io.iamdrift.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What IAM holds for one account at one time.
 *
 * <p>A final class with record-style accessors rather than a record, because it keeps lookup maps (users,
 * roles and groups by name, policies by ARN) that are built once in the constructor. Equality is over the
 * eight components.
 */
public final class AccountSnapshot {

    private final String accountId;
    private final Instant collectedAt;
    private final List<UserDetail> users;
    private final List<RoleDetail> roles;
    private final List<GroupDetail> groups;
    private final List<ManagedPolicyDetail> policies;
    private final CredentialReport credentialReport;
    private final MissingPages missingPages;

    private final Map<String, UserDetail> usersByName;
    private final Map<String, RoleDetail> rolesByName;
    private final Map<String, GroupDetail> groupsByName;
    private final Map<String, ManagedPolicyDetail> policiesByArn;

    /**
     * @param accountId the 12-digit account id, or {@code null} when it could not be determined
     * @param collectedAt when the data was collected, or {@code null} when unknown
     * @param credentialReport {@code null} when the snapshot has none
     */
    public AccountSnapshot(
            String accountId,
            Instant collectedAt,
            List<UserDetail> users,
            List<RoleDetail> roles,
            List<GroupDetail> groups,
            List<ManagedPolicyDetail> policies,
            CredentialReport credentialReport) {
        this(accountId, collectedAt, users, roles, groups, policies, credentialReport, null);
    }

    /** @param missingPages pages the file says it lacks ({@code "IsTruncated": true}), or {@code null} when complete */
    public AccountSnapshot(
            String accountId,
            Instant collectedAt,
            List<UserDetail> users,
            List<RoleDetail> roles,
            List<GroupDetail> groups,
            List<ManagedPolicyDetail> policies,
            CredentialReport credentialReport,
            MissingPages missingPages) {
        this.missingPages = missingPages;
        this.accountId = accountId;
        this.collectedAt = collectedAt;
        this.users = Snapshots.list(users);
        this.roles = Snapshots.list(roles);
        this.groups = Snapshots.list(groups);
        this.policies = Snapshots.list(policies);
        this.credentialReport = credentialReport;
        this.usersByName = index(this.users, UserDetail::name);
        this.rolesByName = index(this.roles, RoleDetail::name);
        this.groupsByName = index(this.groups, GroupDetail::name);
        this.policiesByArn = index(this.policies, ManagedPolicyDetail::arn);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new HashMap<>(Math.max(16, items.size() * 4 / 3 + 1));
        for (T t : items) {
            m.putIfAbsent(key.apply(t), t);
        }
        return Collections.unmodifiableMap(m);
    }

    public String accountId() {
        return accountId;
    }

    public Instant collectedAt() {
        return collectedAt;
    }

    public List<UserDetail> users() {
        return users;
    }

    public List<RoleDetail> roles() {
        return roles;
    }

    public List<GroupDetail> groups() {
        return groups;
    }

    public List<ManagedPolicyDetail> policies() {
        return policies;
    }

    public CredentialReport credentialReport() {
        return credentialReport;
    }

    /** The pages this snapshot lacks, when its last page was truncated: absence of a principal then proves nothing. */
    public Optional<MissingPages> missingPages() {
        return Optional.ofNullable(missingPages);
    }

    public Optional<UserDetail> user(String name) {
        return Optional.ofNullable(usersByName.get(name));
    }

    public Optional<RoleDetail> role(String name) {
        return Optional.ofNullable(rolesByName.get(name));
    }

    public Optional<GroupDetail> group(String name) {
        return Optional.ofNullable(groupsByName.get(name));
    }

    public Optional<ManagedPolicyDetail> policy(String arn) {
        return Optional.ofNullable(policiesByArn.get(arn));
    }

    /** The user or role of that kind and name. */
    public Optional<PrincipalDetail> principal(PrincipalKind kind, String name) {
        return kind == PrincipalKind.USER ? user(name).map(u -> u) : role(name).map(r -> r);
    }

    /** Every user, then every role. */
    public List<PrincipalDetail> principals() {
        List<PrincipalDetail> all = new ArrayList<>(users.size() + roles.size());
        all.addAll(users);
        all.addAll(roles);
        return all;
    }

    /** The credential report row of a user, when the snapshot has a report that lists the user. */
    public Optional<CredentialRow> credentials(String userName) {
        return credentialReport == null ? Optional.empty() : credentialReport.row(userName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountSnapshot s
                && Objects.equals(accountId, s.accountId)
                && Objects.equals(collectedAt, s.collectedAt)
                && users.equals(s.users)
                && roles.equals(s.roles)
                && groups.equals(s.groups)
                && policies.equals(s.policies)
                && Objects.equals(credentialReport, s.credentialReport)
                && Objects.equals(missingPages, s.missingPages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, collectedAt, users, roles, groups, policies, credentialReport, missingPages);
    }

    @Override
    public String toString() {
        return "AccountSnapshot[accountId=" + accountId + ", collectedAt=" + collectedAt + ", users=" + users.size()
                + ", roles=" + roles.size() + ", groups=" + groups.size() + ", policies=" + policies.size()
                + ", credentialReport="
                + (credentialReport == null ? "none" : credentialReport.rows().size() + " rows")
                + "]";
    }
}
