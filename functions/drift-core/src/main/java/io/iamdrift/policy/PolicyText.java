package io.iamdrift.policy;

import java.lang.ref.WeakReference;
import java.nio.CharBuffer;
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
        if (startsAsJson(raw) || raw.indexOf('%') < 0) {
            return raw;
        }
        return percentDecode(raw.toCharArray(), 0, raw.length());
    }

    /**
     * {@link #decode(String)} of the text {@code chars[offset, offset + length)} (e.g. a JSON parser's buffer),
     * without first making a String of the encoded text.
     */
    public static String decode(char[] chars, int offset, int length) {
        int end = offset + length;
        if (!startsAsJson(CharBuffer.wrap(chars, offset, length))) {
            for (int i = offset; i < end; i++) {
                if (chars[i] == '%') {
                    return percentDecode(chars, offset, end);
                }
            }
        }
        return new String(chars, offset, length);
    }

    /** Whether the first non-whitespace character is {@code {} or {@code [}. */
    private static boolean startsAsJson(CharSequence text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < n && (text.charAt(i) == '{' || text.charAt(i) == '[');
    }

    /**
     * RFC 3986 percent-decoding of {@code raw[from, to)} into UTF-8 in one pass ({@code +} stays {@code +}).
     * Equivalent to {@code URLDecoder.decode(raw.replace("+", "%2B"), UTF_8)}, without the intermediate copies.
     */
    private static String percentDecode(char[] raw, int from, int to) {
        int n = to - from;
        byte[] out = new byte[n]; // an escape or an ASCII char gives one byte: enough unless a char is not ASCII
        int o = 0;
        int high = 0; // the bytes' high bits: zero while the text is ASCII, which makes the String a plain copy
        for (int i = from; i < to; i++) {
            char c = raw[i];
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException(
                            "malformed URL-encoded policy document: incomplete escape at index " + (i - from));
                }
                int hi = hexDigit(raw[i + 1]);
                int lo = hexDigit(raw[i + 2]);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed URL-encoded policy document: bad escape \""
                            + new String(raw, i, 3) + "\" at index " + (i - from));
                }
                high |= hi;
                out[o++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[o++] = (byte) c;
            } else {
                // a literal non-ASCII character: keep it, encoded as UTF-8 like the escapes around it
                high = 0x8;
                if (out.length < n * 3) {
                    out = Arrays.copyOf(out, n * 3); // the most UTF-8 one char takes (a surrogate pair: 4 for 2)
                }
                int cp = Character.codePointAt(raw, i, to);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, out, o, b.length);
                o += b.length;
            }
        }
        return new String(out, 0, o, high < 0x8 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** {@code Character.digit(c, 16)}, without its table look-ups for the ASCII digits and letters. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : Character.digit(c, 16);
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
