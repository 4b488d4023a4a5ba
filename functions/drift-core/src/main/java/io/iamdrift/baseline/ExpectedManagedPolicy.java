package io.iamdrift.baseline;

import java.util.Objects;

/**
 * A managed policy a principal must have attached.
 *
 * @param versionId the expected default version id (e.g. {@code v3}), or {@code null} when not checked
 * @param document the expected default-version document as decoded JSON text, or {@code null} when not checked
 */
public record ExpectedManagedPolicy(String arn, String versionId, String document) {

    public ExpectedManagedPolicy {
        Objects.requireNonNull(arn, "arn");
    }
}
