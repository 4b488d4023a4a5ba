package io.iamdrift.diff;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The universe of concrete IAM actions that the diff and the linter reason over: the action catalog, or a
 * small table in tests.
 *
 * <p>Names are canonical ({@code s3:GetObject}: lower-case service prefix, action name as AWS spells it);
 * every look-up is case-insensitive, as IAM's action matching is.
 */
public interface ActionSpace {

    /**
     * The concrete actions a pattern ({@code s3:Get*}, {@code *}, {@code iam:PassRole}) matches,
     * case-insensitively; empty when it matches no known action. Implementations memoise.
     */
    Set<String> expand(String pattern);

    /** Every known action. */
    Collection<String> all();

    /** The canonical spelling of a known action, or empty when the action is unknown. */
    Optional<String> canonical(String action);

    /** Whether the action accepts resource ARNs in a policy (false when unknown or {@code *}-only). */
    boolean supportsResourceLevelPermissions(String action);

    /** Whether the action is known. */
    default boolean isKnown(String action) {
        return canonical(action).isPresent();
    }

    /** Every known action that none of the patterns matches (the actions a NotAction element applies to). */
    default Set<String> expandNot(List<String> patterns) {
        Set<String> excluded = new HashSet<>();
        for (String p : patterns) {
            excluded.addAll(expand(p));
        }
        Set<String> result = new HashSet<>(Math.max(16, all().size() * 4 / 3));
        for (String a : all()) {
            if (!excluded.contains(a)) {
                result.add(a);
            }
        }
        return result;
    }

    /** The known actions of one service prefix (lower-case), e.g. every {@code iam:} action. */
    default Set<String> service(String prefix) {
        return expand(prefix + ":*");
    }
}
