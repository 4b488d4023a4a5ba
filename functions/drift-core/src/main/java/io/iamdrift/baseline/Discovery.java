package io.iamdrift.baseline;

import io.iamdrift.internal.Glob;
import io.iamdrift.snapshot.PrincipalDetail;
import io.iamdrift.snapshot.PrincipalKind;
import java.util.List;
import java.util.Map;

/**
 * How deployers that no baseline names are found. Each entry is a rule and a principal that matches any rule
 * is a deployer: a user whose name matches a {@code userNamePatterns} glob, a role whose name matches a
 * {@code roleNamePatterns} glob, a user or role whose path starts with a {@code pathPrefixes} entry, or one
 * that has a tag of a {@code tags} key whose value matches the glob given for it. Globs use {@code *} and
 * {@code ?} and are case-sensitive (IAM names are unique case-insensitively, but displayed as created).
 */
public record Discovery(
        List<String> userNamePatterns,
        List<String> roleNamePatterns,
        List<String> pathPrefixes,
        Map<String, String> tags) {

    /** No rules: matches nothing. */
    public static final Discovery NONE = new Discovery(List.of(), List.of(), List.of(), Map.of());

    public Discovery {
        userNamePatterns = Lists.copy(userNamePatterns);
        roleNamePatterns = Lists.copy(roleNamePatterns);
        pathPrefixes = Lists.copy(pathPrefixes);
        tags = Lists.copy(tags);
    }

    /** Whether there is no rule at all. */
    public boolean isEmpty() {
        return userNamePatterns.isEmpty() && roleNamePatterns.isEmpty() && pathPrefixes.isEmpty() && tags.isEmpty();
    }

    /**
     * Whether a principal matches any rule.
     *
     * @param path the IAM path ({@code /} when {@code null})
     * @param principalTags the principal's tags ({@code null} = none)
     */
    public boolean matches(PrincipalKind kind, String name, String path, Map<String, String> principalTags) {
        for (String pattern : kind == PrincipalKind.USER ? userNamePatterns : roleNamePatterns) {
            if (Glob.compile(pattern, Glob.Mode.PLAIN, false).matches(name)) {
                return true;
            }
        }
        String p = path == null ? "/" : path;
        for (String prefix : pathPrefixes) {
            if (p.startsWith(prefix)) {
                return true;
            }
        }
        if (principalTags != null && !tags.isEmpty()) {
            for (Map.Entry<String, String> rule : tags.entrySet()) {
                String v = principalTags.get(rule.getKey());
                if (v != null
                        && Glob.compile(rule.getValue(), Glob.Mode.PLAIN, false).matches(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean matches(PrincipalDetail principal) {
        return matches(principal.kind(), principal.name(), principal.path(), principal.tags());
    }
}
