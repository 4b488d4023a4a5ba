package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as GitHub-flavoured Markdown, in the layout of the audit procedure (seed 002, step 7):
 * {@code ## IAM Permissions Audit Report} with the run's metadata, {@code ### Incidents} (one per change, with its
 * grant diff, consequences and fix commands), {@code ### IAM Users Inventory},
 * {@code ### Critical Issues} (numbered), {@code ### Findings by severity} (a table per severity, then each
 * finding's detail and fix commands in {@code bash} blocks), {@code ### Coverage Summary} and
 * {@code ### Unaudited}. Table cells escape {@code |}, newlines and HTML; access key ids are masked.
 */
public final class MarkdownRenderer {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownRenderer() {}

    /** The report as Markdown, ending with a newline. */
    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        metadata(report, md);
        incidents(report, md);
        inventory(report, md);
        criticalIssues(report, md);
        findingsBySeverity(report, md);
        coverage(report, md);
        unaudited(report, md);
        return md.toString();
    }

    private static void metadata(Report report, StringBuilder md) {
        Report.Summary summary = report.summary();
        int audited = summary == null ? report.principals().size() : summary.principalsAudited();
        Map<Severity, Integer> counts =
                summary == null ? Report.countBySeverity(report.findings()) : summary.findings();
        md.append("## IAM Permissions Audit Report\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Account", report.accountId());
        row(md, "Environment", report.environment());
        row(md, "Run", report.runId());
        row(
                md,
                "Started",
                report.startedAt() == null ? null : report.startedAt().toString());
        row(
                md,
                "Finished",
                report.finishedAt() == null ? null : report.finishedAt().toString());
        row(md, "Principals audited", String.valueOf(audited));
        StringBuilder c = new StringBuilder();
        for (Severity s : Severity.values()) {
            if (c.length() > 0) {
                c.append(", ");
            }
            c.append(s.name()).append(' ').append(counts.getOrDefault(s, 0));
        }
        row(md, "Findings", c.toString());
        md.append('\n');
    }

    /** One entry per change: the change line, the grant diff, consequences, fix commands, who, principals reached. */
    private static void incidents(Report report, StringBuilder md) {
        md.append("### Incidents\n\n");
        if (report.incidents().isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        int n = 1;
        for (Incident i : report.incidents()) {
            md.append(n++)
                    .append(". **[")
                    .append(i.severity().name())
                    .append("] ")
                    .append(inline(i.title()))
                    .append("** (`")
                    .append(i.id())
                    .append("`, ")
                    .append(i.findings().size())
                    .append(i.findings().size() == 1 ? " finding" : " findings")
                    .append(")\n");
            if (!i.change().grants().isEmpty()) {
                StringBuilder diff = new StringBuilder();
                i.change()
                        .grants()
                        .forEach(g -> diff.append(TextRenderer.clean(Redaction.text(g)))
                                .append('\n'));
                String fence = fenceFor(diff);
                md.append("   ")
                        .append(fence)
                        .append("diff\n")
                        .append(diff.toString().replaceAll("(?m)^", "   "))
                        .append("   ")
                        .append(fence)
                        .append('\n');
            }
            if (!i.change().consequences().isEmpty()) {
                md.append("   - Consequences: ")
                        .append(inline(String.join("; ", i.change().consequences())))
                        .append('\n');
            }
            if (i.actor() != null) {
                md.append("   - Who: ").append(inline(i.actor().describe())).append('\n');
            }
            if (i.principals().size() > 1) {
                md.append("   - Principals: ")
                        .append(inline(IncidentText.principals(i.principals())))
                        .append('\n');
            }
            if (!i.fix().isEmpty()) {
                StringBuilder body = new StringBuilder();
                i.fix()
                        .forEach(c -> body.append(TextRenderer.clean(Redaction.text(c)))
                                .append('\n'));
                String fence = fenceFor(body);
                md.append("   ")
                        .append(fence)
                        .append("bash\n")
                        .append(body.toString().replaceAll("(?m)^", "   "))
                        .append("   ")
                        .append(fence)
                        .append('\n');
            }
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| **").append(label).append("** | ").append(cell(value)).append(" |\n");
    }

    private static void inventory(Report report, StringBuilder md) {
        md.append("### IAM Users Inventory\n\n");
        if (report.principals().isEmpty()) {
            md.append("No principals in the inventory.\n\n");
            return;
        }
        md.append("| Environment | Principal | Source | Managed policies | Inline | Groups | Boundary |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Report.InventoryEntry e : report.principals()) {
            md.append("| ")
                    .append(cell(e.environment()))
                    .append(" | ")
                    .append(cell(e.principal().key()))
                    .append(" | ")
                    .append(cell(e.source()))
                    .append(" | ")
                    .append(list(e.managedPolicies().stream()
                            .map(MarkdownRenderer::policyName)
                            .toList()))
                    .append(" | ")
                    .append(list(e.inlinePolicies()))
                    .append(" | ")
                    .append(list(e.groups()))
                    .append(" | ")
                    .append(cell(e.permissionsBoundary() == null ? null : policyName(e.permissionsBoundary())))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void criticalIssues(Report report, StringBuilder md) {
        md.append("### Critical Issues\n\n");
        List<Finding> critical = report.findings().stream()
                .filter(f -> f.severity() == Severity.CRITICAL)
                .toList();
        if (critical.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        int i = 1;
        for (Finding f : critical) {
            md.append(i++)
                    .append(". [CRITICAL] ")
                    .append(inline(f.principal().key()))
                    .append(' ')
                    .append(f.type().name());
            if (f.policy() != null && !f.policy().isBlank()) {
                md.append(" (").append(inline(f.policy())).append(')');
            }
            md.append(": ").append(inline(f.title())).append('\n');
        }
        md.append('\n');
    }

    private static void findingsBySeverity(Report report, StringBuilder md) {
        md.append("### Findings by severity\n\n");
        List<Finding> findings = TextRenderer.sorted(report.findings());
        if (findings.isEmpty()) {
            md.append("No findings.\n\n");
            return;
        }
        for (Severity sev : Severity.values()) {
            List<Finding> group =
                    findings.stream().filter(f -> f.severity() == sev).toList();
            if (group.isEmpty()) {
                continue;
            }
            md.append("#### ")
                    .append(sev.name())
                    .append(" (")
                    .append(group.size())
                    .append(")\n\n");
            md.append("| Principal | Type | Policy | Title |\n|---|---|---|---|\n");
            for (Finding f : group) {
                md.append("| ")
                        .append(cell(f.principal().key()))
                        .append(" | ")
                        .append(f.type().name())
                        .append(" | ")
                        .append(cell(f.policy()))
                        .append(" | ")
                        .append(cell(f.title()))
                        .append(" |\n");
            }
            md.append('\n');
            if (sev == Severity.INFO) {
                continue;
            }
            for (Finding f : group) {
                details(f, md);
            }
        }
    }

    private static void details(Finding f, StringBuilder md) {
        md.append("**")
                .append(inline(f.title() == null ? f.type().name() : f.title()))
                .append("** (")
                .append(inline(f.principal().key()));
        if (f.policy() != null && !f.policy().isBlank()) {
            md.append(", ").append(inline(f.policy()));
        }
        md.append(", `").append(f.id()).append("`)\n\n");
        if (f.detail() != null && !f.detail().isBlank()) {
            md.append(escapeText(Redaction.text(f.detail()).strip())).append("\n\n");
        }
        if (f.remediation() != null && !f.remediation().commands().isEmpty()) {
            StringBuilder body = new StringBuilder();
            for (String c : f.remediation().commands()) {
                body.append(TextRenderer.clean(Redaction.text(c))).append('\n');
            }
            String fence = fenceFor(body);
            md.append(fence).append("bash\n").append(body).append(fence).append("\n\n");
        }
        if (f.remediation() != null
                && f.remediation().note() != null
                && !f.remediation().note().isBlank()) {
            md.append("> **Note:** ").append(inline(f.remediation().note())).append("\n\n");
        }
    }

    private static void coverage(Report report, StringBuilder md) {
        md.append("### Coverage Summary\n\n");
        Report.RequiredActions ra =
                report.summary() == null ? null : report.summary().requiredActions();
        int checked = ra == null ? 0 : ra.checked();
        int allowed = ra == null ? 0 : ra.allowed();
        md.append("- Required IAM actions checked: ").append(checked).append('\n');
        md.append("- Allowed by current policies: ").append(allowed).append('\n');
        md.append("- Missing actions: ").append(Math.max(0, checked - allowed)).append('\n');
        md.append("- Coverage: ")
                .append(allowed)
                .append('/')
                .append(checked)
                .append(" (")
                .append(percent(allowed, checked))
                .append(")\n\n");
    }

    private static void unaudited(Report report, StringBuilder md) {
        md.append("### Unaudited\n\n");
        if (report.unaudited().isEmpty()) {
            md.append("All principals were audited in full.\n");
            return;
        }
        md.append("| Principal | Reason |\n|---|---|\n");
        for (Report.Unaudited u : report.unaudited()) {
            md.append("| ")
                    .append(cell(u.principal().key()))
                    .append(" | ")
                    .append(cell(u.reason()))
                    .append(" |\n");
        }
    }

    /** {@code allowed/checked} as a percentage with one decimal ({@code "98.3%"}), {@code "n/a"} when none checked. */
    static String percent(int allowed, int checked) {
        if (checked <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * allowed / checked);
    }

    /**
     * Text for a table cell: access key ids masked, {@code |} escaped, line breaks as {@code <br>}, HTML and
     * Markdown specials neutralised; empty for {@code null}.
     */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "\u2014";
        }
        return escapeText(Redaction.text(text).strip()).replace("\n", "<br>");
    }

    /** Text on one line of running Markdown (list item, bold title): like a cell but line breaks become spaces. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        return escapeText(TextRenderer.oneLine(Redaction.text(text)));
    }

    /** Escapes what would otherwise be Markdown or HTML; keeps line breaks as LF. */
    static String escapeText(String text) {
        String s = TextRenderer.clean(text);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '|' -> out.append("\\|");
                case '\\', '`', '*', '_', '[', ']', '#' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "\u2014";
        }
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (out.length() > 0) {
                out.append("<br>");
            }
            out.append(cell(item));
        }
        return out.toString();
    }

    /** {@code arn:aws:iam::123:policy/ci/CIDeployCore} becomes {@code CIDeployCore}; AWS managed ones keep a marker. */
    static String policyName(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return arn;
        }
        int slash = arn.lastIndexOf('/');
        String name = slash < 0 ? arn : arn.substring(slash + 1);
        return arn.contains(":aws:policy/") ? name + " (AWS managed)" : name;
    }

    /** A code fence longer than any run of backticks in the body. */
    private static String fenceFor(CharSequence body) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(body);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
