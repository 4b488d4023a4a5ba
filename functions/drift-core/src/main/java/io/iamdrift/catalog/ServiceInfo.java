package io.iamdrift.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS service of the catalog.
 *
 * @param prefix        the service prefix used in actions, e.g. {@code s3}
 * @param name          the service's name, e.g. {@code Amazon S3}
 * @param resourceTypes its resource types, sorted by name
 * @param actions       its actions, sorted by name (case-insensitive)
 */
public record ServiceInfo(String prefix, String name, List<ResourceType> resourceTypes, List<ActionInfo> actions) {
    public ServiceInfo {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        resourceTypes = List.copyOf(resourceTypes);
        actions = List.copyOf(actions);
    }

    /** The resource type with this name (case-insensitive). */
    public Optional<ResourceType> resourceType(String resourceTypeName) {
        for (ResourceType type : resourceTypes) {
            if (type.name().equalsIgnoreCase(resourceTypeName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
