package io.iamdrift.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything a person or a third-party system reads: terminal text, Markdown, SARIF and
 * email. Every renderer passes its strings (titles, details, commands, notes, evidence) through here.
 *
 * <ul>
 *   <li>AWS access key ids ({@code AKIA…}, {@code ASIA…}, plus the rarer {@code ABIA}/{@code ACCA} prefixes, 20
 *       characters) are masked to their last 4 characters: {@code AKIAIOSFODNN7EXAMPLE} becomes
 *       {@code ****************MPLE}. The last 4 are enough to match a key with {@code aws iam list-access-keys}.</li>
 *   <li>Evidence values under a key that names a secret ({@code secret}, {@code password}, {@code token},
 *       {@code privateKey}, {@code credential}s other than the report's metadata) are replaced whole with
 *       {@value #SECRET_MASK}.</li>
 * </ul>
 *
 * <p>The JSON report written by {@link ReportJson#write(Report, boolean)} is the source of truth and keeps values
 * as they are, so that a later run can compare; {@link ReportJson#writeRedacted(Report, boolean)} is the form for
 * logs and standard output.
 */
public final class Redaction {

    /** What a whole secret value is replaced with. */
    public static final String SECRET_MASK = "********";

    private static final Pattern ACCESS_KEY_ID =
            Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])");

    private static final Pattern SECRET_KEY_NAME =
            Pattern.compile("(?i).*(secret|password|passwd|token|private[-_]?key|session[-_]?key).*");

    private Redaction() {}

    /** The text with every access key id masked to its last 4 characters; {@code null} stays {@code null}. */
    public static String text(String text) {
        if (text == null || text.length() < 20 || !mayHoldAccessKeyId(text)) {
            return text;
        }
        Matcher m = ACCESS_KEY_ID.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String key = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(maskAccessKeyId(key)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /**
     * False when the text cannot hold an access key id: every prefix ({@code AKIA ASIA ABIA ACCA}) contains
     * {@code IA} or {@code CCA}. Most texts (action names, ARNs, sentences) are ruled out without the regex.
     */
    private static boolean mayHoldAccessKeyId(String text) {
        return text.contains("IA") || text.contains("CCA");
    }

    /** {@code AKIAIOSFODNN7EXAMPLE} becomes {@code ****************MPLE}: as long as the key, last 4 kept. */
    public static String maskAccessKeyId(String keyId) {
        if (keyId == null) {
            return null;
        }
        int keep = Math.min(4, keyId.length() / 2);
        return "*".repeat(keyId.length() - keep) + keyId.substring(keyId.length() - keep);
    }

    /** Each string of the list redacted. */
    public static List<String> texts(Collection<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(text(t));
        }
        return out;
    }

    /**
     * A deep copy of evidence with access key ids masked in every string (keys included) and values under
     * secret-looking keys replaced whole. Nested maps and lists are copied; other values are kept.
     */
    public static Map<String, Object> evidence(Map<String, ?> evidence) {
        if (evidence == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : evidence.entrySet()) {
            String key = e.getKey();
            Object value = isSecretKey(key) && e.getValue() != null ? SECRET_MASK : value(e.getValue());
            out.put(text(key), value);
        }
        return out;
    }

    /** Any JSON-like value (string, map, collection, scalar) redacted as {@link #evidence(Map)} does. */
    public static Object value(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                copy.put(text(key), isSecretKey(key) && e.getValue() != null ? SECRET_MASK : value(e.getValue()));
            }
            return copy;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            for (Object o : c) {
                copy.add(value(o));
            }
            return copy;
        }
        if (value instanceof Object[] array) {
            return value(Arrays.asList(array));
        }
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return value(FindingJson.MAPPER.convertValue(node, Object.class));
        }
        return value;
    }

    static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        // Facts about secrets are not secrets: "passwordEnabled", "passwordLastUsed", "tokenAgeDays" stay readable.
        if (k.endsWith("enabled")
                || k.endsWith("lastused")
                || k.endsWith("lastchanged")
                || k.endsWith("days")
                || k.endsWith("age")
                || k.endsWith("count")
                || k.startsWith("has")
                || k.endsWith("present")
                || k.endsWith("nextrotation")
                || k.endsWith("at")) {
            return false;
        }
        return SECRET_KEY_NAME.matcher(key).matches();
    }
}
