package io.iamdrift.report;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What every SNS alert shares (the account's {@link AlertMessage} and the organization's alert): the byte budget,
 * an ASCII subject of at most {@value #MAX_SUBJECT_CHARS} characters, blocks that fit or end with a "more" line,
 * and the footer.
 */
public final class SnsBody {

    /** SNS's limit on a published message (body plus attributes). */
    public static final int SNS_LIMIT_BYTES = 262_144;
    /** Room kept for the SNS envelope, the subject and encoding differences. */
    public static final int SAFETY_MARGIN_BYTES = 8_192;

    public static final int MAX_MESSAGE_BYTES = SNS_LIMIT_BYTES - SAFETY_MARGIN_BYTES;
    public static final int MAX_SUBJECT_CHARS = 99;
    public static final String RULE = "-".repeat(72);

    private SnsBody() {}

    /**
     * {@code prefix (qualifier)} in printable ASCII, at most {@value #MAX_SUBJECT_CHARS} characters: the qualifier
     * (an environment name) is shortened first so that the prefix always shows.
     */
    public static String subject(String prefix, String qualifier) {
        String p = ascii(prefix);
        String q = ascii(qualifier == null ? "" : qualifier);
        String subject;
        if (q.isEmpty()) {
            subject = p;
        } else {
            int room = MAX_SUBJECT_CHARS - p.length() - 3;
            if (q.length() > room) {
                q = room >= 4 ? q.substring(0, room - 3).strip() + "..." : "";
            }
            subject = q.isEmpty() ? p : p + " (" + q + ")";
        }
        return subject.length() <= MAX_SUBJECT_CHARS
                ? subject
                : subject.substring(0, MAX_SUBJECT_CHARS - 3).strip() + "...";
    }

    /**
     * Printable ASCII only: accents are dropped ({@code é} becomes {@code e}), other characters become {@code ?},
     * control characters and line breaks become spaces, runs of spaces collapse.
     */
    public static String ascii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.FORMAT) {
                continue;
            }
            if (cp >= 0x20 && cp < 0x7f) {
                out.append((char) cp);
            } else if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                out.append(' ');
            } else {
                out.append('?');
            }
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** The closing lines: where the full report is and why the reader gets this. */
    public static String footer(String label, String where) {
        return "\n" + RULE + "\n" + label + ": " + where + "\n"
                + "You receive this because you subscribed to the IAM drift auditor's alert topic.\n";
    }

    /**
     * {@code header}, as many {@code blocks} as fit in {@code budget} bytes (all of them when they do), then
     * {@code more.apply(left out)} when some did not, then {@code footer}.
     */
    public static String assemble(
            String header, List<String> blocks, String footer, int budget, IntFunction<String> more) {
        int room = budget - utf8(header) - utf8(footer);
        int total = blocks.stream().mapToInt(SnsBody::utf8).sum();
        StringBuilder body = new StringBuilder(header);
        if (total <= room) {
            blocks.forEach(body::append);
        } else {
            int reserve = utf8(more.apply(blocks.size()));
            int used = 0;
            int included = 0;
            for (String block : blocks) {
                int size = utf8(block);
                if (used + size + reserve > room) {
                    break;
                }
                body.append(block);
                used += size;
                included++;
            }
            body.append(more.apply(blocks.size() - included));
        }
        return body.append(footer).toString();
    }

    /** The line that ends a cut body: {@code ... N more incidents: see <where>}. */
    public static String moreIncidents(int more, String where) {
        return "\n" + RULE + "\n... " + more + " more incident" + (more == 1 ? "" : "s") + ": see " + where + "\n";
    }

    /** The UTF-8 size SNS counts for string attributes: each one's name, data type and value. */
    public static int attributeBytes(Map<String, String> attributes) {
        int size = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            size += utf8(e.getKey()) + utf8("String") + utf8(e.getValue());
        }
        return size;
    }

    /** Cuts text to at most {@code maxBytes} UTF-8 bytes, never inside a character, marking the cut. */
    public static String truncate(String text, int maxBytes) {
        if (utf8(text) <= maxBytes) {
            return text;
        }
        String marker = "\n   [cut: this entry is too long for an email; see the report]\n";
        int limit = maxBytes - utf8(marker);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + marker;
    }

    public static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
