package io.iamdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Change;
import io.iamdrift.incident.Incident;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report in the AWS Security Finding Format (ASFF, Security Hub User Guide), and its lifecycle in Security Hub:
 * one ASFF finding per CRITICAL or HIGH incident of the report (one change and everything it caused, the unit a
 * person reads), imported with {@code BatchImportFindings} into the account's default product; an incident seen
 * again is re-imported with its first {@code CreatedAt} and a new {@code UpdatedAt}; one a full run no longer
 * reports is re-imported with {@code RecordState} ARCHIVED. What was exported is kept as the export state
 * (the last ASFF document of each finding, by ASFF id) so that the next run can update or archive it.
 */
public final class AsffFindings {

    public static final String SCHEMA_VERSION = "2018-10-08";
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 1024;
    static final int RECOMMENDATION_MAX = 512;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsffFindings() {}

    /**
     * What to import and the state to keep once Security Hub accepted it.
     *
     * @param findings the ASFF findings to import (active and archived), at most one per id
     * @param state the export state after a successful import: ASFF id to its last document
     * @param active how many of {@code findings} are active
     * @param archived how many are archived
     */
    public record Plan(List<ObjectNode> findings, Map<String, ObjectNode> state, int active, int archived) {}

    /** Where the findings go: the account's region, its partition. */
    public record Target(String region, String partition) {
        public String productArn(String accountId) {
            return "arn:" + partition + ":securityhub:" + region + ":" + accountId + ":product/" + accountId
                    + "/default";
        }
    }

    /**
     * Plans an export.
     *
     * @param previous the export state of the last run ({@code {}} at first)
     * @param fullRun true for a run that judged the whole account: only then is a finding it does not report resolved
     */
    public static Plan plan(
            Report report, Target target, Map<String, ObjectNode> previous, boolean fullRun, Instant now) {
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        List<ObjectNode> out = new ArrayList<>();
        int active = 0;
        Map<String, Finding> byId = new LinkedHashMap<>();
        report.findings().forEach(f -> byId.put(f.id(), f));
        for (Incident incident : report.incidents()) {
            if (!incident.severity().atLeast(Severity.HIGH)) {
                continue;
            }
            String id = id(report.accountId(), incident);
            if (next.containsKey(id)) {
                continue;
            }
            ObjectNode before = previous.get(id);
            Instant created = before == null
                    ? now
                    : Instant.parse(before.path("CreatedAt").asText(now.toString()));
            List<Finding> findings = incident.findings().stream()
                    .map(byId::get)
                    .filter(f -> f != null)
                    .toList();
            ObjectNode n = finding(report, incident, findings, target, created, now);
            next.put(id, n);
            out.add(n);
            active++;
        }
        int archived = 0;
        for (Map.Entry<String, ObjectNode> e : previous.entrySet()) {
            if (next.containsKey(e.getKey())) {
                continue;
            }
            if (!fullRun
                    || !report.accountId()
                            .equals(e.getValue().path("AwsAccountId").asText())) {
                next.put(e.getKey(), e.getValue()); // not judged by this run: neither updated nor resolved
                continue;
            }
            ObjectNode n = e.getValue().deepCopy();
            n.put("RecordState", "ARCHIVED");
            n.put("UpdatedAt", timestamp(now));
            out.add(n);
            archived++;
        }
        return new Plan(out, next, active, archived);
    }

    /** The ASFF id of an incident: stable across runs, as the incident's fingerprint is. */
    public static String id(String accountId, Incident incident) {
        return "iam-drift-auditor/" + accountId + "/incident/" + incident.id();
    }

    /** At most this many resources per ASFF finding (Security Hub's limit on {@code Resources}). */
    static final int RESOURCES_MAX = 32;

    /** One ASFF finding for an incident (texts redacted, limits of the ASFF attributes kept). */
    static ObjectNode finding(
            Report report, Incident incident, List<Finding> findings, Target target, Instant createdAt, Instant now) {
        String kind = incident.change().kind().name();
        ObjectNode n = NODES.objectNode();
        n.put("SchemaVersion", SCHEMA_VERSION);
        n.put("Id", id(report.accountId(), incident));
        n.put("ProductArn", target.productArn(report.accountId()));
        n.put("ProductName", "IAM Drift Auditor");
        n.put("CompanyName", "IAM Drift Auditor");
        n.put("Region", target.region());
        n.put("GeneratorId", "iam-drift-auditor/" + kind);
        n.put("AwsAccountId", report.accountId());
        n.putArray("Types").add("Software and Configuration Checks/AWS Security Best Practices/" + kind);
        n.put("FirstObservedAt", timestamp(createdAt));
        n.put("LastObservedAt", timestamp(report.finishedAt() != null ? report.finishedAt() : now));
        n.put("CreatedAt", timestamp(createdAt));
        n.put("UpdatedAt", timestamp(now));
        ObjectNode severity = n.putObject("Severity");
        severity.put(
                "Label",
                incident.severity() == Severity.INFO
                        ? "INFORMATIONAL"
                        : incident.severity().name());
        severity.put("Original", incident.severity().name());
        n.put("Title", cut(Redaction.text(incident.title()), TITLE_MAX));
        n.put("Description", cut(Redaction.text(description(incident, findings)), DESCRIPTION_MAX));
        String recommendation = recommendation(incident, findings);
        if (!recommendation.isBlank()) {
            n.putObject("Remediation").putObject("Recommendation").put("Text", cut(recommendation, RECOMMENDATION_MAX));
        }
        ObjectNode fields = n.putObject("ProductFields");
        fields.put("iam-drift-auditor/incidentId", incident.id());
        fields.put("iam-drift-auditor/change", kind);
        if (incident.change().object() != null) {
            fields.put(
                    "iam-drift-auditor/object", Redaction.text(incident.change().object()));
        }
        fields.put(
                "iam-drift-auditor/findingTypes",
                String.join(
                        ",",
                        findings.stream().map(f -> f.type().name()).distinct().toList()));
        fields.put("iam-drift-auditor/findingIds", cut(String.join(",", incident.findings()), 2048));
        if (incident.actor() != null && incident.actor().principalArn() != null) {
            fields.put("iam-drift-auditor/actor", incident.actor().principalArn());
        }
        if (report.runId() != null) {
            fields.put("iam-drift-auditor/runId", report.runId());
        }
        ArrayNode resources = n.putArray("Resources");
        List<PrincipalRef> principals = incident.principals().isEmpty()
                ? List.of(PrincipalRef.account(report.accountId()))
                : incident.principals();
        for (PrincipalRef p : principals.subList(0, Math.min(principals.size(), RESOURCES_MAX))) {
            ObjectNode r = resources.addObject();
            switch (p.type()) {
                case "user" -> r.put("Type", "AwsIamUser").put("Id", p.arn());
                case "role" -> r.put("Type", "AwsIamRole").put("Id", p.arn());
                default -> r.put("Type", "AwsAccount").put("Id", "AWS::::Account:" + report.accountId());
            }
            r.put("Partition", target.partition());
            r.put("Region", target.region());
        }
        n.put("RecordState", "ACTIVE");
        return n;
    }

    /** What changed, what it grants, what follows, and the titles of its findings. */
    private static String description(Incident incident, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        Change c = incident.change();
        if (!c.grants().isEmpty()) {
            sb.append("Grants: ").append(String.join("; ", c.grants())).append(". ");
        }
        if (!c.consequences().isEmpty()) {
            sb.append("Consequences: ")
                    .append(String.join("; ", c.consequences()))
                    .append(". ");
        }
        sb.append("Findings: ")
                .append(String.join("; ", findings.stream().map(Finding::title).toList()))
                .append('.');
        return sb.toString();
    }

    private static String recommendation(Incident incident, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        findings.stream()
                .map(f -> f.remediation() == null ? null : f.remediation().note())
                .filter(note -> note != null && !note.isBlank())
                .findFirst()
                .ifPresent(sb::append);
        for (String c : incident.fix()) {
            sb.append(sb.isEmpty() ? "" : " ").append("Run: ").append(c);
        }
        return Redaction.text(sb.toString());
    }

    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 3) + "...";
    }

    static String timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The export state as JSON: {@code {"findings": {id: asff...}}}. */
    public static String stateJson(Map<String, ObjectNode> state) {
        ObjectNode root = NODES.objectNode();
        ObjectNode findings = root.putObject("findings");
        state.forEach(findings::set);
        return root.toString();
    }

    /** Reads the export state; {@code null} or empty text is the empty state. */
    public static Map<String, ObjectNode> readState(String json) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            JsonNode findings = FindingJson.MAPPER.readTree(json).path("findings");
            for (Iterator<Map.Entry<String, JsonNode>> it = findings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue() instanceof ObjectNode o) {
                    out.put(e.getKey(), o);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Security Hub export state is not JSON: " + e.getMessage(), e);
        }
        return out;
    }
}
