package io.iamdrift.organization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.FindingJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One organization run in one document ({@code reports/org/<runId>/summary.json}): a row per expected account,
 * totals, and an AUDIT_INCOMPLETE (CRITICAL) finding for every account that failed or never reported, so that
 * no account is a silent gap.
 *
 * @param finalizedBy the account whose member audit completed the set, or {@code deadline} when the run was
 *     closed with accounts missing
 * @param findings totals per severity over every account, the AUDIT_INCOMPLETE findings included
 * @param incomplete one AUDIT_INCOMPLETE finding per FAILED or MISSING account
 */
public record OrgSummary(
        String runId,
        String environment,
        Instant startedAt,
        Instant finishedAt,
        String finalizedBy,
        List<Row> accounts,
        Map<Severity, Integer> findings,
        List<Finding> incomplete) {

    /** The finalizer value when the run's deadline closed it. */
    public static final String DEADLINE = "deadline";

    /** How an expected account ended. */
    public enum AccountStatus {
        AUDITED,
        FAILED,
        MISSING
    }

    /** One account's line. */
    public record Row(
            String accountId,
            String accountName,
            AccountStatus status,
            int principalsAudited,
            Map<Severity, Integer> findings,
            String report,
            String error) {}

    public OrgSummary {
        accounts = List.copyOf(accounts);
        findings = Map.copyOf(findings);
        incomplete = List.copyOf(incomplete);
    }

    /** Ids of the expected accounts that have no result yet. */
    public static List<String> missing(RunManifest manifest, Set<String> reported) {
        return manifest.accounts().stream()
                .map(MemberAccount::id)
                .filter(id -> !reported.contains(id))
                .toList();
    }

    /** True when every expected account has a result. */
    public static boolean complete(RunManifest manifest, Set<String> reported) {
        return missing(manifest, reported).isEmpty();
    }

    /**
     * Aggregates the results of a run. Results for accounts the manifest does not expect are ignored (they cannot
     * come from this run's messages).
     */
    public static OrgSummary aggregate(
            RunManifest manifest, Collection<AccountResult> results, Instant finishedAt, String finalizedBy) {
        Map<String, AccountResult> byAccount = results.stream()
                .collect(Collectors.toMap(AccountResult::accountId, r -> r, (a, b) -> a, LinkedHashMap::new));
        List<Row> rows = new ArrayList<>();
        List<Finding> incomplete = new ArrayList<>();
        Map<Severity, Integer> totals = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            totals.put(s, 0);
        }
        for (MemberAccount account : manifest.accounts()) {
            AccountResult r = byAccount.get(account.id());
            if (r == null) {
                String why = "no result by the run's deadline " + manifest.deadline()
                        + ": the member audit never finished (its message may be in the dead-letter queue)";
                incomplete.add(incompleteFinding(account, "no-result", why));
                rows.add(new Row(account.id(), account.name(), AccountStatus.MISSING, 0, Map.of(), null, why));
            } else if (r.status() == AccountResult.Status.FAILED) {
                String why = "failed at " + r.failedStage() + " after " + r.attempts() + " attempt"
                        + (r.attempts() == 1 ? "" : "s") + ": " + r.error();
                incomplete.add(incompleteFinding(account, r.failedStage(), why));
                rows.add(new Row(account.id(), account.name(), AccountStatus.FAILED, 0, r.findings(), null, why));
            } else {
                r.findings().forEach((s, n) -> totals.merge(s, n, Integer::sum));
                rows.add(new Row(
                        account.id(),
                        account.name(),
                        AccountStatus.AUDITED,
                        r.principalsAudited(),
                        r.findings(),
                        r.report(),
                        null));
            }
        }
        totals.merge(Severity.CRITICAL, incomplete.size(), Integer::sum);
        return new OrgSummary(
                manifest.runId(),
                manifest.environment(),
                manifest.startedAt(),
                finishedAt,
                finalizedBy,
                rows,
                totals,
                incomplete);
    }

    /**
     * The AUDIT_INCOMPLETE finding of an account. Its id and evidence hold only the stage that failed, not the error
     * text (which carries request ids), so an account that keeps failing the same way is alerted once, not every run.
     */
    static Finding incompleteFinding(MemberAccount account, String stage, String why) {
        PrincipalRef who = PrincipalRef.account(account.id());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("accountId", account.id());
        evidence.put("stage", stage);
        String title = "Account " + account.id() + (account.name().isEmpty() ? "" : " (" + account.name() + ")")
                + " was not audited";
        Remediation fix = new Remediation(
                List.of(),
                "Check that the member role (StackSet instance) exists in the "
                        + "account, trusts the hub's member-audit role with the configured ExternalId, and that the member "
                        + "function's logs and the dead-letter queue show no error for this account.");
        return new Finding(
                Finding.fingerprint(account.id(), FindingType.AUDIT_INCOMPLETE, who, null, "org:" + stage),
                FindingType.AUDIT_INCOMPLETE,
                Severity.CRITICAL,
                who,
                null,
                title,
                why,
                evidence,
                fix);
    }

    public int count(AccountStatus status) {
        return (int) accounts.stream().filter(r -> r.status() == status).count();
    }

    public String toJson() {
        ObjectNode root = RunManifest.MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("runId", runId);
        root.put("environment", environment);
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", finishedAt.toString());
        root.put("finalizedBy", finalizedBy);
        ObjectNode totals = root.putObject("summary");
        totals.put("accountsExpected", accounts.size());
        for (AccountStatus s : AccountStatus.values()) {
            totals.put("accounts" + s.name().charAt(0) + s.name().substring(1).toLowerCase(), count(s));
        }
        totals.put(
                "principalsAudited",
                accounts.stream().mapToInt(Row::principalsAudited).sum());
        ObjectNode counts = totals.putObject("findings");
        for (Severity s : Severity.values()) {
            counts.put(s.name(), findings.getOrDefault(s, 0));
        }
        ArrayNode rows = root.putArray("accounts");
        for (Row r : accounts) {
            ObjectNode n = rows.addObject()
                    .put("accountId", r.accountId())
                    .put("accountName", r.accountName())
                    .put("status", r.status().name())
                    .put("principalsAudited", r.principalsAudited());
            ObjectNode c = n.putObject("findings");
            for (Severity s : Severity.values()) {
                c.put(s.name(), r.findings().getOrDefault(s, 0));
            }
            n.put("report", r.report());
            n.put("error", r.error());
        }
        ArrayNode list = root.putArray("incomplete");
        incomplete.forEach(f -> list.add(FindingJson.toNode(f)));
        return root.toPrettyString();
    }

    /** The summary for a person: totals, then a table of accounts, failures first. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# IAM drift: organization run ").append(runId).append("\n\n");
        if (environment != null && !environment.isBlank()) {
            md.append("Environment: ").append(environment).append("  \n");
        }
        md.append("Started ")
                .append(startedAt)
                .append(", finished ")
                .append(finishedAt)
                .append(" (closed by ")
                .append(finalizedBy)
                .append(").\n\n");
        md.append("Accounts: ")
                .append(accounts.size())
                .append(" expected, ")
                .append(count(AccountStatus.AUDITED))
                .append(" audited, ")
                .append(count(AccountStatus.FAILED))
                .append(" failed, ")
                .append(count(AccountStatus.MISSING))
                .append(" missing.  \n");
        md.append("Findings: ").append(Severity.CRITICAL.name()).append(' ').append(findings.get(Severity.CRITICAL));
        for (Severity s : List.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
            md.append(", ").append(s.name()).append(' ').append(findings.get(s));
        }
        md.append(".\n\n| Account | Name | Status | Principals | CRITICAL | HIGH | MEDIUM | LOW | Report or error |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        accounts.stream()
                .sorted(Comparator.comparing((Row r) -> r.status() == AccountStatus.AUDITED))
                .forEach(r -> md.append("| ")
                        .append(r.accountId())
                        .append(" | ")
                        .append(cell(r.accountName()))
                        .append(" | ")
                        .append(r.status())
                        .append(" | ")
                        .append(r.principalsAudited())
                        .append(" | ")
                        .append(r.findings().getOrDefault(Severity.CRITICAL, 0))
                        .append(" | ")
                        .append(r.findings().getOrDefault(Severity.HIGH, 0))
                        .append(" | ")
                        .append(r.findings().getOrDefault(Severity.MEDIUM, 0))
                        .append(" | ")
                        .append(r.findings().getOrDefault(Severity.LOW, 0))
                        .append(" | ")
                        .append(cell(r.report() != null ? r.report() : r.error()))
                        .append(" |\n"));
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
