package io.iamdrift.baseline;

import io.iamdrift.snapshot.PrincipalKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What one deployer user or role is expected to have.
 *
 * @param managedPolicies exactly the managed policies expected attached (empty: none)
 * @param inlinePolicies exactly the inline policies expected (empty: none)
 * @param groups the exact group membership expected, or {@code null} when not checked (users only)
 * @param permissionsBoundary the tri-state boundary expectation
 * @param trustPolicy the expected trust policy as decoded JSON text (roles), or {@code null} when not checked
 * @param assumableBy who may assume the role (extension), or {@code null} when not stated
 * @param requiredActions actions that must be allowed, as the baseline lists them (Terraform types are kept
 *     apart in {@code requiredForResourceTypes}; see {@link #allRequiredActions(TerraformActions)})
 * @param requiredForResourceTypes Terraform resource types the principal manages
 * @param forbiddenActions action patterns ({@code *}, {@code ?}) that must never be allowed
 */
public record PrincipalBaseline(
        PrincipalKind type,
        String name,
        List<ExpectedManagedPolicy> managedPolicies,
        List<ExpectedInlinePolicy> inlinePolicies,
        List<String> groups,
        BoundaryExpectation permissionsBoundary,
        String trustPolicy,
        AssumableBy assumableBy,
        List<RequiredAction> requiredActions,
        List<String> requiredForResourceTypes,
        List<String> forbiddenActions,
        CredentialPolicy credentials,
        List<BaselineException> exceptions) {

    public PrincipalBaseline {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        managedPolicies = Lists.copy(managedPolicies);
        inlinePolicies = Lists.copy(inlinePolicies);
        groups = groups == null ? null : List.copyOf(groups);
        permissionsBoundary = permissionsBoundary == null ? BoundaryExpectation.NOT_CHECKED : permissionsBoundary;
        requiredActions = Lists.copy(requiredActions);
        requiredForResourceTypes = Lists.copy(requiredForResourceTypes);
        forbiddenActions = Lists.copy(forbiddenActions);
        credentials = credentials == null ? CredentialPolicy.DEFAULT : credentials;
        exceptions = Lists.copy(exceptions);
    }

    /**
     * The explicit required actions followed by those of every Terraform type (and, when there is at least
     * one type, the table's general actions), without duplicates. Types were checked when the baseline was
     * loaded, so none is unknown here.
     */
    public List<RequiredAction> allRequiredActions(TerraformActions table) {
        List<RequiredAction> byTypes = table.actionsForAll(requiredForResourceTypes);
        if (requiredActions.isEmpty()) {
            return byTypes; // the table's expansion has no duplicates, and fleets share it
        }
        var out = new LinkedHashMap<RequiredAction.Check, RequiredAction>();
        for (RequiredAction a : requiredActions) {
            out.putIfAbsent(a.check(), a);
        }
        for (RequiredAction a : byTypes) {
            out.putIfAbsent(a.check(), a);
        }
        return List.copyOf(out.values());
    }
}
