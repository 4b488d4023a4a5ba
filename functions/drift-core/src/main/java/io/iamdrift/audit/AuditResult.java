package io.iamdrift.audit;

import io.iamdrift.finding.Finding;
import io.iamdrift.report.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an audit found.
 *
 * @param findings every finding, most severe first
 * @param unaudited principals not audited in full (each also has an AUDIT_INCOMPLETE finding)
 * @param inventory the principals audited
 * @param requiredActions how many required actions were checked and allowed
 */
public record AuditResult(
        String accountId,
        String environment,
        List<Finding> findings,
        List<Report.Unaudited> unaudited,
        List<Report.InventoryEntry> inventory,
        Report.RequiredActions requiredActions) {

    public AuditResult {
        findings = List.copyOf(findings);
        unaudited = List.copyOf(unaudited);
        inventory = List.copyOf(inventory);
    }

    /** The order of findings in a result: most severe first, then by principal, type and id. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing((Finding f) -> f.principal().key())
            .thenComparing(f -> f.type().name())
            .thenComparing(Finding::id);

    /** This result with more findings, in {@link #ORDER}. */
    public AuditResult withFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        all.sort(ORDER);
        return new AuditResult(accountId, environment, all, unaudited, inventory, requiredActions);
    }

    /** The report of this result for one run. */
    public Report toReport(String runId, Instant startedAt, Instant finishedAt) {
        return new Report(
                Report.SCHEMA_VERSION,
                runId,
                accountId,
                environment,
                startedAt,
                finishedAt,
                new Report.Summary(inventory.size(), Report.countBySeverity(findings), requiredActions),
                findings,
                unaudited,
                inventory);
    }
}
