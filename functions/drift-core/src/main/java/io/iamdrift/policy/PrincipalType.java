package io.iamdrift.policy;

/** The keys allowed inside a Principal object. */
public enum PrincipalType {
    AWS("AWS"),
    SERVICE("Service"),
    FEDERATED("Federated"),
    CANONICAL_USER("CanonicalUser");

    private final String json;

    PrincipalType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** The type for a JSON key (case-sensitive, as IAM is), or {@code null} if unknown. */
    public static PrincipalType fromJson(String key) {
        for (PrincipalType t : values()) {
            if (t.json.equals(key)) {
                return t;
            }
        }
        return null;
    }
}
