package io.iamdrift.bench;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints, for each report JSON given (as {@code java -jar drift-auditor.jar audit --format json} writes it): its
 * findings and incidents, its size on disk, and the size of the email the first run on that account would send
 * (every CRITICAL finding new, as with the default ALERT_MIN_SEVERITY). Used by scripts/bench-incidents.sh.
 */
public final class IncidentBench {

    private IncidentBench() {}

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            Path path = Path.of(arg);
            Report report;
            try (InputStream in = Files.newInputStream(path)) {
                report = ReportJson.read(in);
            }
            List<Finding> critical = report.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).toList();
            String email = critical.isEmpty() ? "no email (nothing CRITICAL)" : String.format("%.1f KB email",
                    AlertMessage.build(report, critical, "s3://bucket/reports/" + report.accountId() + "/run.json")
                            .sizeInBytes() / 1024.0);
            long criticalIncidents = report.incidents().stream().filter(i -> i.severity() == Severity.CRITICAL).count();
            System.out.printf("%s: %d findings -> %d incidents (%d CRITICAL incidents from %d CRITICAL findings); "
                            + "report %.1f MB; %s%n", arg, report.findings().size(), report.incidents().size(),
                    criticalIncidents, critical.size(), Files.size(path) / 1_048_576.0, email);
        }
    }
}
