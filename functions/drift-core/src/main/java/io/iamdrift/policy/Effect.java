package io.iamdrift.policy;

/** A statement's Effect. IAM accepts exactly {@code "Allow"} and {@code "Deny"} (case-sensitive). */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** The spelling used in policy JSON. */
    public String json() {
        return json;
    }
}
