package io.iamdrift.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to one SNS topic (email subscribers read the subject and body). Message attributes:
 * {@code severity}, {@code accountId} (String), {@code findingCount} and {@code incidentCount} (Number), usable in subscription
 * filter policies.
 *
 * <p>Limits enforced here rather than discovered as an InvalidParameter error at 3 a.m.: the subject must be
 * 1 to 100 printable ASCII characters on one line; message + subject + attributes must stay within SNS's
 * 262,144 bytes. A longer body is cut at a line boundary and ends with a note naming the full report.
 */
public final class SnsNotifier implements Notifier {

    /** SNS's limit on a published message, attributes included (bytes). */
    public static final int SNS_MAX_BYTES = 262_144;

    public static final int MAX_SUBJECT_CHARS = 100;
    /** Headroom kept below {@link #SNS_MAX_BYTES} for JSON envelopes and rounding. */
    static final int SAFETY_MARGIN = 1_024;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            throw new IllegalArgumentException("ALERT_TOPIC_ARN is not a topic ARN: " + topicArn);
        }
        this.topicArn = topicArn;
    }

    private static MessageAttributeValue number(int n) {
        return MessageAttributeValue.builder()
                .dataType("Number")
                .stringValue(Integer.toString(n))
                .build();
    }

    @Override
    public String publish(Notification n) {
        validateSubject(n.subject());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("severity", string(n.severity()));
        attributes.put("accountId", string(n.accountId()));
        attributes.put("findingCount", number(n.findingCount()));
        if (n.incidentCount() != null) {
            attributes.put("incidentCount", number(n.incidentCount()));
        }
        int budget = SNS_MAX_BYTES - SAFETY_MARGIN - utf8Length(n.subject()) - attributeBytes(attributes);
        String body = fit(n.body(), budget, n.reportUri());
        return sns.publish(b ->
                        b.topicArn(topicArn).subject(n.subject()).message(body).messageAttributes(attributes))
                .messageId();
    }

    /** Throws unless {@code subject} is acceptable to SNS: 1..100 printable ASCII characters, no line breaks. */
    public static void validateSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject is empty");
        }
        if (subject.length() > MAX_SUBJECT_CHARS) {
            throw new IllegalArgumentException("subject has " + subject.length() + " characters, SNS allows "
                    + MAX_SUBJECT_CHARS + ": " + subject);
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                        "subject must be printable ASCII on one line; character %d is U+%04X: %s",
                        i, (int) c, subject));
            }
        }
    }

    /**
     * Makes any text a valid subject: non-ASCII and control characters replaced, whitespace runs collapsed,
     * cut to 100 characters with "..." when longer.
     */
    public static String subject(String text) {
        StringBuilder sb = new StringBuilder();
        String s = text == null ? "" : text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char out = Character.isWhitespace(c) ? ' ' : (c < 0x20 || c > 0x7e) ? '?' : c;
            if (out == ' ' && (sb.isEmpty() || sb.charAt(sb.length() - 1) == ' ')) {
                continue;
            }
            sb.append(out);
        }
        String r = sb.toString().strip();
        if (r.isEmpty()) {
            r = "IAM drift alert";
        }
        return r.length() <= MAX_SUBJECT_CHARS
                ? r
                : r.substring(0, MAX_SUBJECT_CHARS - 3).stripTrailing() + "...";
    }

    /** The body itself when it fits in {@code maxBytes} (UTF-8), else its first lines plus a truncation note. */
    static String fit(String body, int maxBytes, String reportUri) {
        String text = body == null ? "" : body;
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        String note = "\n\n[Message truncated to fit the SNS size limit. The full report: "
                + (reportUri == null ? "see the report in S3" : reportUri) + "]\n";
        int room = maxBytes - utf8Length(note);
        if (room <= 0) {
            throw new IllegalArgumentException("no room for a message body within " + maxBytes + " bytes");
        }
        // cut on a character boundary at or below the byte budget, then back to the last line break
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int end = room;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        String head = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int nl = head.lastIndexOf('\n');
        if (nl > head.length() / 2) {
            head = head.substring(0, nl);
        }
        return head + note;
    }

    private static MessageAttributeValue string(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("message attribute value is empty");
        }
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    private static int attributeBytes(Map<String, MessageAttributeValue> attributes) {
        int n = 0;
        for (var e : attributes.entrySet()) {
            n += utf8Length(e.getKey())
                    + utf8Length(e.getValue().dataType())
                    + utf8Length(e.getValue().stringValue());
        }
        return n;
    }

    static int utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
