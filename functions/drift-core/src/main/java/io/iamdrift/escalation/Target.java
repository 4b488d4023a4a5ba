package io.iamdrift.escalation;

/** What resource an escalation step's action must be allowed on. */
public enum Target {
    /** The principal itself, when it is a user. */
    SELF_USER("user/"),
    /** The principal itself, when it is a role. */
    SELF_ROLE("role/"),
    /** A group the principal belongs to. */
    OWN_GROUP("group/"),
    /** A customer-managed policy attached to the principal (AWS-managed policies cannot be changed). */
    OWN_POLICY("policy/"),
    /** Any customer-managed policy. */
    CUSTOMER_POLICY("policy/"),
    /** A user other than the principal. */
    OTHER_USER("user/"),
    /** A group the principal does not belong to. */
    OTHER_GROUP("group/"),
    /** Any role other than the principal. */
    ROLE("role/"),
    /** A role whose trust policy admits the principal. */
    ASSUMABLE_ROLE("role/"),
    /** A role trusting the step's service, passed with {@code iam:PassedToService} set to it. */
    PASSABLE_ROLE("role/"),
    /** An existing resource that runs as a role trusting the step's service (IAM does not describe it). */
    SERVICE_ROLE(null),
    /** Any resource. */
    ANY(null);

    private final String iamResourcePrefix;

    Target(String iamResourcePrefix) {
        this.iamResourcePrefix = iamResourcePrefix;
    }

    /** The IAM resource type this target names ({@code user/}, {@code role/}, ...), or {@code null}. */
    public String iamResourcePrefix() {
        return iamResourcePrefix;
    }

    /** Whether the steps on this target must all be allowed on one and the same resource. */
    public boolean bound() {
        return iamResourcePrefix != null;
    }
}
