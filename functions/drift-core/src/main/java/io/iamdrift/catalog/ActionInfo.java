package io.iamdrift.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One action of the catalog.
 *
 * @param servicePrefix the service prefix, e.g. {@code s3}
 * @param name          the action name in the catalog's spelling, e.g. {@code GetObject}
 * @param accessLevel   its access level
 * @param resourceTypes the resource types it can be scoped to; empty when it supports no resource-level
 *                      permissions (the statement's Resource must then be {@code *})
 */
public record ActionInfo(
        String servicePrefix, String name, AccessLevel accessLevel, List<ActionResourceType> resourceTypes) {
    public ActionInfo {
        Objects.requireNonNull(servicePrefix, "servicePrefix");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessLevel, "accessLevel");
        resourceTypes = List.copyOf(resourceTypes);
    }

    /** {@code service:Name}, e.g. {@code s3:GetObject}. */
    public String fullName() {
        return servicePrefix + ':' + name;
    }

    /** True when the action lists at least one resource type, i.e. a Resource other than {@code *} can apply. */
    public boolean supportsResourceLevelPermissions() {
        return !resourceTypes.isEmpty();
    }
}
