package io.iamdrift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import java.time.Instant;
import java.util.Locale;

/**
 * The report as OCSF Detection Findings (class {@code detection_finding}, uid 2004, category Findings, OCSF
 * 1.1.0, the version Security Lake reads): one event per finding, activity Create, status New, severity mapped
 * one to one (INFO 1 Informational ... CRITICAL 5 Critical), the principal as the affected resource, the account
 * in {@code cloud}, the remediation note and commands in {@code remediation.desc}, and the finding's evidence under
 * {@code unmapped}. Texts pass through {@link Redaction} like every other rendering.
 */
public final class OcsfRenderer {

    public static final String OCSF_VERSION = "1.1.0";
    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OcsfRenderer() {}

    /** A JSON array of Detection Finding events, pretty-printed. */
    public static String render(Report report) {
        try {
            return FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toNode(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ArrayNode toNode(Report report) {
        ArrayNode out = NODES.arrayNode();
        Instant at = report.finishedAt() != null ? report.finishedAt() : Instant.now();
        for (Finding f : report.findings()) {
            out.add(event(report, f, at));
        }
        return out;
    }

    static ObjectNode event(Report report, Finding f, Instant at) {
        ObjectNode e = NODES.objectNode();
        e.put("class_uid", CLASS_UID);
        e.put("class_name", "Detection Finding");
        e.put("category_uid", CATEGORY_UID);
        e.put("category_name", "Findings");
        e.put("activity_id", ACTIVITY_CREATE);
        e.put("activity_name", "Create");
        e.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        e.put("type_name", "Detection Finding: Create");
        e.put("time", at.toEpochMilli());
        e.put("severity_id", severityId(f.severity()));
        e.put("severity", severityCaption(f.severity()));
        e.put("status_id", 1);
        e.put("status", "New");
        e.put("message", Redaction.text(f.title()));
        ObjectNode metadata = e.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", f.id());
        ObjectNode product = metadata.putObject("product");
        product.put("name", "IAM Drift Auditor");
        product.put("vendor_name", "IAM Drift Auditor");
        if (report.runId() != null) {
            metadata.put("correlation_uid", report.runId());
        }
        ObjectNode info = e.putObject("finding_info");
        info.put("uid", f.id());
        info.put("title", Redaction.text(f.title()));
        if (f.detail() != null) {
            info.put("desc", Redaction.text(f.detail()));
        }
        info.putArray("types").add(f.type().name());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", f.type().name());
        analytic.put("name", f.type().name());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        ObjectNode resource = e.putArray("resources").addObject();
        resource.put(
                "type",
                switch (f.principal().type()) {
                    case "user" -> "AWS::IAM::User";
                    case "role" -> "AWS::IAM::Role";
                    default -> "AWS::::Account";
                });
        resource.put("name", f.principal().name());
        resource.put("uid", f.principal().arn() != null ? f.principal().arn() : report.accountId());
        ObjectNode cloud = e.putObject("cloud");
        cloud.put("provider", "AWS");
        cloud.putObject("account").put("uid", report.accountId());
        if (f.remediation() != null) {
            StringBuilder desc = new StringBuilder(
                    f.remediation().note() == null ? "" : f.remediation().note());
            f.remediation()
                    .commands()
                    .forEach(c -> desc.append(desc.isEmpty() ? "" : "\n")
                            .append("Run: ")
                            .append(c));
            e.putObject("remediation").put("desc", Redaction.text(desc.toString()));
        }
        ObjectNode unmapped = e.putObject("unmapped");
        unmapped.put("finding_type", f.type().name());
        if (f.policy() != null) {
            unmapped.put("policy", Redaction.text(f.policy()));
        }
        unmapped.set("evidence", FindingJson.toNode(f, true).get("evidence"));
        return e;
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity s) {
        return switch (s) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    static String severityCaption(Severity s) {
        return s == Severity.INFO
                ? "Informational"
                : s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
