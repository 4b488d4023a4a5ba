package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one email (via SNS) a run sends (contract section 8), incident first.
 *
 * <ul>
 *   <li>{@code subject}: ASCII only, at most {@value SnsBody#MAX_SUBJECT_CHARS} characters, e.g.
 *       {@code IAM drift CRITICAL: 2 new incidents in 123456789012 (prod)}; a run whose only news is resolutions:
 *       {@code IAM drift RESOLVED: 1 incident resolved in 123456789012 (prod)}.</li>
 *   <li>{@code body}: plain text in three parts: <b>New</b> (each incident: the change line, what it grants as a
 *       compact diff, its consequences, the fix commands, who made it and when, the principals it reaches),
 *       <b>Still open</b> (one line each, when re-alert is due) and <b>Resolved since the last alert</b>; then the
 *       report's S3 location. Access key ids are masked.</li>
 *   <li>{@code attributes}: {@code severity} (the highest alerted), {@code accountId}, {@code findingCount},
 *       {@code incidentCount} (the new incidents).</li>
 * </ul>
 *
 * <p>Subject, body and attributes together stay within {@link #MAX_EMAIL_BYTES} (far below SNS's limit, so that an
 * email of a huge run stays readable); past it the body keeps the first incidents that fit (the new ones, most
 * severe first, then the still open and resolved lines) and ends with {@code ... N more incidents: see the report
 * at <reportUri>}; one incident's text is cut past {@link #MAX_FINDING_BYTES}.
 */
public record AlertMessage(String subject, String body, Map<String, String> attributes) {

    public static final int SNS_LIMIT_BYTES = SnsBody.SNS_LIMIT_BYTES;
    public static final int SAFETY_MARGIN_BYTES = SnsBody.SAFETY_MARGIN_BYTES;
    public static final int MAX_MESSAGE_BYTES = SnsBody.MAX_MESSAGE_BYTES;
    /** What one email may weigh (body, subject and attributes): a person reads it, the report holds the rest. */
    public static final int MAX_EMAIL_BYTES = 48 * 1024;
    /** One incident's text is cut past this, so that one huge policy cannot crowd out every other incident. */
    public static final int MAX_FINDING_BYTES = 12_288;

    public static final int MAX_SUBJECT_CHARS = SnsBody.MAX_SUBJECT_CHARS;

    public static final String ATTR_SEVERITY = "severity";
    public static final String ATTR_ACCOUNT_ID = "accountId";
    public static final String ATTR_FINDING_COUNT = "findingCount";
    public static final String ATTR_INCIDENT_COUNT = "incidentCount";

    private static final String RULE = SnsBody.RULE;

    public AlertMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * An incident closed since the last alert.
     *
     * @param resolvedBy who resolved it, when known, else {@code null}
     */
    public record Resolved(String id, Severity severity, String title, Instant firstSeen, String resolvedBy) {}

    /**
     * The three parts of a run's message.
     *
     * @param fresh incidents first seen or changed
     * @param stillOpen incidents alerted before whose re-alert is due
     * @param resolved incidents alerted before and gone now
     */
    public record Sections(List<Incident> fresh, List<Incident> stillOpen, List<Resolved> resolved) {
        public Sections {
            fresh = List.copyOf(fresh);
            stillOpen = List.copyOf(stillOpen);
            resolved = List.copyOf(resolved);
        }

        public boolean isEmpty() {
            return fresh.isEmpty() && stillOpen.isEmpty() && resolved.isEmpty();
        }
    }

    /**
     * The message for findings to alert, all of them new: the report's incidents that hold them.
     *
     * @throws IllegalArgumentException when there is nothing to alert
     */
    public static AlertMessage build(Report report, List<Finding> toAlert, String reportUri) {
        if (toAlert == null || toAlert.isEmpty()) {
            throw new IllegalArgumentException(
                    "no findings to alert: a run without new alert-worthy findings sends no message");
        }
        return build(report, new Sections(incidentsOf(report, toAlert), List.of(), List.of()), toAlert, reportUri);
    }

    /** The report's incidents holding any of the findings, in the report's order; correlated anew where none does. */
    public static List<Incident> incidentsOf(Report report, List<Finding> findings) {
        return Incidents.holding(report.accountId(), report.incidents(), findings);
    }

    /**
     * Builds the message.
     *
     * @param report the run's report (account, environment, run id)
     * @param sections what is new, still open and resolved; not all empty
     * @param toAlert the findings alerted (for {@code findingCount})
     * @param reportUri where the full report is, e.g. {@code s3://bucket/reports/123456789012/2025/01/31/run.json}
     */
    public static AlertMessage build(Report report, Sections sections, List<Finding> toAlert, String reportUri) {
        Objects.requireNonNull(report, "report");
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("nothing to alert: no new, still open or resolved incident");
        }
        String where = reportUri == null || reportUri.isBlank() ? "(the report was not stored)" : reportUri;
        List<Incident> open = new ArrayList<>(sections.fresh());
        open.addAll(sections.stillOpen());
        Severity highest = open.stream()
                .map(Incident::severity)
                .min(Enum::compareTo)
                .orElse(sections.resolved().stream()
                        .map(Resolved::severity)
                        .min(Enum::compareTo)
                        .orElse(Severity.INFO));

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ATTR_SEVERITY, highest.name());
        attributes.put(ATTR_ACCOUNT_ID, nullToEmpty(report.accountId()));
        attributes.put(ATTR_FINDING_COUNT, Integer.toString(toAlert.size()));
        attributes.put(ATTR_INCIDENT_COUNT, Integer.toString(sections.fresh().size()));

        String subject = subject(sections, highest, report.accountId(), report.environment());
        String header = header(report, sections, toAlert.size(), highest, where);
        String footer = SnsBody.footer("Full report", where);
        // one block per incident (a section's heading goes with its first), so the cut counts incidents exactly
        List<String> blocks = new ArrayList<>();
        int n = 1;
        for (Incident i : sections.fresh()) {
            blocks.add(heading(n == 1, "NEW", sections.fresh().size()) + newBlock(n++, i));
        }
        boolean first = true;
        for (Incident i : sections.stillOpen()) {
            blocks.add(heading(first, "STILL OPEN", sections.stillOpen().size()) + "  ["
                    + i.severity().name() + "] " + IncidentText.line(i.title()) + " (" + i.id() + ")\n");
            first = false;
        }
        first = true;
        for (Resolved r : sections.resolved()) {
            blocks.add(heading(
                            first,
                            "RESOLVED SINCE THE LAST ALERT",
                            sections.resolved().size())
                    + "  [" + r.severity().name() + "] " + IncidentText.line(nullToEmpty(r.title())) + " (" + r.id()
                    + (r.firstSeen() == null ? "" : ", open since " + r.firstSeen()) + ")"
                    + (r.resolvedBy() == null ? "" : ", resolved by " + IncidentText.line(r.resolvedBy())) + "\n");
            first = false;
        }
        int budget = Math.min(MAX_EMAIL_BYTES, MAX_MESSAGE_BYTES)
                - SnsBody.attributeBytes(attributes)
                - SnsBody.utf8(subject);
        String body = SnsBody.assemble(header, blocks, footer, budget, more -> moreLine(more, where));
        return new AlertMessage(subject, body, attributes);
    }

    /** The UTF-8 size SNS counts: body plus each attribute's name, data type and value. */
    public int sizeInBytes() {
        return utf8(body) + SnsBody.attributeBytes(attributes);
    }

    // ---- subject ---------------------------------------------------------------------------------------------

    private static String subject(Sections s, Severity highest, String accountId, String environment) {
        String in = " in " + nullToEmpty(accountId);
        if (!s.fresh().isEmpty()) {
            return subject(highest, s.fresh().size(), accountId, environment);
        }
        if (!s.stillOpen().isEmpty()) {
            int n = s.stillOpen().size();
            return SnsBody.subject(
                    ("IAM drift " + highest.name() + ": " + n + " incident" + (n == 1 ? "" : "s") + " still open" + in)
                            .strip(),
                    environment);
        }
        int n = s.resolved().size();
        return SnsBody.subject(
                ("IAM drift RESOLVED: " + n + " incident" + (n == 1 ? "" : "s") + " resolved" + in).strip(),
                environment);
    }

    static String subject(Severity highest, int count, String accountId, String environment) {
        return SnsBody.subject(
                ("IAM drift " + highest.name() + ": " + count + " new incident" + (count == 1 ? "" : "s") + " in "
                                + nullToEmpty(accountId))
                        .strip(),
                environment);
    }

    /** See {@link SnsBody#ascii}. */
    static String ascii(String text) {
        return SnsBody.ascii(text);
    }

    // ---- body ------------------------------------------------------------------------------------------------

    private static String header(Report report, Sections s, int findings, Severity highest, String where) {
        StringBuilder h = new StringBuilder();
        h.append("The IAM drift auditor reports on AWS account ").append(nullToEmpty(report.accountId()));
        if (report.environment() != null && !report.environment().isBlank()) {
            h.append(" (")
                    .append(TextRenderer.oneLine(TextRenderer.clean(report.environment())))
                    .append(')');
        }
        h.append(": ")
                .append(s.fresh().size())
                .append(" new incident")
                .append(s.fresh().size() == 1 ? "" : "s")
                .append(" (")
                .append(findings)
                .append(findings == 1 ? " finding" : " findings")
                .append("), ")
                .append(s.stillOpen().size())
                .append(" still open, ")
                .append(s.resolved().size())
                .append(" resolved.\n");
        if (!s.fresh().isEmpty() || !s.stillOpen().isEmpty()) {
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            s.fresh().forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
            s.stillOpen().forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
            StringBuilder c = new StringBuilder();
            counts.forEach((sev, n) ->
                    c.append(c.length() == 0 ? "" : ", ").append(n).append(' ').append(sev.name()));
            h.append("Highest severity: ")
                    .append(highest.name())
                    .append(" (")
                    .append(c)
                    .append(").\n");
        }
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

    /** A new incident as the n-th entry of a message, cut past {@link #MAX_FINDING_BYTES}. */
    public static String newBlock(int n, Incident i) {
        return SnsBody.truncate("\n" + n + ". " + IncidentText.block(i, "   "), MAX_FINDING_BYTES);
    }

    private static String heading(boolean first, String section, int count) {
        return first ? "\n" + RULE + "\n" + section + " (" + count + ")\n" : "";
    }

    private static String moreLine(int more, String where) {
        return SnsBody.moreIncidents(more, "the report at " + where);
    }

    /** Cuts text to at most {@code maxBytes} UTF-8 bytes, never inside a character, marking the cut. */
    static String truncate(String text, int maxBytes) {
        return SnsBody.truncate(text, maxBytes);
    }

    static int utf8(String s) {
        return SnsBody.utf8(s);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
