package io.iamdrift.policy;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Normalises a policy document as IAM returns it to plain JSON text.
 *
 * <p>The raw IAM API returns documents URL-encoded (RFC 3986 percent-encoding, e.g. {@code %7B%22Version...});
 * the AWS CLI prints them already decoded. IAM's encoding never uses {@code +} for a space, so a literal
 * {@code +} (e.g. in a condition value) is kept as {@code +}, unlike {@code java.net.URLDecoder}'s form decoding.
 */
public final class PolicyText {

    /**
     * One copy of each distinct document text while any holder keeps it: a snapshot's documents and the
     * baselines' copies of them are mostly equal, and a run holds both. Weak, so texts go with their holders.
     */
    private static final Map<String, WeakReference<String>> SHARED = new WeakHashMap<>();

    private PolicyText() {}

    /** The text itself, or an equal one already held elsewhere (so that equal documents are kept once). */
    public static String shared(String json) {
        if (json == null) {
            return null;
        }
        synchronized (SHARED) {
            WeakReference<String> held = SHARED.get(json);
            String same = held == null ? null : held.get();
            if (same != null) {
                return same;
            }
            SHARED.put(json, new WeakReference<>(json));
            return json;
        }
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
        return percentDecode(raw);
    }

    /**
     * RFC 3986 percent-decoding into UTF-8 in one pass ({@code +} stays {@code +}). Equivalent to
     * {@code URLDecoder.decode(raw.replace("+", "%2B"), UTF_8)}, without the intermediate copies.
     */
    private static String percentDecode(String raw) {
        int n = raw.length();
        byte[] out = new byte[n]; // an escape or an ASCII char gives one byte: enough unless a char is not ASCII
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= n) {
                    throw new IllegalArgumentException(
                            "malformed URL-encoded policy document: incomplete escape at index " + i);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed URL-encoded policy document: bad escape \""
                            + raw.substring(i, i + 3) + "\" at index " + i);
                }
                out[o++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[o++] = (byte) c;
            } else {
                // a literal non-ASCII character: keep it, encoded as UTF-8 like the escapes around it
                if (out.length < n * 3) {
                    out = Arrays.copyOf(out, n * 3); // the most UTF-8 one char takes (a surrogate pair: 4 for 2)
                }
                int cp = Character.codePointAt(raw, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, out, o, b.length);
                o += b.length;
            }
        }
        return new String(out, 0, o, StandardCharsets.UTF_8);
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
