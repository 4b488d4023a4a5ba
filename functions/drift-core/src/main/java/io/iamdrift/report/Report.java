package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One audit run's report (contract section 4).
 *
 * @param findings sorted by severity (most severe first), then principal, then type
 * @param unaudited principals that could not be audited in full, with why
 * @param principals the inventory: every principal audited, with its environment-facing facts
 * @param incidents every finding in exactly one incident (one change and what it caused), most severe first
 */
public record Report(
        int schemaVersion,
        String runId,
        String accountId,
        String environment,
        Instant startedAt,
        Instant finishedAt,
        Summary summary,
        List<Finding> findings,
        List<Unaudited> unaudited,
        List<InventoryEntry> principals,
        List<Incident> incidents) {

    public static final int SCHEMA_VERSION = 1;

    public Report {
        findings = List.copyOf(findings);
        unaudited = List.copyOf(unaudited);
        principals = List.copyOf(principals);
        incidents = List.copyOf(incidents);
    }

    /** A report whose incidents are correlated from its findings ({@link Incidents#correlate}). */
    public Report(
            int schemaVersion,
            String runId,
            String accountId,
            String environment,
            Instant startedAt,
            Instant finishedAt,
            Summary summary,
            List<Finding> findings,
            List<Unaudited> unaudited,
            List<InventoryEntry> principals) {
        this(
                schemaVersion,
                runId,
                accountId,
                environment,
                startedAt,
                finishedAt,
                summary,
                findings,
                unaudited,
                principals,
                Incidents.correlate(accountId, findings));
    }

    /** This report with other incidents (e.g. the same ones with who made each change). */
    public Report withIncidents(List<Incident> other) {
        return new Report(
                schemaVersion,
                runId,
                accountId,
                environment,
                startedAt,
                finishedAt,
                summary,
                findings,
                unaudited,
                principals,
                other);
    }

    /** The incident of each finding, by finding id. */
    public Map<String, String> incidentOfFinding() {
        return Incidents.index(incidents);
    }

    /** Counts per severity, every severity present (zeros included), most severe first. */
    public static Map<Severity, Integer> countBySeverity(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /** The most severe finding's severity, or {@code null} when there is none. */
    public Severity highestSeverity() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
    }

    /** The summary block. */
    public record Summary(int principalsAudited, Map<Severity, Integer> findings, RequiredActions requiredActions) {
        public Summary {
            findings = Map.copyOf(new EnumMap<>(findings));
        }
    }

    /** Coverage of required actions: how many were checked and how many the principals are allowed. */
    public record RequiredActions(int checked, int allowed) {}

    /** A principal that could not be audited in full. */
    public record Unaudited(PrincipalRef principal, String reason) {}

    /**
     * One line of the inventory table (seed 002 step 7): who was audited and what is attached.
     *
     * @param source {@code baseline} when a baseline names the principal, {@code discovery} when only a rule matched
     */
    public record InventoryEntry(
            PrincipalRef principal,
            String environment,
            String source,
            List<String> managedPolicies,
            List<String> inlinePolicies,
            List<String> groups,
            String permissionsBoundary) {
        public InventoryEntry {
            managedPolicies = List.copyOf(managedPolicies);
            inlinePolicies = List.copyOf(inlinePolicies);
            groups = List.copyOf(groups);
        }
    }
}
