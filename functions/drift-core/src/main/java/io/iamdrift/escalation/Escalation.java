package io.iamdrift.escalation;

import io.iamdrift.evaluation.Decision;
import java.util.List;

/**
 * One escalation path a principal can realise: the decision that allows each step and the targets it reaches.
 *
 * @param path the row of the table
 * @param grants for each step, the action, the resource it was judged on and the allowing decision
 * @param targets the targets named (roles, users, groups), possibly empty for paths on any resource
 */
public record Escalation(EscalationPath path, List<Grant> grants, List<Targets.Candidate> targets) {

    public Escalation {
        grants = List.copyOf(grants);
        targets = List.copyOf(targets);
    }

    /** One allowed step. */
    public record Grant(String action, String resource, Decision decision) {}
}
