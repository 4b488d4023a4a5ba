package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one email (via SNS) a run sends for its new alert-worthy findings (contract section 8).
 *
 * <ul>
 *   <li>{@code subject}: ASCII only, no control characters, at most {@value #MAX_SUBJECT_CHARS} characters (SNS
 *       wants fewer than 100; the contract allows at most 100), e.g.
 *       {@code IAM drift CRITICAL: 2 new findings in 123456789012 (prod)}. A long environment name is shortened
 *       first, so the severity, count and account always show.</li>
 *   <li>{@code body}: plain text for a mail client: per finding (most severe first) the principal, what changed,
 *       why it matters and the fix commands; then the report's S3 location. Access key ids are masked.</li>
 *   <li>{@code attributes}: {@code severity} (the highest alerted), {@code accountId}, {@code findingCount}.</li>
 * </ul>
 *
 * <p>Subject, body and attributes together stay within {@link #MAX_MESSAGE_BYTES} UTF-8 bytes (SNS's 262,144
 * minus a margin). Past it the body keeps the first findings that fit and ends with
 * {@code … and N more findings: see <reportUri>}; a single finding longer than {@link #MAX_FINDING_BYTES} is cut.
 */
public record AlertMessage(String subject, String body, Map<String, String> attributes) {

    /** SNS's limit on a published message (body plus attributes). */
    public static final int SNS_LIMIT_BYTES = 262_144;
    /** Room kept for the SNS envelope, the subject and encoding differences. */
    public static final int SAFETY_MARGIN_BYTES = 8_192;
    public static final int MAX_MESSAGE_BYTES = SNS_LIMIT_BYTES - SAFETY_MARGIN_BYTES;
    /** One finding's text is cut past this, so that one huge policy cannot crowd out every other finding. */
    public static final int MAX_FINDING_BYTES = 32_768;
    public static final int MAX_SUBJECT_CHARS = 99;

    public static final String ATTR_SEVERITY = "severity";
    public static final String ATTR_ACCOUNT_ID = "accountId";
    public static final String ATTR_FINDING_COUNT = "findingCount";

    private static final String RULE = "-".repeat(72);

    public AlertMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Builds the message.
     *
     * @param report the run's report (account, environment, run id)
     * @param toAlert the findings to alert, as the alert state chose them (new, changed, or due again); not empty
     * @param reportUri where the full report is, e.g. {@code s3://bucket/reports/123456789012/2025/01/31/run.json}
     * @throws IllegalArgumentException when there is nothing to alert
     */
    public static AlertMessage build(Report report, List<Finding> toAlert, String reportUri) {
        Objects.requireNonNull(report, "report");
        if (toAlert == null || toAlert.isEmpty()) {
            throw new IllegalArgumentException("no findings to alert: a run without new alert-worthy findings sends no message");
        }
        List<Finding> findings = TextRenderer.sorted(toAlert);
        Severity highest = findings.get(0).severity();
        String where = reportUri == null || reportUri.isBlank() ? "(the report was not stored)" : reportUri;

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ATTR_SEVERITY, highest.name());
        attributes.put(ATTR_ACCOUNT_ID, nullToEmpty(report.accountId()));
        attributes.put(ATTR_FINDING_COUNT, Integer.toString(findings.size()));

        String subject = subject(highest, findings.size(), report.accountId(), report.environment());
        String header = header(report, findings, highest, where);
        String footer = "\n" + RULE + "\nFull report: " + where + "\n"
                + "You receive this because you subscribed to the IAM drift auditor's alert topic.\n";

        int budget = MAX_MESSAGE_BYTES - attributeBytes(attributes) - utf8(subject) - utf8(header) - utf8(footer);
        List<String> blocks = new ArrayList<>(findings.size());
        int total = 0;
        for (int i = 0; i < findings.size(); i++) {
            String block = block(i + 1, findings.get(i));
            blocks.add(block);
            total += utf8(block);
        }
        StringBuilder body = new StringBuilder(header);
        if (total <= budget) {
            blocks.forEach(body::append);
        } else {
            int used = 0;
            int included = 0;
            // Room for the "more" line with the largest possible count.
            int reserve = utf8(moreLine(findings.size(), where));
            for (String block : blocks) {
                int size = utf8(block);
                if (used + size + reserve > budget) {
                    break;
                }
                body.append(block);
                used += size;
                included++;
            }
            body.append(moreLine(findings.size() - included, where));
        }
        body.append(footer);
        return new AlertMessage(subject, body.toString(), attributes);
    }

    /** The UTF-8 size SNS counts: body plus each attribute's name, data type and value. */
    public int sizeInBytes() {
        return utf8(body) + attributeBytes(attributes);
    }

    // ---- subject ---------------------------------------------------------------------------------------------

    static String subject(Severity highest, int count, String accountId, String environment) {
        String prefix = "IAM drift " + highest.name() + ": " + count + " new finding" + (count == 1 ? "" : "s")
                + " in " + ascii(nullToEmpty(accountId));
        prefix = prefix.strip();
        String env = ascii(nullToEmpty(environment));
        String subject;
        if (env.isEmpty()) {
            subject = prefix;
        } else {
            int room = MAX_SUBJECT_CHARS - prefix.length() - 3; // " (" + ")"
            if (env.length() > room) {
                env = room >= 4 ? env.substring(0, room - 3).strip() + "..." : "";
            }
            subject = env.isEmpty() ? prefix : prefix + " (" + env + ")";
        }
        if (subject.length() > MAX_SUBJECT_CHARS) {
            subject = subject.substring(0, MAX_SUBJECT_CHARS - 3).strip() + "...";
        }
        return subject;
    }

    /**
     * Printable ASCII only: accents are dropped ({@code é} becomes {@code e}), other characters become {@code ?},
     * control characters and line breaks become spaces, runs of spaces collapse.
     */
    static String ascii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT) {
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

    // ---- body ------------------------------------------------------------------------------------------------

    private static String header(Report report, List<Finding> findings, Severity highest, String where) {
        StringBuilder h = new StringBuilder();
        h.append("The IAM drift auditor found ").append(findings.size()).append(" new finding")
                .append(findings.size() == 1 ? "" : "s").append(" to look at in AWS account ")
                .append(nullToEmpty(report.accountId()));
        if (report.environment() != null && !report.environment().isBlank()) {
            h.append(" (").append(TextRenderer.oneLine(TextRenderer.clean(report.environment()))).append(')');
        }
        h.append(".\n");
        Map<Severity, Integer> counts = Report.countBySeverity(findings);
        StringBuilder c = new StringBuilder();
        for (Severity s : Severity.values()) {
            if (counts.get(s) > 0) {
                c.append(c.length() == 0 ? "" : ", ").append(counts.get(s)).append(' ').append(s.name());
            }
        }
        h.append("Highest severity: ").append(highest.name()).append(" (").append(c).append(").\n");
        if (report.runId() != null) {
            h.append("Run: ").append(report.runId());
            if (report.finishedAt() != null) {
                h.append(", finished ").append(report.finishedAt());
            }
            h.append('\n');
        }
        h.append("Report: ").append(where).append('\n');
        return h.toString();
    }

    private static String block(int n, Finding f) {
        StringBuilder b = new StringBuilder();
        b.append('\n').append(RULE).append('\n');
        b.append(n).append(". [").append(f.severity().name()).append("] ").append(f.type().name()).append(" on ")
                .append(f.principal().key()).append('\n');
        if (f.principal().arn() != null) {
            b.append("   Principal: ").append(f.principal().arn()).append('\n');
        }
        if (f.policy() != null && !f.policy().isBlank()) {
            b.append("   Policy: ").append(line(f.policy())).append('\n');
        }
        if (f.title() != null && !f.title().isBlank()) {
            b.append("   What changed: ").append(line(f.title())).append('\n');
        }
        if (f.detail() != null && !f.detail().isBlank()) {
            b.append("   Why it matters: ").append(indent(Redaction.text(TextRenderer.clean(f.detail())).strip(), "   "))
                    .append('\n');
        }
        if (f.remediation() != null && !f.remediation().commands().isEmpty()) {
            b.append("   Fix:\n");
            for (String command : f.remediation().commands()) {
                b.append("     $ ").append(indent(Redaction.text(TextRenderer.clean(command)), "       ")).append('\n');
            }
        }
        if (f.remediation() != null && f.remediation().note() != null && !f.remediation().note().isBlank()) {
            b.append("   Note: ").append(line(f.remediation().note())).append('\n');
        }
        b.append("   Finding id: ").append(f.id()).append('\n');
        return truncate(b.toString(), MAX_FINDING_BYTES);
    }

    private static String moreLine(int more, String where) {
        return "\n" + RULE + "\n\u2026 and " + more + " more finding" + (more == 1 ? "" : "s") + ": see " + where + "\n";
    }

    /** Cuts text to at most {@code maxBytes} UTF-8 bytes, never inside a character, marking the cut. */
    static String truncate(String text, int maxBytes) {
        if (utf8(text) <= maxBytes) {
            return text;
        }
        String marker = "\n   [cut: this finding is too long for an email; see the report]\n";
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

    private static String line(String text) {
        return TextRenderer.oneLine(TextRenderer.clean(Redaction.text(text)));
    }

    private static String indent(String text, String prefix) {
        return text.replace("\n", "\n" + prefix);
    }

    private static int attributeBytes(Map<String, String> attributes) {
        int size = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            // name + data type ("String" or "Number") + value, as SNS counts them
            size += utf8(e.getKey()) + utf8("String") + utf8(e.getValue());
        }
        return size;
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
