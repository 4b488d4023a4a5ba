package io.iamdrift.audit;

import io.iamdrift.escalation.Readings;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * How a principal's documents are read for a question: as written ({@link #STRICT}); in the most permissive
 * reading when the request context is unknown ({@link #OPTIMISTIC}: Allow statements apply whatever their
 * conditions, Deny statements only when unconditional; posture questions, where a conditional grant still counts);
 * or optimistically except for the condition keys the escalation table supplies ({@link #ESCALATION}).
 */
enum Reading {
    STRICT(null),
    OPTIMISTIC(Set.of()),
    ESCALATION(Readings.ESCALATION_KEYS);

    /** The condition keys (lower case) the reading keeps; {@code null}: every condition is kept. */
    private final Set<String> keptKeys;

    Reading(Set<String> keptKeys) {
        this.keptKeys = keptKeys;
    }

    /** The document as this reading sees it. */
    PolicyDocument of(PolicyDocument doc) {
        return keptKeys == null ? doc : Readings.optimistic(doc, keptKeys);
    }

    /**
     * The plainest reading that sees the document exactly as this one does: {@link #STRICT} when the reading
     * drops no condition of it, {@link #OPTIMISTIC} for {@link #ESCALATION} when it keeps none. Documents compiled
     * once per distinct reading, not once per question's reading.
     */
    Reading sameAs(PolicyDocument doc) {
        if (keptKeys == null) {
            return this;
        }
        boolean kept = false;
        boolean dropped = false;
        for (Statement s : doc.statements()) {
            for (Condition c : s.conditions()) {
                if (keptKeys.contains(c.key().toLowerCase(Locale.ROOT))) {
                    kept = true;
                } else {
                    dropped = true;
                }
            }
        }
        if (!dropped) {
            return STRICT;
        }
        return kept ? this : OPTIMISTIC;
    }
}
