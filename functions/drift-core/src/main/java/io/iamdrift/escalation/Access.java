package io.iamdrift.escalation;

import io.iamdrift.evaluation.Decision;
import java.util.List;
import java.util.Map;

/**
 * What a principal's policies allow, as the evaluator decides it: the one question the escalation table asks.
 * Conditions other than the request context given are read optimistically (a conditional grant still counts
 * as a grant); explicit denies and the permissions boundary always apply.
 */
public interface Access {

    /** The decision on exactly this resource, with these context keys (e.g. {@code iam:PassedToService}). */
    Decision on(String action, String resource, Map<String, List<String>> context);

    /** An allowing decision when the action is allowed on some resource the policies name, else a denying one. */
    Decision somewhere(String action);

    /**
     * A necessary condition for the action to be allowed anywhere: some Allow statement may name it. Lets callers
     * skip the evaluator; never a reason to allow.
     */
    default boolean mayAllow(String action) {
        return true;
    }

    /**
     * The resource patterns of the Allow statements that may name the action, the principal's own policy variables
     * resolved; {@code ["*"]} when any resource may be allowed. A necessary condition for {@link #on} to allow on a
     * resource (some pattern matches it); never a reason to allow.
     */
    default List<String> resourcePatterns(String action) {
        return List.of("*");
    }
}
