package io.iamdrift.evaluation;

/** Where a matched statement came from. */
public enum PolicySourceType {
    /** An identity-based policy (managed, inline, group). */
    IDENTITY("IAM Policy"),
    /** The permissions boundary. */
    BOUNDARY("PermissionsBoundaryPolicy"),
    /** The resource-based policy (bucket policy, key policy, ...). */
    RESOURCE("Resource Policy"),
    /** A service control policy of the organization (see {@link OrganizationPolicies}). */
    SCP("Service Control Policy"),
    /** A resource control policy of the organization (see {@link OrganizationPolicies}). */
    RCP("Resource Control Policy");

    private final String simulatorName;

    PolicySourceType(String simulatorName) {
        this.simulatorName = simulatorName;
    }

    /** The {@code SourcePolicyType} IAM's policy simulator prints for this source. */
    public String simulatorName() {
        return simulatorName;
    }
}
