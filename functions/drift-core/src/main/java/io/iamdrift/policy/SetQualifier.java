package io.iamdrift.policy;

/** The multivalued-key qualifier of a condition operator. */
public enum SetQualifier {
    /** Single-valued comparison (no prefix). */
    NONE,
    /** {@code ForAllValues:}: every request value must match some policy value; true when the key is absent or empty. */
    FOR_ALL_VALUES,
    /** {@code ForAnyValue:}: at least one request value must match some policy value; false when absent. */
    FOR_ANY_VALUE
}
