package io.iamdrift.audit;

import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.util.List;
import java.util.Map;

/**
 * A user or role as found in the account, seen the same way by every rule.
 *
 * @param trustPolicy the role's trust policy text ({@code null} for users)
 * @param groups group names (always empty for roles)
 */
record LivePrincipal(
        PrincipalRef ref,
        String path,
        Map<String, String> tags,
        List<AttachedPolicy> attached,
        List<InlinePolicy> inline,
        List<String> groups,
        String boundaryArn,
        String trustPolicy) {

    static LivePrincipal of(UserDetail u) {
        return new LivePrincipal(
                u.ref(),
                u.path(),
                nullSafe(u.tags()),
                nullSafe(u.attachedPolicies()),
                nullSafe(u.inlinePolicies()),
                nullSafe(u.groups()),
                u.permissionsBoundaryArn(),
                null);
    }

    static LivePrincipal of(RoleDetail r) {
        return new LivePrincipal(
                r.ref(),
                r.path(),
                nullSafe(r.tags()),
                nullSafe(r.attachedPolicies()),
                nullSafe(r.inlinePolicies()),
                List.of(),
                r.permissionsBoundaryArn(),
                r.trustPolicy());
    }

    boolean isUser() {
        return "user".equals(ref.type());
    }

    String name() {
        return ref.name();
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Map<String, String> nullSafe(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
