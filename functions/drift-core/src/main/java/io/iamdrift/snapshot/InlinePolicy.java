package io.iamdrift.snapshot;

import java.util.Objects;

/**
 * An inline policy of a user, role or group.
 *
 * @param document the decoded JSON text of the document
 */
public record InlinePolicy(String name, String document) {

    public InlinePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
