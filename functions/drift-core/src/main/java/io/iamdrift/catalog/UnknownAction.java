package io.iamdrift.catalog;

import java.util.Objects;

/**
 * An action pattern that names nothing in the catalog, and why.
 *
 * @param pattern the pattern as written
 * @param reason  why it is unknown
 */
public record UnknownAction(String pattern, Reason reason) {
    public UnknownAction {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(reason, "reason");
    }

    /** Why a pattern is unknown. */
    public enum Reason {
        /** Not of the form {@code service:action} (and not {@code *}). */
        MALFORMED,
        /** The service prefix (written without wildcards) is not in the catalog. */
        UNKNOWN_SERVICE,
        /** A concrete action of a known service that the service does not have. */
        UNKNOWN_ACTION,
        /** A wildcard pattern that matches no action. */
        MATCHES_NOTHING
    }
}
