package io.iamdrift.terraform;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The raw content of one state file.
 *
 * @param name the file name or S3 URI, used in problems and provenance
 */
public record StateSource(String name, byte[] content) {

    public StateSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    public static StateSource of(String name, String text) {
        return new StateSource(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
