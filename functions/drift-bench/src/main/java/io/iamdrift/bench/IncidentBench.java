package io.iamdrift.bench;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.organization.AccountResult;
import io.iamdrift.organization.MemberAccount;
import io.iamdrift.organization.OrgAlert;
import io.iamdrift.organization.OrgSummary;
import io.iamdrift.organization.RunManifest;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints, for each report JSON given (as {@code java -jar drift-auditor.jar audit --format json} writes it): its
 * findings and incidents, its size on disk, and the size of the email the first run on that account would send
 * (every CRITICAL finding new, as with the default ALERT_MIN_SEVERITY); then the size of the organization email
 * of a first run over the reports as member accounts (one per account id). Used by scripts/bench-incidents.sh.
 */
public final class IncidentBench {

    private IncidentBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, AccountResult> members = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (String arg : args) {
            Path path = Path.of(arg);
            Report report;
            try (InputStream in = Files.newInputStream(path)) {
                report = ReportJson.read(in);
            }
            List<Finding> critical = report.findings().stream()
                    .filter(f -> f.severity() == Severity.CRITICAL)
                    .toList();
            String email = critical.isEmpty()
                    ? "no email (nothing CRITICAL)"
                    : String.format(
                            "%.1f KB email",
                            AlertMessage.build(
                                                    report,
                                                    critical,
                                                    "s3://bucket/reports/" + report.accountId() + "/run.json")
                                            .sizeInBytes()
                                    / 1024.0);
            long criticalIncidents = report.incidents().stream()
                    .filter(i -> i.severity() == Severity.CRITICAL)
                    .count();
            System.out.printf(
                    "%s: %d findings -> %d incidents (%d CRITICAL incidents from %d CRITICAL findings); "
                            + "report %.1f MB; %s%n",
                    arg,
                    report.findings().size(),
                    report.incidents().size(),
                    criticalIncidents,
                    critical.size(),
                    Files.size(path) / 1_048_576.0,
                    email);
            MemberAccount member =
                    new MemberAccount(report.accountId(), path.getFileName().toString(), "ACTIVE");
            members.putIfAbsent(
                    report.accountId(),
                    AccountResult.audited(
                            member,
                            report,
                            "s3://bucket/reports/" + report.accountId() + "/run.json",
                            1,
                            Severity.CRITICAL));
        }
        List<MemberAccount> accounts = members.values().stream()
                .map(r -> new MemberAccount(r.accountId(), r.accountName(), "ACTIVE"))
                .toList();
        RunManifest manifest = new RunManifest("bench", now, now, "999999999999", "bench", accounts);
        OrgSummary summary = OrgSummary.aggregate(manifest, members.values(), now, "bench");
        List<Finding> toAlert = OrgAlert.candidates(summary, members.values());
        if (!toAlert.isEmpty()) {
            OrgAlert alert = OrgAlert.build(
                    summary, members.values(), toAlert, "999999999999", "s3://bucket/reports/org/bench/summary.json");
            System.out.printf(
                    "organization of %d accounts: %d CRITICAL findings -> %d incidents; %.1f KB email%n",
                    members.size(), toAlert.size(), alert.incidentCount(), alert.sizeInBytes() / 1024.0);
        }
    }
}
