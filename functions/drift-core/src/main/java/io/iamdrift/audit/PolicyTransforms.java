package io.iamdrift.audit;

import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rewrites of policy documents used to ask "could this ever be allowed?". */
final class PolicyTransforms {

    private PolicyTransforms() {}

    /**
     * The most permissive reading of a document when the request context is unknown: Allow statements apply
     * whatever their conditions, Deny statements apply only when unconditional. Used for posture questions
     * (admin access, escalation, forbidden actions), where a conditional grant still counts as a grant.
     */
    static PolicyDocument optimistic(PolicyDocument doc) {
        List<Statement> out = new ArrayList<>(doc.statements().size());
        for (Statement s : doc.statements()) {
            if (s.effect() == Effect.ALLOW) {
                out.add(s.conditions().isEmpty() ? s
                        : new Statement(s.index(), s.sid(), s.effect(), s.actions(), s.resources(), s.principals(), List.of()));
            } else if (s.conditions().isEmpty()) {
                out.add(s);
            }
        }
        return new PolicyDocument(doc.version(), doc.id(), out);
    }
}
