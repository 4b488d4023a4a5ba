package io.iamdrift.policy;

import java.util.List;
import java.util.Objects;

/**
 * A parsed IAM policy document.
 *
 * @param version the {@code Version} element as written, or {@code null} when absent. IAM treats an absent
 *     Version as {@code 2008-10-17}, under which policy variables such as {@code ${aws:username}} are plain
 *     text, not variables: see {@link #variablesEnabled()}.
 * @param id the {@code Id} element, or {@code null}
 * @param statements the statements in document order (a single statement object becomes a one-element list)
 */
public record PolicyDocument(String version, String id, List<Statement> statements) {

    /** The current policy language version. */
    public static final String VERSION_2012 = "2012-10-17";
    /** The legacy policy language version (no policy variables). */
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
    }

    /** Whether {@code ${...}} policy variables are substituted (only under Version 2012-10-17). */
    public boolean variablesEnabled() {
        return VERSION_2012.equals(version);
    }
}
