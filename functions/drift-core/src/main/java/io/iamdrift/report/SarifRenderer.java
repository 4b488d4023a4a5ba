package io.iamdrift.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report as SARIF 2.1.0 (OASIS), for code-scanning dashboards.
 *
 * <p>One run; {@code tool.driver} is {@value #TOOL_NAME} with one rule per finding type present (rule id = the
 * type, {@code defaultConfiguration.level} from the type's default severity). Each finding is a result with
 * {@code ruleId}, {@code level} (CRITICAL and HIGH are {@code error}, MEDIUM {@code warning}, LOW and INFO
 * {@code note}), {@code message.text} (title, then detail), {@code partialFingerprints}
 * {@code {"iamDriftFingerprint/v1": id}}, a logical location for the principal (IAM has no file location) and
 * the finding's severity, principal, policy, evidence and remediation under {@code properties}. The run's
 * {@code invocations[0].executionSuccessful} is false when some principal was not audited in full. Access key
 * ids are masked.
 */
public final class SarifRenderer {

    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String SARIF_VERSION = "2.1.0";
    public static final String TOOL_NAME = "iam-drift-auditor";
    public static final String FINGERPRINT_KEY = "iamDriftFingerprint/v1";
    /** Where the tool is described; overridable through the constructor. */
    public static final String DEFAULT_INFORMATION_URI =
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String toolVersion;
    private final String informationUri;

    /** A renderer that reports this build's version (from the jar manifest, else {@code 0.0.0-dev}). */
    public SarifRenderer() {
        this(defaultVersion(), DEFAULT_INFORMATION_URI);
    }

    public SarifRenderer(String toolVersion, String informationUri) {
        this.toolVersion = toolVersion == null || toolVersion.isBlank() ? "0.0.0-dev" : toolVersion;
        this.informationUri =
                informationUri == null || informationUri.isBlank() ? DEFAULT_INFORMATION_URI : informationUri;
    }

    /** The SARIF log as pretty-printed JSON, ending with a newline. */
    public String render(Report report) {
        return ReportJson.serialize(toNode(report), true);
    }

    /** The SARIF log as a JSON tree. */
    public ObjectNode toNode(Report report) {
        ObjectNode log = NODES.objectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", SARIF_VERSION);
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        driver.put("informationUri", informationUri);
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        TreeSet<FindingType> types = new TreeSet<>();
        report.findings().forEach(f -> types.add(f.type()));
        Map<FindingType, Integer> ruleIndex = new EnumMap<>(FindingType.class);
        Map<String, Incident> incidentOf = new HashMap<>();
        report.incidents().forEach(i -> i.findings().forEach(id -> incidentOf.put(id, i)));
        for (FindingType type : types) {
            ruleIndex.put(type, rules.size());
            rules.add(rule(type));
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", report.unaudited().isEmpty());
        if (report.startedAt() != null) {
            invocation.put("startTimeUtc", report.startedAt().toString());
        }
        if (report.finishedAt() != null) {
            invocation.put("endTimeUtc", report.finishedAt().toString());
        }
        if (!report.unaudited().isEmpty()) {
            ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
            for (Report.Unaudited u : report.unaudited()) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message")
                        .put(
                                "text",
                                "Not audited in full: " + u.principal().key() + ": "
                                        + Redaction.text(nullToEmpty(u.reason())));
                n.putArray("locations").addObject().putArray("logicalLocations").add(logicalLocation(u.principal()));
            }
        }
        if (report.runId() != null || report.accountId() != null) {
            run.putObject("automationDetails")
                    .put("id", TOOL_NAME + "/" + nullToEmpty(report.accountId()) + "/" + nullToEmpty(report.runId()));
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : incidentOrder(report)) {
            ObjectNode r = result(f, ruleIndex.get(f.type()));
            Incident i = incidentOf.get(f.id());
            if (i != null) {
                ObjectNode p = (ObjectNode) r.get("properties");
                p.put("incidentId", i.id());
                p.put("incident", Redaction.text(i.title()));
            }
            results.add(r);
        }

        ObjectNode props = run.putObject("properties");
        props.put("accountId", report.accountId());
        props.put("environment", report.environment());
        props.set("summary", ReportJson.summary(report));
        ArrayNode incidents = props.putArray("incidents");
        report.incidents().forEach(i -> incidents.add(IncidentJson.toNode(i, true)));
        return log;
    }

    private static ObjectNode rule(FindingType type) {
        ObjectNode rule = NODES.objectNode();
        rule.put("id", type.name());
        rule.put("name", camel(type.name()));
        rule.putObject("shortDescription").put("text", type.description());
        rule.putObject("help").put("text", type.remediation());
        rule.putObject("defaultConfiguration").put("level", level(type.defaultSeverity()));
        ObjectNode props = rule.putObject("properties");
        props.putArray("tags").add("security").add("iam");
        props.put("defaultSeverity", type.defaultSeverity().name());
        return rule;
    }

    /** Findings incident by incident (each incident's change first), then any an incident does not hold. */
    private static List<Finding> incidentOrder(Report report) {
        Map<String, Finding> byId = new LinkedHashMap<>();
        TextRenderer.sorted(report.findings()).forEach(f -> byId.put(f.id(), f));
        List<Finding> out = new ArrayList<>(byId.size());
        for (Incident i : report.incidents()) {
            i.findings().forEach(id -> {
                Finding f = byId.remove(id);
                if (f != null) {
                    out.add(f);
                }
            });
        }
        out.addAll(byId.values());
        return out;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode r = NODES.objectNode();
        r.put("ruleId", f.type().name());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(f.severity()));
        r.putObject("message").put("text", messageText(f));
        r.putArray("locations").addObject().putArray("logicalLocations").add(logicalLocation(f.principal()));
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.id());
        ObjectNode redacted = FindingJson.toNode(f, true);
        ObjectNode props = r.putObject("properties");
        props.put("severity", f.severity().name());
        props.set("principal", redacted.get("principal"));
        props.set("policy", redacted.get("policy"));
        props.set("evidence", EvidenceBounds.bound(redacted.get("evidence")));
        props.set("remediation", redacted.get("remediation"));
        return r;
    }

    private static String messageText(Finding f) {
        String title = Redaction.text(f.title());
        String detail = Redaction.text(f.detail());
        boolean hasTitle = title != null && !title.isBlank();
        boolean hasDetail = detail != null && !detail.isBlank();
        if (hasTitle && hasDetail) {
            return title.strip() + "\n" + detail.strip();
        }
        if (hasTitle) {
            return title.strip();
        }
        return hasDetail
                ? detail.strip()
                : f.type().name() + " on " + f.principal().key();
    }

    private static ObjectNode logicalLocation(PrincipalRef p) {
        ObjectNode l = NODES.objectNode();
        l.put("name", p.name());
        l.put("fullyQualifiedName", p.arn() != null && !p.arn().isBlank() ? p.arn() : p.key());
        l.put("kind", p.type());
        return l;
    }

    /** CRITICAL and HIGH are {@code error}, MEDIUM {@code warning}, LOW and INFO {@code note}. */
    public static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String part : constant.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String defaultVersion() {
        String v = SarifRenderer.class.getPackage().getImplementationVersion();
        return v == null ? "0.0.0-dev" : v;
    }

    /** The SARIF levels this renderer produces (for tests and callers that filter). */
    public static List<String> levels() {
        return List.of("error", "warning", "note");
    }
}
