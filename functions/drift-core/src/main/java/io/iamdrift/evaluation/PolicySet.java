package io.iamdrift.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The policies that apply to one principal's request.
 *
 * @param identity identity-based policies (managed, inline, group policies)
 * @param boundary the permissions boundary; empty means no boundary is set
 * @param resourcePolicy the resource-based policy of the resource in the same account, or {@code null}
 * @param organization the SCPs and RCPs over the principal's account ({@link OrganizationPolicies#NONE} when none)
 */
public record PolicySet(
        List<CompiledPolicy> identity,
        List<CompiledPolicy> boundary,
        CompiledPolicy resourcePolicy,
        OrganizationPolicies organization) {

    public PolicySet {
        identity = List.copyOf(Objects.requireNonNull(identity, "identity"));
        boundary = boundary == null ? List.of() : List.copyOf(boundary);
        organization = organization == null ? OrganizationPolicies.NONE : organization;
    }

    /** A set outside any organization's guardrails. */
    public PolicySet(List<CompiledPolicy> identity, List<CompiledPolicy> boundary, CompiledPolicy resourcePolicy) {
        this(identity, boundary, resourcePolicy, OrganizationPolicies.NONE);
    }

    public static PolicySet of(CompiledPolicy... identity) {
        return new PolicySet(List.of(identity), List.of(), null);
    }

    public PolicySet withBoundary(CompiledPolicy... b) {
        return new PolicySet(identity, List.of(b), resourcePolicy, organization);
    }

    public PolicySet withResourcePolicy(CompiledPolicy r) {
        return new PolicySet(identity, boundary, r, organization);
    }

    public PolicySet withOrganization(OrganizationPolicies o) {
        return new PolicySet(identity, boundary, resourcePolicy, o);
    }

    public boolean hasBoundary() {
        return !boundary.isEmpty();
    }
}
