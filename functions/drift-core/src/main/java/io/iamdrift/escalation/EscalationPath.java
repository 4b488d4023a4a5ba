package io.iamdrift.escalation;

import java.util.List;

/**
 * One privilege escalation path: the actions it needs, each with the resource it must be allowed on.
 *
 * @param id this project's id, named in findings and exceptions
 * @param pathfinding the id in the pathfinding.cloud catalogue, or {@code null}
 * @param rhino the method number in Rhino Security Labs' list, or {@code null}
 * @param title what the principal can do, completing "&lt;principal&gt; ..."
 * @param steps the actions, all of which must be allowed
 * @param gainsTargetAccess whether the path gains the target's own permissions (then it escalates only when the
 *     target is more privileged than the principal), rather than permissions the principal writes itself
 * @param fix the one-line fix
 */
public record EscalationPath(
        String id,
        String pathfinding,
        Integer rhino,
        String title,
        List<Step> steps,
        boolean gainsTargetAccess,
        String fix) {

    public EscalationPath {
        steps = List.copyOf(steps);
    }

    /**
     * One action of a path and where it must be allowed.
     *
     * @param service for role targets, the service principal the role's trust policy must admit
     * @param passedTo the {@code iam:PassedToService} value the pass is judged with, when it differs from
     *     {@code service} (an EMR cluster passes an EC2 instance role with {@code elasticmapreduce.amazonaws.com})
     */
    public record Step(String action, Target on, String service, String passedTo) {

        public Step(String action, Target on, String service) {
            this(action, on, service, null);
        }

        /** The {@code iam:PassedToService} value of the request that passes the role. */
        public String passedToService() {
            return passedTo != null ? passedTo : service;
        }
    }
}
