package io.iamdrift.organization;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.IncidentText;
import io.iamdrift.report.SnsBody;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one alert of an organization run, incident first like the account's {@link AlertMessage}: every account's new
 * incidents (those holding the alert-worthy findings {@link io.iamdrift.alert.AlertPlanner} chose against the
 * organization's alert state), most severe account first and most severe incident first within it, each rendered
 * by {@link IncidentText}, with the summary's location. Same limits as the account's alert: an ASCII subject of at
 * most {@value SnsBody#MAX_SUBJECT_CHARS} characters, subject, body and attributes within
 * {@link AlertMessage#MAX_EMAIL_BYTES} (past it: {@code ... N more incidents: see <summary>}).
 *
 * @param attributes {@code severity}, {@code accountId} (the hub account), {@code findingCount}, {@code incidentCount}
 */
public record OrgAlert(
        String subject,
        String body,
        Severity highest,
        int findingCount,
        int incidentCount,
        Map<String, String> attributes) {

    public static final int MAX_SUBJECT_CHARS = SnsBody.MAX_SUBJECT_CHARS;
    public static final int MAX_EMAIL_BYTES = AlertMessage.MAX_EMAIL_BYTES;

    public OrgAlert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** What the run could alert: each audited account's alert-worthy findings and every AUDIT_INCOMPLETE one. */
    public static List<Finding> candidates(OrgSummary summary, Collection<AccountResult> results) {
        List<Finding> out = new ArrayList<>(summary.incomplete());
        results.forEach(r -> out.addAll(r.alertable()));
        return out;
    }

    /** The UTF-8 size SNS counts: body plus attributes. */
    public int sizeInBytes() {
        return SnsBody.utf8(body) + SnsBody.attributeBytes(attributes);
    }

    /**
     * Builds the message.
     *
     * @param hubAccountId the account the organization run starts from (the {@code accountId} attribute)
     * @param toAlert the findings the planner chose (not empty)
     * @param summaryUri where the summary is
     */
    public static OrgAlert build(
            OrgSummary summary,
            Collection<AccountResult> results,
            List<Finding> toAlert,
            String hubAccountId,
            String summaryUri) {
        if (toAlert == null || toAlert.isEmpty()) {
            throw new IllegalArgumentException(
                    "no findings to alert: a run without new alert-worthy findings sends no message");
        }
        List<Account> accounts = accounts(summary, results, toAlert);
        int incidents = accounts.stream().mapToInt(a -> a.incidents().size()).sum();
        Severity highest = accounts.get(0).incidents().get(0).severity();

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(AlertMessage.ATTR_SEVERITY, highest.name());
        attributes.put(AlertMessage.ATTR_ACCOUNT_ID, hubAccountId == null ? "" : hubAccountId);
        attributes.put(AlertMessage.ATTR_FINDING_COUNT, Integer.toString(toAlert.size()));
        attributes.put(AlertMessage.ATTR_INCIDENT_COUNT, Integer.toString(incidents));

        String in = " in " + accounts.size() + " account" + (accounts.size() == 1 ? "" : "s") + " of the organization";
        String subject = SnsBody.subject(
                "IAM drift " + highest.name() + ": " + incidents + " new incident" + (incidents == 1 ? "" : "s") + in,
                summary.environment());
        String env = summary.environment() == null ? "" : IncidentText.line(summary.environment());

        StringBuilder header = new StringBuilder();
        header.append("The IAM drift auditor found ")
                .append(incidents)
                .append(" new incident")
                .append(incidents == 1 ? "" : "s")
                .append(" (")
                .append(toAlert.size())
                .append(" finding")
                .append(toAlert.size() == 1 ? "" : "s")
                .append(")")
                .append(in)
                .append(env.isEmpty() ? "" : " (" + env + ")")
                .append(".\n");
        header.append("Run ")
                .append(summary.runId())
                .append(": ")
                .append(summary.accounts().size())
                .append(" accounts expected, ")
                .append(summary.count(OrgSummary.AccountStatus.AUDITED))
                .append(" audited, ")
                .append(summary.count(OrgSummary.AccountStatus.FAILED))
                .append(" failed, ")
                .append(summary.count(OrgSummary.AccountStatus.MISSING))
                .append(" missing.\n");
        header.append("Summary: ").append(summaryUri).append('\n');
        // one block per incident (an account's heading goes with its first), so the cut counts incidents exactly
        List<String> blocks = new ArrayList<>();
        int n = 1;
        for (Account a : accounts) {
            String head = "\n" + SnsBody.RULE + "\nAccount " + a.id()
                    + (a.name().isEmpty() ? "" : " (" + IncidentText.line(a.name()) + ")") + ": "
                    + a.incidents().size() + " new incident" + (a.incidents().size() == 1 ? "" : "s")
                    + (a.report() == null ? "" : ", report " + a.report()) + "\n";
            boolean first = true;
            for (Incident i : a.incidents()) {
                blocks.add((first ? head : "") + AlertMessage.newBlock(n++, i));
                first = false;
            }
        }
        int budget = Math.min(MAX_EMAIL_BYTES, SnsBody.MAX_MESSAGE_BYTES)
                - SnsBody.attributeBytes(attributes)
                - SnsBody.utf8(subject);
        String body = SnsBody.assemble(
                header.toString(),
                blocks,
                SnsBody.footer("Organization summary", summaryUri),
                budget,
                more -> SnsBody.moreIncidents(more, summaryUri));
        return new OrgAlert(subject, body, highest, toAlert.size(), incidents, attributes);
    }

    /** One account's part of the message: its new incidents, most severe first. */
    private record Account(String id, String name, String report, List<Incident> incidents) {}

    /** The accounts with something to alert, most severe first (then by account id). */
    private static List<Account> accounts(
            OrgSummary summary, Collection<AccountResult> results, List<Finding> toAlert) {
        Map<String, String> accountOfFinding = new HashMap<>();
        Map<String, AccountResult> resultOf = new HashMap<>();
        for (AccountResult r : results) {
            resultOf.put(r.accountId(), r);
            r.alertable().forEach(f -> accountOfFinding.put(f.id(), r.accountId()));
        }
        // an account that failed or is missing is its own AUDIT_INCOMPLETE finding, named by the account id
        summary.incomplete()
                .forEach(f -> accountOfFinding.put(f.id(), f.principal().name()));
        Map<String, List<Finding>> byAccount = new LinkedHashMap<>();
        toAlert.forEach(f -> byAccount
                .computeIfAbsent(accountOfFinding.getOrDefault(f.id(), "unknown"), k -> new ArrayList<>())
                .add(f));
        List<Account> out = new ArrayList<>();
        byAccount.forEach((id, findings) -> {
            AccountResult r = resultOf.get(id);
            List<Incident> incidents =
                    new ArrayList<>(Incidents.holding(id, r == null ? List.of() : r.incidents(), findings));
            incidents.sort(Comparator.comparing(Incident::severity));
            String name = summary.accounts().stream()
                    .filter(row -> row.accountId().equals(id))
                    .map(OrgSummary.Row::accountName)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse("");
            out.add(new Account(id, name, r == null ? null : r.report(), incidents));
        });
        out.sort(Comparator.comparing((Account a) -> a.incidents().get(0).severity())
                .thenComparing(Account::id));
        return out;
    }
}
