package io.iamdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's findings in the AWS Security Finding Format (ASFF, Security Hub User Guide), and their lifecycle in
 * Security Hub: one ASFF finding per CRITICAL or HIGH finding of the report (the report has no incidents to
 * group them by), imported with {@code BatchImportFindings} into the account's default product; a finding seen
 * again is re-imported with its first {@code CreatedAt} and a new {@code UpdatedAt}; a finding a full run no
 * longer reports is re-imported with {@code RecordState} ARCHIVED. What was exported is kept as the export state
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
            return "arn:" + partition + ":securityhub:" + region + ":" + accountId + ":product/" + accountId + "/default";
        }
    }

    /**
     * Plans an export.
     *
     * @param previous the export state of the last run ({@code {}} at first)
     * @param fullRun true for a run that judged the whole account: only then is a finding it does not report resolved
     */
    public static Plan plan(Report report, Target target, Map<String, ObjectNode> previous, boolean fullRun, Instant now) {
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        List<ObjectNode> out = new ArrayList<>();
        int active = 0;
        for (Finding f : report.findings()) {
            if (!f.severity().atLeast(Severity.HIGH)) {
                continue;
            }
            String id = id(report.accountId(), f);
            if (next.containsKey(id)) {
                continue;
            }
            ObjectNode before = previous.get(id);
            Instant created = before == null ? now : Instant.parse(before.path("CreatedAt").asText(now.toString()));
            ObjectNode n = finding(report, f, target, created, now);
            next.put(id, n);
            out.add(n);
            active++;
        }
        int archived = 0;
        for (Map.Entry<String, ObjectNode> e : previous.entrySet()) {
            if (next.containsKey(e.getKey())) {
                continue;
            }
            if (!fullRun || !report.accountId().equals(e.getValue().path("AwsAccountId").asText())) {
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

    /** The ASFF id of a finding: stable across runs, as the finding's fingerprint is. */
    public static String id(String accountId, Finding f) {
        return "iam-drift-auditor/" + accountId + "/" + f.id();
    }

    /** One ASFF finding (texts redacted, limits of the ASFF attributes kept). */
    static ObjectNode finding(Report report, Finding f, Target target, Instant createdAt, Instant now) {
        ObjectNode n = NODES.objectNode();
        n.put("SchemaVersion", SCHEMA_VERSION);
        n.put("Id", id(report.accountId(), f));
        n.put("ProductArn", target.productArn(report.accountId()));
        n.put("ProductName", "IAM Drift Auditor");
        n.put("CompanyName", "IAM Drift Auditor");
        n.put("Region", target.region());
        n.put("GeneratorId", "iam-drift-auditor/" + f.type().name());
        n.put("AwsAccountId", report.accountId());
        n.putArray("Types").add("Software and Configuration Checks/AWS Security Best Practices/" + f.type().name());
        n.put("FirstObservedAt", timestamp(createdAt));
        n.put("LastObservedAt", timestamp(report.finishedAt() != null ? report.finishedAt() : now));
        n.put("CreatedAt", timestamp(createdAt));
        n.put("UpdatedAt", timestamp(now));
        ObjectNode severity = n.putObject("Severity");
        severity.put("Label", f.severity() == Severity.INFO ? "INFORMATIONAL" : f.severity().name());
        severity.put("Original", f.severity().name());
        n.put("Title", cut(Redaction.text(f.title()), TITLE_MAX));
        n.put("Description", cut(Redaction.text(f.detail() == null || f.detail().isBlank() ? f.title() : f.detail()), DESCRIPTION_MAX));
        String recommendation = recommendation(f);
        if (!recommendation.isBlank()) {
            n.putObject("Remediation").putObject("Recommendation").put("Text", cut(recommendation, RECOMMENDATION_MAX));
        }
        ObjectNode fields = n.putObject("ProductFields");
        fields.put("iam-drift-auditor/type", f.type().name());
        fields.put("iam-drift-auditor/findingId", f.id());
        if (report.runId() != null) {
            fields.put("iam-drift-auditor/runId", report.runId());
        }
        if (f.policy() != null) {
            fields.put("iam-drift-auditor/policy", Redaction.text(f.policy()));
        }
        ArrayNode resources = n.putArray("Resources");
        ObjectNode r = resources.addObject();
        switch (f.principal().type()) {
            case "user" -> r.put("Type", "AwsIamUser").put("Id", f.principal().arn());
            case "role" -> r.put("Type", "AwsIamRole").put("Id", f.principal().arn());
            default -> r.put("Type", "AwsAccount").put("Id", "AWS::::Account:" + report.accountId());
        }
        r.put("Partition", target.partition());
        r.put("Region", target.region());
        n.put("RecordState", "ACTIVE");
        return n;
    }

    private static String recommendation(Finding f) {
        if (f.remediation() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(f.remediation().note() == null ? "" : f.remediation().note());
        for (String c : f.remediation().commands()) {
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
