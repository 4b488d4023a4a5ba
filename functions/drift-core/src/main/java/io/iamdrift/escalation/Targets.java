package io.iamdrift.escalation;

import java.util.ArrayList;
import java.util.List;

/** The resources an escalation step may reach, and which of them are more privileged than the principal. */
public interface Targets {

    /** A resource a step may act on: its ARN, a label for findings, and the role chain that reaches it. */
    record Candidate(String arn, String label, List<String> via) {
        public Candidate {
            via = via == null ? List.of() : List.copyOf(via);
        }

        public static Candidate of(String arn, String label) {
            return new Candidate(arn, label, List.of());
        }
    }

    /** The candidates for a target kind ({@code step} gives the action and, for roles, the service). */
    List<Candidate> candidates(Target target, EscalationPath.Step step);

    /**
     * The candidates the step's Allow statements may reach ({@code scope}); a candidate reached through a role chain
     * is judged by the chain's first role, the one the principal assumes.
     */
    default List<Candidate> candidates(Target target, EscalationPath.Step step, ResourceScope scope) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates(target, step)) {
            if (scope.mayMatch(c.via().isEmpty() ? c.arn() : c.via().get(0))) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether gaining the candidate's permissions gives the principal more than it has. */
    boolean morePrivileged(Candidate candidate);

    /** Why the candidate counts as more privileged (for the finding), or {@code null}. */
    default String whyMorePrivileged(Candidate candidate) {
        return null;
    }
}
