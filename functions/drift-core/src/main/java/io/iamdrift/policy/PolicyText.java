package io.iamdrift.policy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Policy document text as IAM hands it out: JSON, or URL-encoded JSON (the raw IAM API). */
public final class PolicyText {

    private PolicyText() {}

    /**
     * Returns the JSON text of a document given either as JSON or as a URL-encoded JSON string. IAM
     * percent-encodes documents (RFC 3986), so a literal {@code +} is kept as {@code +}, not read as a space.
     */
    public static String decode(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || !trimmed.startsWith("%")) {
            return raw;
        }
        try {
            return URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // not valid percent-encoding: let the JSON parser report it
        }
    }
}
