package io.iamdrift.baseline;

import java.util.List;
import java.util.Objects;

/**
 * (extension) The policies one IAM group is expected to carry: what a baselined user gets through its
 * membership. Compared with the live group for every audited member (GROUP_POLICY_DRIFT).
 *
 * @param managedPolicies exactly the managed policies expected attached to the group (empty: none)
 * @param inlinePolicies exactly the group's inline policies expected (empty: none)
 */
public record GroupBaseline(
        String name, List<ExpectedManagedPolicy> managedPolicies, List<ExpectedInlinePolicy> inlinePolicies) {

    public GroupBaseline {
        Objects.requireNonNull(name, "name");
        managedPolicies = Lists.copy(managedPolicies);
        inlinePolicies = Lists.copy(inlinePolicies);
    }
}
