package io.iamdrift.snapshot;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Normalises a policy document as IAM returns it to plain JSON text.
 *
 * <p>The raw IAM API returns documents URL-encoded (RFC 3986 percent-encoding, e.g. {@code %7B%22Version...});
 * the AWS CLI prints them already decoded. IAM's encoding never uses {@code +} for a space, so a literal
 * {@code +} (e.g. in a condition value) is kept as {@code +}, unlike {@link URLDecoder}'s form decoding.
 */
public final class PolicyText {

    private PolicyText() {
    }

    /**
     * Decodes {@code raw} when it is URL-encoded; returns it unchanged when it is already JSON (its first
     * non-whitespace character is {@code {} or {@code [}).
     *
     * @return the JSON text, or {@code null} when {@code raw} is {@code null}
     * @throws IllegalArgumentException when the percent-encoding is malformed (e.g. {@code %G1} or a trailing
     *     {@code %})
     */
    public static String decode(String raw) {
        if (raw == null) {
            return null;
        }
        int i = 0;
        int n = raw.length();
        while (i < n && Character.isWhitespace(raw.charAt(i))) {
            i++;
        }
        if (i < n && (raw.charAt(i) == '{' || raw.charAt(i) == '[')) {
            return raw;
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        String protectedPlus = raw.indexOf('+') < 0 ? raw : raw.replace("+", "%2B");
        try {
            return URLDecoder.decode(protectedPlus, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed URL-encoded policy document: " + e.getMessage(), e);
        }
    }

    /** Whether {@code raw} looks URL-encoded rather than plain JSON. */
    public static boolean isUrlEncoded(String raw) {
        if (raw == null) {
            return false;
        }
        String t = raw.stripLeading();
        return !t.startsWith("{") && !t.startsWith("[") && t.contains("%");
    }
}
