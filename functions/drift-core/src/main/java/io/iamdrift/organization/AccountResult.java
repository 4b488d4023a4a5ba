package io.iamdrift.organization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.FindingJson;
import io.iamdrift.report.IncidentJson;
import io.iamdrift.report.Report;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one member audit recorded for its account ({@code reports/org/<runId>/accounts/<accountId>.json}).
 *
 * @param status AUDITED, or FAILED when the role could not be assumed or the audit failed on its last attempt
 * @param failedStage for FAILED: {@code assume-role} or {@code audit}; null otherwise
 * @param error for FAILED: what went wrong; null otherwise
 * @param attempts the delivery attempt that recorded this result (SQS ApproximateReceiveCount)
 * @param findings counts per severity of the account's report (zeros for FAILED)
 * @param report the account's JSON report, null for FAILED
 * @param alertable the report's findings at or above the alert threshold, for the organization alert
 * @param incidents the report's incidents that hold an alertable finding, so that the organization alert reads
 *     like the account's (empty in a result written before incidents: the alert correlates the findings anew)
 */
public record AccountResult(
        String runId,
        String accountId,
        String accountName,
        Status status,
        String failedStage,
        String error,
        int attempts,
        int principalsAudited,
        Map<Severity, Integer> findings,
        String report,
        List<Finding> alertable,
        List<Incident> incidents) {

    /** Outcome of one member audit. */
    public enum Status {
        AUDITED,
        FAILED
    }

    public AccountResult {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, findings == null ? 0 : findings.getOrDefault(s, 0));
        }
        findings = Map.copyOf(counts);
        alertable = List.copyOf(alertable);
        incidents = List.copyOf(incidents);
    }

    /** A finished audit of the account. */
    public static AccountResult audited(
            MemberAccount account, Report report, String reportUri, int attempts, Severity alertMinimum) {
        List<Finding> alertable = report.findings().stream()
                .filter(f -> f.severity().atLeast(alertMinimum))
                .toList();
        return new AccountResult(
                report.runId(),
                account.id(),
                account.name(),
                Status.AUDITED,
                null,
                null,
                attempts,
                report.summary().principalsAudited(),
                Report.countBySeverity(report.findings()),
                reportUri,
                alertable,
                AlertMessage.incidentsOf(report, alertable));
    }

    /** An account that could not be audited: reported as AUDIT_INCOMPLETE in the summary. */
    public static AccountResult failed(String runId, MemberAccount account, String stage, String error, int attempts) {
        return new AccountResult(
                runId,
                account.id(),
                account.name(),
                Status.FAILED,
                stage,
                error,
                attempts,
                0,
                Map.of(),
                null,
                List.of(),
                List.of());
    }

    public String toJson() {
        ObjectNode root = RunManifest.MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("runId", runId);
        root.put("accountId", accountId);
        root.put("accountName", accountName);
        root.put("status", status.name());
        root.put("failedStage", failedStage);
        root.put("error", error);
        root.put("attempts", attempts);
        root.put("principalsAudited", principalsAudited);
        ObjectNode counts = root.putObject("findings");
        for (Severity s : Severity.values()) {
            counts.put(s.name(), findings.get(s));
        }
        root.put("report", report);
        ArrayNode list = root.putArray("alertable");
        alertable.forEach(f -> list.add(FindingJson.toNode(f)));
        ArrayNode incidentList = root.putArray("incidents");
        incidents.forEach(i -> incidentList.add(IncidentJson.toNode(i, false)));
        return root.toString();
    }

    /** Reads a result; {@code where} (its S3 URI) names it in errors. */
    public static AccountResult fromJson(String json, String where) {
        try {
            JsonNode root = RunManifest.MAPPER.readTree(json);
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                counts.put(s, root.path("findings").path(s.name()).asInt(0));
            }
            List<Finding> alertable = new ArrayList<>();
            JsonNode list = root.path("alertable");
            for (int i = 0; i < list.size(); i++) {
                alertable.add(FindingJson.fromNode(list.get(i), "/alertable/" + i));
            }
            List<Incident> incidents = new ArrayList<>();
            JsonNode is = root.path("incidents");
            List<PrincipalRef> known =
                    alertable.stream().map(Finding::principal).toList();
            for (int i = 0; i < is.size(); i++) {
                incidents.add(IncidentJson.fromNode(is.get(i), "/incidents/" + i, known));
            }
            return new AccountResult(
                    RunManifest.text(root, "runId", where),
                    RunManifest.text(root, "accountId", where),
                    root.path("accountName").asText(""),
                    Status.valueOf(RunManifest.text(root, "status", where)),
                    nullable(root, "failedStage"),
                    nullable(root, "error"),
                    root.path("attempts").asInt(1),
                    root.path("principalsAudited").asInt(0),
                    counts,
                    nullable(root, "report"),
                    alertable,
                    incidents);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not an account result: " + e.getMessage(), e);
        }
    }

    private static String nullable(JsonNode root, String field) {
        JsonNode v = root.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
