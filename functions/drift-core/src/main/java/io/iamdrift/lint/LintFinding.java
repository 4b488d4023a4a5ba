package io.iamdrift.lint;

import io.iamdrift.finding.Severity;
import java.util.Objects;

/**
 * One least-privilege finding about a policy document.
 *
 * @param type what was found
 * @param severity the type's default severity (the audit may lower it, e.g. for access the baseline grants)
 * @param statement the statement's Sid, or {@code Statement[i]} (zero-based) when it has none
 * @param message one or two sentences a person reads: what, where, why it matters
 * @param fix what to change in the document
 * @param policy the policy name given to the linter ({@code null} when none was given)
 */
public record LintFinding(
        LintType type, Severity severity, String statement, String message, String fix, String policy) {

    public LintFinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    public LintFinding(LintType type, Severity severity, String statement, String message, String fix) {
        this(type, severity, statement, message, fix, null);
    }
}
