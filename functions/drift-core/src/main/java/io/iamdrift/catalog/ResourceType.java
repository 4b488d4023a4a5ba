package io.iamdrift.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A service's resource type and its ARN format.
 *
 * @param servicePrefix the service prefix, e.g. {@code s3}
 * @param name          the resource type's name, e.g. {@code object}
 * @param arnFormat     the ARN format as AWS documents it, e.g.
 *                      {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}; a few resource types have several
 *                      formats separated by {@code ", "} (see {@link #arnFormats()})
 */
public record ResourceType(String servicePrefix, String name, String arnFormat) {
    public ResourceType {
        Objects.requireNonNull(servicePrefix, "servicePrefix");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arnFormat, "arnFormat");
    }

    /** The ARN formats one by one (usually exactly one). */
    public List<String> arnFormats() {
        return Arrays.stream(arnFormat.split(", "))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
