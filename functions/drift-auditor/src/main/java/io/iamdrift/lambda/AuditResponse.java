package io.iamdrift.lambda;

import io.iamdrift.finding.Severity;
import io.iamdrift.report.Report;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler returns (contract section 7).
 *
 * @param report the {@code s3://} URI of the stored JSON report
 */
public record AuditResponse(
        String runId, int principalsAudited, Map<Severity, Integer> findings, boolean notified, String report) {

    static AuditResponse of(Report r, boolean notified, String reportUri) {
        return new AuditResponse(
                r.runId(), r.summary().principalsAudited(), Report.countBySeverity(r.findings()), notified, reportUri);
    }

    /** The JSON-ready response: {@code {"runId", "principalsAudited", "findings": {...}, "notified", "report"}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s.name(), findings.getOrDefault(s, 0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", runId);
        out.put("principalsAudited", principalsAudited);
        out.put("findings", counts);
        out.put("notified", notified);
        out.put("report", report);
        return out;
    }
}
