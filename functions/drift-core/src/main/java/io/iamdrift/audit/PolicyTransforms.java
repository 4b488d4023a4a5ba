package io.iamdrift.audit;

import io.iamdrift.escalation.Readings;
import io.iamdrift.policy.PolicyDocument;
import java.util.Set;

/** Rewrites of policy documents used to ask "could this ever be allowed?". */
final class PolicyTransforms {

    private PolicyTransforms() {}

    /**
     * The most permissive reading of a document when the request context is unknown: Allow statements apply
     * whatever their conditions, Deny statements apply only when unconditional. Used for posture questions
     * (admin access, escalation, forbidden actions), where a conditional grant still counts as a grant.
     */
    static PolicyDocument optimistic(PolicyDocument doc) {
        return Readings.optimistic(doc, Set.of());
    }
}
