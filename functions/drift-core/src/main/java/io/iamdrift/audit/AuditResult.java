package io.iamdrift.audit;

import io.iamdrift.finding.Finding;
import io.iamdrift.report.Report;
import java.time.Instant;
import java.util.List;

/**
 * What an audit found.
 *
 * @param findings every finding, most severe first
 * @param unaudited principals not audited in full (each also has an AUDIT_INCOMPLETE finding)
 * @param inventory the principals audited
 * @param requiredActions how many required actions were checked and allowed
 */
public record AuditResult(String accountId, String environment, List<Finding> findings, List<Report.Unaudited> unaudited,
        List<Report.InventoryEntry> inventory, Report.RequiredActions requiredActions) {

    public AuditResult {
        findings = List.copyOf(findings);
        unaudited = List.copyOf(unaudited);
        inventory = List.copyOf(inventory);
    }

    /** The report of this result for one run. */
    public Report toReport(String runId, Instant startedAt, Instant finishedAt) {
        return new Report(Report.SCHEMA_VERSION, runId, accountId, environment, startedAt, finishedAt,
                new Report.Summary(inventory.size(), Report.countBySeverity(findings), requiredActions),
                findings, unaudited, inventory);
    }
}
