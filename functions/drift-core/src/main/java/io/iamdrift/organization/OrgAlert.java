package io.iamdrift.organization;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.SnsBody;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one alert of an organization run: every account's new alert-worthy findings (as
 * {@link io.iamdrift.alert.AlertPlanner} chose them against the organization's alert state) in one SNS message,
 * grouped by account, with the summary's location. Same limits as the single-account
 * {@link io.iamdrift.report.AlertMessage}: an ASCII subject of at most 99 characters, a body that fits SNS with
 * margin (past it: {@code ... and N more findings: see <summary>}).
 */
public record OrgAlert(String subject, String body, Severity highest, int findingCount) {

    public static final int MAX_SUBJECT_CHARS = SnsBody.MAX_SUBJECT_CHARS;
    public static final int MAX_BODY_BYTES = SnsBody.MAX_MESSAGE_BYTES;

    public OrgAlert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** What the run could alert: each audited account's alert-worthy findings and every AUDIT_INCOMPLETE one. */
    public static List<Finding> candidates(OrgSummary summary, Collection<AccountResult> results) {
        List<Finding> out = new ArrayList<>(summary.incomplete());
        results.forEach(r -> out.addAll(r.alertable()));
        return out;
    }

    /**
     * Builds the message.
     *
     * @param toAlert the findings the planner chose (not empty)
     * @param summaryUri where the summary is
     */
    public static OrgAlert build(OrgSummary summary, Collection<AccountResult> results, List<Finding> toAlert,
            String summaryUri) {
        if (toAlert == null || toAlert.isEmpty()) {
            throw new IllegalArgumentException("no findings to alert: a run without new alert-worthy findings sends no message");
        }
        Map<String, String> accountOfFinding = new HashMap<>();
        Map<String, AccountResult> resultOf = new HashMap<>();
        for (AccountResult r : results) {
            resultOf.put(r.accountId(), r);
            r.alertable().forEach(f -> accountOfFinding.put(f.id(), r.accountId()));
        }
        summary.incomplete().forEach(f -> accountOfFinding.put(f.id(), f.principal().name()));
        Map<String, List<Finding>> byAccount = new LinkedHashMap<>();
        toAlert.stream().sorted(Comparator.comparing(Finding::severity)
                        .thenComparing(f -> accountOfFinding.getOrDefault(f.id(), "")))
                .forEach(f -> byAccount.computeIfAbsent(accountOfFinding.getOrDefault(f.id(), "unknown"),
                        k -> new ArrayList<>()).add(f));
        Severity highest = toAlert.stream().map(Finding::severity).min(Enum::compareTo).orElseThrow();

        String subject = SnsBody.subject("IAM drift " + highest.name() + ": " + toAlert.size() + " new finding"
                + (toAlert.size() == 1 ? "" : "s") + " in " + byAccount.size() + " account"
                + (byAccount.size() == 1 ? "" : "s") + " of the organization", summary.environment());
        String env = SnsBody.ascii(summary.environment() == null ? "" : summary.environment());

        StringBuilder header = new StringBuilder();
        header.append("The IAM drift auditor found ").append(toAlert.size()).append(" new finding")
                .append(toAlert.size() == 1 ? "" : "s").append(" in ").append(byAccount.size()).append(" account")
                .append(byAccount.size() == 1 ? "" : "s").append(" of the organization")
                .append(env.isEmpty() ? "" : " (" + env + ")").append(".\n");
        header.append("Run ").append(summary.runId()).append(": ").append(summary.accounts().size())
                .append(" accounts expected, ").append(summary.count(OrgSummary.AccountStatus.AUDITED)).append(" audited, ")
                .append(summary.count(OrgSummary.AccountStatus.FAILED)).append(" failed, ")
                .append(summary.count(OrgSummary.AccountStatus.MISSING)).append(" missing.\n");
        header.append("Summary: ").append(summaryUri).append('\n');
        List<String> blocks = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byAccount.entrySet()) {
            AccountResult r = resultOf.get(e.getKey());
            String name = summary.accounts().stream().filter(row -> row.accountId().equals(e.getKey()))
                    .map(OrgSummary.Row::accountName).findFirst().orElse("");
            String head = "\n" + SnsBody.RULE + "\nAccount " + e.getKey()
                    + (name.isEmpty() ? "" : " (" + oneLine(name) + ")") + ": "
                    + e.getValue().size() + " new" + (r == null || r.report() == null ? "" : ", report " + r.report())
                    + "\n";
            boolean first = true;
            for (Finding f : e.getValue()) {
                blocks.add((first ? head : "") + block(f));
                first = false;
            }
        }
        int budget = MAX_BODY_BYTES - SnsBody.utf8(subject) - 200;
        String body = SnsBody.assemble(header.toString(), blocks, SnsBody.footer("Organization summary", summaryUri),
                budget, more -> "\n... and " + more + " more finding" + (more == 1 ? "" : "s") + ": see " + summaryUri + "\n");
        return new OrgAlert(subject, body, highest, toAlert.size());
    }

    private static String block(Finding f) {
        StringBuilder b = new StringBuilder();
        b.append("  [").append(f.severity().name()).append("] ").append(f.type().name()).append(" on ")
                .append(f.principal().key());
        if (f.policy() != null && !f.policy().isBlank()) {
            b.append(" (").append(oneLine(f.policy())).append(')');
        }
        b.append('\n');
        if (f.title() != null && !f.title().isBlank()) {
            b.append("    ").append(oneLine(f.title())).append('\n');
        }
        if (f.remediation() != null) {
            f.remediation().commands().stream().limit(3).forEach(c -> b.append("    $ ").append(oneLine(c)).append('\n'));
        }
        b.append("    Finding id: ").append(f.id()).append('\n');
        return b.toString();
    }

    private static String oneLine(String text) {
        String t = io.iamdrift.report.Redaction.text(text).replaceAll("[\\r\\n\\t]+", " ").strip();
        return t.length() > 500 ? t.substring(0, 497) + "..." : t;
    }

}
