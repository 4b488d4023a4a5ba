package io.iamdrift.organization;

import io.iamdrift.evaluation.OrganizationPolicies;
import io.iamdrift.policy.PolicyDocument;
import java.util.List;
import java.util.Objects;

/**
 * The AWS Organizations guardrails over one account, as read from an organization-policies file or collected
 * by the hub: SCPs and RCPs by level, from the root through each OU to the account.
 *
 * @param organizationId the organization ({@code o-...}), or {@code null}: it fills {@code aws:PrincipalOrgID}
 * @param managementAccountId the management account, or {@code null}: it is exempt from SCPs and RCPs
 * @param path how findings name each level, root first (e.g. {@code root}, {@code OU Workloads},
 *     {@code account 111122223333})
 * @param serviceControlPolicies SCPs per level (as many levels as {@code path}); empty when SCPs are not enabled
 * @param resourceControlPolicies RCPs per level; empty when RCPs are not enabled
 */
public record Guardrails(
        String organizationId,
        String managementAccountId,
        List<String> path,
        List<List<Policy>> serviceControlPolicies,
        List<List<Policy>> resourceControlPolicies) {

    /** No guardrails (not in an organization, or not known). */
    public static final Guardrails NONE = new Guardrails(null, null, List.of(), List.of(), List.of());

    /**
     * One policy attached at a level.
     *
     * @param name the policy's name (e.g. {@code DataOnly}, {@code FullAWSAccess}); findings use it
     * @param id the policy id ({@code p-...}), or {@code null}
     * @param document the parsed document
     * @param text the document as given (written back unchanged)
     */
    public record Policy(String name, String id, PolicyDocument document, String text) {
        public Policy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(document, "document");
        }
    }

    public Guardrails {
        path = List.copyOf(path);
        serviceControlPolicies =
                serviceControlPolicies.stream().map(List::copyOf).toList();
        resourceControlPolicies =
                resourceControlPolicies.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return serviceControlPolicies.isEmpty() && resourceControlPolicies.isEmpty();
    }

    /** The name of level {@code i} (root first). */
    public String levelName(int i, int count) {
        return i < path.size() ? path.get(i) : OrganizationPolicies.levelName(i, count);
    }
}
