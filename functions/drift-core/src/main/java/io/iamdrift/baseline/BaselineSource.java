package io.iamdrift.baseline;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The raw content of one baseline file, e.g. an S3 object.
 *
 * @param name the file name or S3 URI, used in problems
 */
public record BaselineSource(String name, byte[] content) {

    public BaselineSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    public static BaselineSource of(String name, String text) {
        return new BaselineSource(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
