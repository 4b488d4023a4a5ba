package io.iamdrift.escalation;

import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rewrites of policy documents used to ask "could this ever be allowed?". */
public final class Readings {

    /** The condition keys the escalation table supplies in its requests, so their conditions are kept. */
    public static final Set<String> ESCALATION_KEYS = Set.of("iam:passedtoservice");

    private Readings() {}

    /**
     * The most permissive reading of a document when the request context is unknown, except for the given
     * condition keys (lower case), which the caller supplies: Allow statements keep only their conditions on
     * those keys; Deny statements apply when unconditional or conditioned on those keys alone.
     */
    public static PolicyDocument optimistic(PolicyDocument doc, Set<String> keptKeys) {
        List<Statement> out = new ArrayList<>(doc.statements().size());
        for (Statement s : doc.statements()) {
            if (s.conditions().isEmpty()) {
                out.add(s); // kept as it is in every reading
                continue;
            }
            List<Condition> kept = s.conditions().stream()
                    .filter(c -> keptKeys.contains(c.key().toLowerCase(Locale.ROOT)))
                    .toList();
            if (s.effect() == Effect.ALLOW) {
                out.add(
                        kept.size() == s.conditions().size()
                                ? s
                                : new Statement(
                                        s.index(),
                                        s.sid(),
                                        s.effect(),
                                        s.actions(),
                                        s.resources(),
                                        s.principals(),
                                        kept));
            } else if (kept.size() == s.conditions().size()) {
                out.add(s);
            }
        }
        return new PolicyDocument(doc.version(), doc.id(), out);
    }
}
