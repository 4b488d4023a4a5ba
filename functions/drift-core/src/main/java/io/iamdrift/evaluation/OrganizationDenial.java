package io.iamdrift.evaluation;

import java.util.List;

/**
 * Why the organization's policies stopped a request: an SCP or RCP statement that denies it, or an SCP level
 * where no policy allows it.
 *
 * @param type {@link PolicySourceType#SCP} or {@link PolicySourceType#RCP}
 * @param level the level that decided, e.g. {@code OU Workloads}
 * @param policies the deciding policy (explicit deny), or every SCP of the level (none allows)
 * @param explicit true for an explicit Deny statement, false for a level without an allowing SCP
 */
public record OrganizationDenial(PolicySourceType type, String level, List<String> policies, boolean explicit) {

    public OrganizationDenial {
        policies = List.copyOf(policies);
    }

    /**
     * One sentence naming the policy and level, e.g. "SCP DataOnly on OU Workloads does not allow
     * lambda:UpdateFunctionCode".
     */
    public String describe(String action) {
        String kind = type == PolicySourceType.RCP ? "RCP" : "SCP";
        if (explicit) {
            return kind + " " + String.join(", ", policies) + " on " + level + " denies " + action;
        }
        if (policies.isEmpty()) {
            return "no SCP is attached on " + level + ", so nothing there allows " + action;
        }
        return (policies.size() == 1
                        ? kind + " " + policies.get(0) + " on " + level + " does not allow "
                        : kind + "s " + String.join(", ", policies) + " on " + level + " do not allow ")
                + action;
    }
}
