package io.iamdrift.baseline;

import java.util.Objects;

/**
 * An inline policy a principal must have.
 *
 * @param document the expected document as decoded JSON text
 */
public record ExpectedInlinePolicy(String name, String document) {

    public ExpectedInlinePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
