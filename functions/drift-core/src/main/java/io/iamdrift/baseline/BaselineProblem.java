package io.iamdrift.baseline;

import java.util.Objects;

/**
 * Why (part of) a baseline file could not be used; becomes a BASELINE_INVALID finding.
 *
 * @param source the file name or S3 URI
 * @param pointer the JSON pointer of the offending value ({@code ""} for the whole file)
 * @param reason what is wrong, for a person; JSON syntax errors include the line and column
 */
public record BaselineProblem(String source, String pointer, String reason) {

    public BaselineProblem {
        Objects.requireNonNull(source, "source");
        pointer = pointer == null ? "" : pointer;
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code source: pointer: reason}, or {@code source: reason} for whole-file problems. */
    @Override
    public String toString() {
        return pointer.isEmpty() ? source + ": " + reason : source + ": " + pointer + ": " + reason;
    }
}
