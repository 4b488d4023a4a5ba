package io.iamdrift.lambda;

import io.iamdrift.aws.IamCollector;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which principals a CloudTrail IAM change event concerns: the user, role or group it names, or the principals
 * a changed managed policy is attached to.
 */
final class ChangeEvents {

    private ChangeEvents() {}

    /**
     * @return the scope to audit; {@code Scope.all()} when the event names nothing more specific (never a
     *     silent no-op: an event we cannot narrow audits everything)
     */
    static IamCollector.Scope scopeOf(Map<String, Object> event) {
        Map<String, Object> detail = map(event.get("detail"));
        Map<String, Object> params = map(detail.get("requestParameters"));
        Set<String> users = new HashSet<>();
        Set<String> roles = new HashSet<>();
        Set<String> groups = new HashSet<>();
        Set<String> policies = new HashSet<>();
        addIfText(users, params.get("userName"));
        addIfText(roles, params.get("roleName"));
        addIfText(groups, params.get("groupName"));
        addIfText(policies, params.get("policyArn"));
        if (users.isEmpty() && roles.isEmpty() && groups.isEmpty() && policies.isEmpty()) {
            return IamCollector.Scope.all();
        }
        return new IamCollector.Scope(users, roles, groups, policies);
    }

    /** The CloudTrail event name, e.g. {@code AttachUserPolicy}, for logs. */
    static String eventName(Map<String, Object> event) {
        Object name = map(event.get("detail")).get("eventName");
        return name == null ? "unknown" : name.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static void addIfText(Set<String> into, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            into.add(s);
        }
    }
}
