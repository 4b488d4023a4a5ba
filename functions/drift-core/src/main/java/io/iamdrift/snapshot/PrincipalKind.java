package io.iamdrift.snapshot;

import java.util.Locale;

/**
 * The kinds of IAM principal the auditor audits. (Named {@code PrincipalKind}, not {@code PrincipalType},
 * so it does not clash with {@link io.iamdrift.policy.PrincipalType}, the key of a policy's Principal
 * element.) Shared by the snapshot and the baselines.
 */
public enum PrincipalKind {
    USER("user"),
    ROLE("role");

    private final String json;

    PrincipalKind(String json) {
        this.json = json;
    }

    /** The lower-case name used in baselines and reports ({@code user}, {@code role}). */
    public String json() {
        return json;
    }

    /** The kind for {@code user}/{@code role} (case-insensitive), or {@code null}. */
    public static PrincipalKind fromJson(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "role" -> ROLE;
            default -> null;
        };
    }
}
