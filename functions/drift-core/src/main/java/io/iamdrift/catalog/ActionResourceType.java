package io.iamdrift.catalog;

import java.util.Objects;

/**
 * A resource type an action can be scoped to, as listed for that action.
 *
 * @param name     the resource type's name within its service, e.g. {@code object} for S3
 * @param required true when AWS marks it required ({@code *}) for the action
 */
public record ActionResourceType(String name, boolean required) {
    public ActionResourceType {
        Objects.requireNonNull(name, "name");
    }
}
