package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The report for a terminal.
 *
 * <pre>
 * IAM drift audit: account 123456789012 (prod), 3 principals audited
 * Findings: CRITICAL 1, HIGH 0, MEDIUM 0, LOW 0, INFO 1
 * Required actions: 120 checked, 118 allowed (98.3%)
 * Run: 7f3e... from 2025-01-31T10:00:00Z to 2025-01-31T10:00:04Z
 *
 * CRITICAL (1)
 * [CRITICAL] user/ci-deployer-prod  POLICY_DRIFT  inline:deploy — Inline policy deploy widened
 *   The policy now allows iam:* on *.
 *   $ aws iam put-user-policy --user-name ci-deployer-prod ...
 *   Note: update the baseline if this change was intended.
 *
 * INFO (1)
 * [INFO] user/ci-deployer-prod  POLICY_DRIFT  inline:deploy — Equivalent rewrite
 *
 * Unaudited principals (1)
 *   role/deployer: AccessDenied on GetRole after 5 attempts
 * </pre>
 *
 * <p>Findings are grouped by severity, most severe first; INFO findings take one line each. Access key ids are
 * masked ({@link Redaction}) and control characters removed, so a hostile policy name cannot drive the terminal.
 * ANSI colours only when asked for.
 */
public final class TextRenderer {

    private static final String RESET = "\u001b[0m";

    private final boolean color;

    /** A renderer without colours. */
    public TextRenderer() {
        this(false);
    }

    /** @param color whether to colour severities with ANSI escape codes */
    public TextRenderer(boolean color) {
        this.color = color;
    }

    /** The report as plain text (no colours). */
    public static String renderPlain(Report report) {
        return new TextRenderer(false).render(report);
    }

    /** The report as terminal text, ending with a newline. */
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        header(report, out);
        incidents(report, out);
        List<Finding> findings = sorted(report.findings());
        if (findings.isEmpty()) {
            out.append('\n').append("No findings.").append('\n');
        }
        for (Severity sev : Severity.values()) {
            List<Finding> group =
                    findings.stream().filter(f -> f.severity() == sev).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.append('\n')
                    .append(paint(sev, sev.name() + " (" + group.size() + ")", true))
                    .append('\n');
            for (Finding f : group) {
                finding(f, out);
            }
        }
        if (!report.unaudited().isEmpty()) {
            out.append('\n')
                    .append("Unaudited principals (")
                    .append(report.unaudited().size())
                    .append(")\n");
            for (Report.Unaudited u : report.unaudited()) {
                out.append("  ")
                        .append(clean(u.principal().key()))
                        .append(": ")
                        .append(clean(oneLine(Redaction.text(u.reason()))))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Incident first: one block per change (standing posture last), before the findings they group. */
    private void incidents(Report report, StringBuilder out) {
        if (report.incidents().isEmpty()) {
            return;
        }
        out.append('\n').append("Incidents (").append(report.incidents().size()).append(")\n");
        int n = 1;
        for (Incident i : report.incidents()) {
            String block = IncidentText.block(i, "     ");
            out.append(String.format("%3d. ", n++))
                    .append(paint(i.severity(), block.substring(0, block.indexOf(']') + 1), true))
                    .append(block.substring(block.indexOf(']') + 1));
        }
        out.append('\n').append("Findings (").append(report.findings().size()).append(")\n");
    }

    private void header(Report report, StringBuilder out) {
        Report.Summary summary = report.summary();
        int audited = summary == null ? report.principals().size() : summary.principalsAudited();
        out.append("IAM drift audit: account ").append(clean(orDash(report.accountId())));
        if (report.environment() != null && !report.environment().isBlank()) {
            out.append(" (").append(clean(oneLine(report.environment()))).append(')');
        }
        out.append(", ")
                .append(audited)
                .append(audited == 1 ? " principal" : " principals")
                .append(" audited\n");

        Map<Severity, Integer> counts =
                summary == null ? Report.countBySeverity(report.findings()) : summary.findings();
        StringJoiner joiner = new StringJoiner(", ", "Findings: ", "\n");
        for (Severity sev : Severity.values()) {
            int n = counts.getOrDefault(sev, 0);
            String part = sev.name() + " " + n;
            joiner.add(n > 0 ? paint(sev, part, false) : part);
        }
        out.append(joiner);

        Report.RequiredActions ra = summary == null ? null : summary.requiredActions();
        if (ra != null && ra.checked() > 0) {
            out.append("Required actions: ")
                    .append(ra.checked())
                    .append(" checked, ")
                    .append(ra.allowed())
                    .append(" allowed (")
                    .append(MarkdownRenderer.percent(ra.allowed(), ra.checked()))
                    .append(")\n");
        }
        if (report.runId() != null || report.startedAt() != null) {
            out.append("Run: ").append(clean(orDash(report.runId())));
            if (report.startedAt() != null) {
                out.append(" from ").append(report.startedAt());
            }
            if (report.finishedAt() != null) {
                out.append(" to ").append(report.finishedAt());
            }
            out.append('\n');
        }
    }

    private void finding(Finding f, StringBuilder out) {
        out.append(paint(f.severity(), "[" + f.severity().name() + "]", true))
                .append(' ')
                .append(clean(f.principal().key()))
                .append("  ")
                .append(f.type().name());
        if (f.policy() != null && !f.policy().isBlank()) {
            out.append("  ").append(clean(oneLine(Redaction.text(f.policy()))));
        }
        if (f.title() != null && !f.title().isBlank()) {
            out.append(" \u2014 ").append(clean(oneLine(Redaction.text(f.title()))));
        }
        out.append('\n');
        if (f.severity() == Severity.INFO) {
            return;
        }
        if (f.detail() != null && !f.detail().isBlank()) {
            for (String line : clean(Redaction.text(f.detail())).strip().split("\n")) {
                out.append("  ").append(line).append('\n');
            }
        }
        if (f.remediation() != null) {
            for (String command : f.remediation().commands()) {
                out.append("  $ ")
                        .append(clean(Redaction.text(command)).replace("\n", "\n    "))
                        .append('\n');
            }
            String note = f.remediation().note();
            if (note != null && !note.isBlank()) {
                out.append("  Note: ")
                        .append(clean(oneLine(Redaction.text(note))))
                        .append('\n');
            }
        }
    }

    private String paint(Severity sev, String text, boolean bold) {
        if (!color) {
            return text;
        }
        String code = switch (sev) {
            case CRITICAL -> "31;1";
            case HIGH -> "31";
            case MEDIUM -> "33";
            case LOW -> "36";
            case INFO -> "2";
        };
        if (bold && sev != Severity.CRITICAL && sev != Severity.INFO) {
            code = code + ";1";
        }
        return "\u001b[" + code + "m" + text + RESET;
    }

    /** Findings most severe first, keeping the report's order within a severity. */
    static List<Finding> sorted(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(Comparator.comparing(Finding::severity));
        return copy;
    }

    /** Removes control characters (ANSI escapes included) except newlines and tabs; CRLF becomes LF. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
