package io.iamdrift.baseline;

import java.util.Objects;

/**
 * What a baseline says about a principal's permissions boundary: the schema's {@code permissionsBoundary} is
 * tri-state (absent = not checked, {@code null} = none expected, a string = that ARN expected).
 */
public sealed interface BoundaryExpectation {

    /** {@code permissionsBoundary} is absent: the boundary is not checked. */
    BoundaryExpectation NOT_CHECKED = new NotChecked();
    /** {@code "permissionsBoundary": null}: the principal must have no boundary. */
    BoundaryExpectation NONE = new None();

    /** Absent from the baseline: not checked. */
    record NotChecked() implements BoundaryExpectation {}

    /** Explicit {@code null}: no boundary is expected. */
    record None() implements BoundaryExpectation {}

    /** This boundary policy ARN is expected. */
    record Arn(String arn) implements BoundaryExpectation {
        public Arn {
            Objects.requireNonNull(arn, "arn");
        }
    }

    /** Whether an actual boundary ({@code null} = none) satisfies this expectation. */
    default boolean accepts(String actualArn) {
        return switch (this) {
            case NotChecked n -> true;
            case None n -> actualArn == null;
            case Arn a -> a.arn().equals(actualArn);
        };
    }
}
