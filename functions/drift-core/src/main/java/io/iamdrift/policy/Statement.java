package io.iamdrift.policy;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a policy document.
 *
 * @param index zero-based position in the document (stable reference for findings when there is no Sid)
 * @param sid the {@code Sid}, or {@code null} when absent
 * @param effect Allow or Deny
 * @param actions {@code Action} or {@code NotAction} (every statement has exactly one of them)
 * @param resources {@code Resource} or {@code NotResource}, or {@code null} when the statement has neither
 *     (trust policies and other resource-based policies may omit it)
 * @param principals {@code Principal} or {@code NotPrincipal}, or {@code null} when absent (identity
 *     policies)
 * @param conditions the {@code Condition} block flattened to one entry per (operator, key), in document order;
 *     all must hold for the statement to apply
 */
public record Statement(
        int index,
        String sid,
        Effect effect,
        ActionSet actions,
        ResourceSet resources,
        PrincipalSet principals,
        List<Condition> conditions) {

    public Statement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(actions, "actions");
        conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
    }

    /** A short human reference: the Sid when present, else {@code Statement[index]}. */
    public String label() {
        return sid != null && !sid.isEmpty() ? sid : "Statement[" + index + "]";
    }
}
