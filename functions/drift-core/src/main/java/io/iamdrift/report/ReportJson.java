package io.iamdrift.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter.Indenter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import io.iamdrift.snapshot.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, the source of truth (contract section 4), and back.
 *
 * <p>Shape and key order are fixed: {@code schemaVersion, runId, accountId, environment, startedAt, finishedAt,
 * summary {principalsAudited, findings {CRITICAL, HIGH, MEDIUM, LOW, INFO}, requiredActions {checked, allowed}},
 * incidents [...] ({@link IncidentJson}), findings [... each with its incidentId; evidence bounded by {@link EvidenceBounds}], unaudited [{principal, reason}], principals [{principal, environment, source, managedPolicies,
 * inlinePolicies, groups, permissionsBoundary}]}}. Times are ISO-8601 instants ({@code 2025-01-31T10:00:00Z});
 * every severity appears in {@code summary.findings}, zeros included. {@link #read(String)} accepts what
 * {@link #write(Report, boolean)} writes, so a run can compare with the previous report.
 */
public final class ReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectWriter COMPACT = FindingJson.MAPPER.writer();
    private static final ObjectWriter PRETTY = FindingJson.MAPPER.writer(prettyPrinter());
    /** A finding as it sits in the pretty report: two levels deep (the report object, its findings array). */
    private static final ObjectWriter PRETTY_IN_FINDINGS = FindingJson.MAPPER.writer(prettyPrinter(2));

    private static final int FINDINGS_PER_BATCH = 512;
    private static final ObjectReader READER =
            FindingJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ReportJson() {}

    /** Pretty-printed JSON, values as they are (the form stored in S3), ending with a newline. */
    public static String write(Report report) {
        return write(report, true);
    }

    /** The report as JSON, values as they are; pretty output is indented by two spaces and ends with a newline. */
    public static String write(Report report, boolean pretty) {
        return text(report, false, pretty);
    }

    /** As {@link #write(Report, boolean)} with access key ids and secrets masked: for logs and standard output. */
    public static String writeRedacted(Report report, boolean pretty) {
        return text(report, true, pretty);
    }

    private static String text(Report report, boolean redact, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(report, redact, pretty, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the report as JSON (UTF-8) to a stream, one finding at a time, so that a large report is never held
     * whole as a tree or as text; the stream is flushed, not closed. The bytes are those of
     * {@link #write(Report, boolean)} (or {@link #writeRedacted} with {@code redact}).
     */
    public static void write(Report report, boolean redact, boolean pretty, OutputStream out) throws IOException {
        try (JsonGenerator g = (pretty ? PRETTY : COMPACT).createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            header(report).properties().forEach(e -> field(g, e.getKey(), e.getValue()));
            field(g, "incidents", incidents(report, redact));
            g.writeArrayFieldStart("findings");
            writeFindings(report, redact, pretty, g);
            g.writeEndArray();
            g.writeFieldName("unaudited");
            FindingJson.MAPPER.writeTree(g, unaudited(report, redact));
            g.writeArrayFieldStart("principals");
            for (Report.InventoryEntry e : report.principals()) {
                writeInventory(e, g);
            }
            g.writeEndArray();
            field(g, "reachability", reachability(report));
            g.writeEndObject();
        }
        if (pretty) {
            out.write('\n');
        }
        out.flush();
    }

    /**
     * The findings, rendered to text in parallel a batch at a time (bounding, redaction and serialisation are the
     * costly part of a large report) and written in report order: the same bytes as writing each finding's tree.
     */
    private static void writeFindings(Report report, boolean redact, boolean pretty, JsonGenerator g)
            throws IOException {
        Map<String, String> incidentOf = report.incidentOfFinding();
        ObjectWriter writer = pretty ? PRETTY_IN_FINDINGS : COMPACT;
        List<Finding> findings = report.findings();
        for (int from = 0; from < findings.size(); from += FINDINGS_PER_BATCH) {
            List<String> rendered =
                    findings.subList(from, Math.min(findings.size(), from + FINDINGS_PER_BATCH)).parallelStream()
                            .map(f -> serialize(writer, finding(f, redact, incidentOf)))
                            .toList();
            for (String finding : rendered) {
                g.writeRawValue(finding);
            }
        }
    }

    private static void field(JsonGenerator g, String name, JsonNode value) {
        try {
            g.writeFieldName(name);
            FindingJson.MAPPER.writeTree(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a JSON tree: what {@link #write(Report, boolean, boolean, OutputStream)} writes, read back. */
    public static ObjectNode toNode(Report report, boolean redact) {
        return (ObjectNode) parse(text(report, redact, false));
    }

    /** Everything before the incidents: schemaVersion to summary. */
    private static ObjectNode header(Report report) {
        ObjectNode n = NODES.objectNode();
        n.put("schemaVersion", report.schemaVersion());
        n.put("runId", report.runId());
        n.put("accountId", report.accountId());
        n.put("environment", report.environment());
        n.put("startedAt", instant(report.startedAt()));
        n.put("finishedAt", instant(report.finishedAt()));
        n.set("summary", summary(report));
        return n;
    }

    private static ArrayNode incidents(Report report, boolean redact) {
        ArrayNode incidents = NODES.arrayNode();
        report.incidents().forEach(i -> incidents.add(IncidentJson.toNode(i, redact)));
        return incidents;
    }

    /** One finding as the report writes it: evidence bounded, and the incident it belongs to. */
    private static ObjectNode finding(Finding f, boolean redact, Map<String, String> incidentOf) {
        ObjectNode fn = FindingJson.toNode(f, redact);
        fn.set("evidence", EvidenceBounds.bound(fn.get("evidence")));
        fn.put("incidentId", incidentOf.get(f.id()));
        return fn;
    }

    private static ArrayNode unaudited(Report report, boolean redact) {
        ArrayNode unaudited = NODES.arrayNode();
        for (Report.Unaudited u : report.unaudited()) {
            ObjectNode un = unaudited.addObject();
            un.set("principal", FindingJson.principal(u.principal()));
            un.put("reason", redact ? Redaction.text(u.reason()) : u.reason());
        }
        return unaudited;
    }

    /** {@code {"admin": {...}, "deployers": {...}}}: who can reach administrator access and who the deployers can reach. */
    private static ObjectNode reachability(Report report) {
        Reachability reach = Reachability.of(report);
        ObjectNode r = NODES.objectNode();
        ObjectNode admin = r.putObject("admin");
        reach.admin().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(admin.withArray(e.getKey())::add));
        ObjectNode deployers = r.putObject("deployers");
        reach.deployers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(deployers.withArray(e.getKey())::add));
        return r;
    }

    /** {@code {principalsAudited, findings {CRITICAL..INFO}, requiredActions {checked, allowed}}}. */
    static ObjectNode summary(Report report) {
        ObjectNode s = NODES.objectNode();
        Report.Summary summary = report.summary();
        s.put("principalsAudited", summary == null ? report.principals().size() : summary.principalsAudited());
        Map<Severity, Integer> counts =
                summary == null ? Report.countBySeverity(report.findings()) : summary.findings();
        ObjectNode f = s.putObject("findings");
        for (Severity sev : Severity.values()) {
            f.put(sev.name(), counts.getOrDefault(sev, 0));
        }
        ObjectNode ra = s.putObject("requiredActions");
        Report.RequiredActions required = summary == null ? null : summary.requiredActions();
        ra.put("checked", required == null ? 0 : required.checked());
        ra.put("allowed", required == null ? 0 : required.allowed());
        return s;
    }

    /** One inventory entry, straight to the generator (a report holds one per principal: no tree each). */
    private static void writeInventory(Report.InventoryEntry e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("principal");
        g.writeStringField("type", e.principal().type());
        g.writeStringField("name", e.principal().name());
        g.writeStringField("arn", e.principal().arn());
        g.writeEndObject();
        g.writeStringField("environment", e.environment());
        g.writeStringField("source", e.source());
        stringArray(g, "managedPolicies", e.managedPolicies());
        stringArray(g, "inlinePolicies", e.inlinePolicies());
        stringArray(g, "groups", e.groups());
        g.writeStringField("permissionsBoundary", e.permissionsBoundary());
        g.writeEndObject();
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /**
     * Reads a report written by {@link #write(Report, boolean)}.
     *
     * @throws ReportFormatException for text that is not JSON (with line and column), a {@code schemaVersion}
     *     this code does not know, or a missing or malformed field (with its JSON pointer)
     */
    public static Report read(String json) {
        return fromNode(parse(json));
    }

    /** Reads a report from a UTF-8 stream (the stream is not closed). */
    public static Report read(InputStream in) throws IOException {
        return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Reads a report from a parsed tree. */
    public static Report fromNode(JsonNode root) {
        FindingJson.requireObject(root, "");
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new ReportFormatException("/schemaVersion", "missing or not an integer");
        }
        if (version.asInt() != Report.SCHEMA_VERSION) {
            throw new ReportFormatException(
                    "/schemaVersion",
                    "unsupported schemaVersion " + version.asInt() + " (this build reads " + Report.SCHEMA_VERSION
                            + ")");
        }
        String runId = FindingJson.optionalText(root, "runId", "");
        String accountId = FindingJson.optionalText(root, "accountId", "");
        String environment = FindingJson.optionalText(root, "environment", "");
        Instant startedAt = readInstant(root, "startedAt");
        Instant finishedAt = readInstant(root, "finishedAt");

        List<Finding> findings = new ArrayList<>();
        JsonNode fs = array(root, "findings");
        for (int i = 0; i < fs.size(); i++) {
            findings.add(FindingJson.fromNode(fs.get(i), "/findings/" + i));
        }
        List<Report.Unaudited> unaudited = new ArrayList<>();
        JsonNode us = array(root, "unaudited");
        for (int i = 0; i < us.size(); i++) {
            String p = "/unaudited/" + i;
            FindingJson.requireObject(us.get(i), p);
            unaudited.add(new Report.Unaudited(
                    FindingJson.readPrincipal(us.get(i).get("principal"), p + "/principal"),
                    FindingJson.optionalText(us.get(i), "reason", p)));
        }
        List<Report.InventoryEntry> principals = new ArrayList<>();
        JsonNode ps = array(root, "principals");
        for (int i = 0; i < ps.size(); i++) {
            principals.add(readInventory(ps.get(i), "/principals/" + i));
        }
        Report.Summary summary = readSummary(root.get("summary"), findings, principals);
        Report report = new Report(
                version.asInt(),
                runId,
                accountId,
                environment,
                startedAt,
                finishedAt,
                summary,
                findings,
                unaudited,
                principals);
        JsonNode is = root.get("incidents");
        if (is == null || is.isNull()) {
            return report; // a report written before incidents: correlated from its findings
        }
        List<PrincipalRef> known =
                findings.stream().map(Finding::principal).distinct().toList();
        List<Incident> incidents = new ArrayList<>();
        JsonNode arr = array(root, "incidents");
        for (int i = 0; i < arr.size(); i++) {
            incidents.add(IncidentJson.fromNode(arr.get(i), "/incidents/" + i, known));
        }
        return report.withIncidents(incidents);
    }

    private static Report.Summary readSummary(
            JsonNode s, List<Finding> findings, List<Report.InventoryEntry> principals) {
        if (s == null || s.isNull()) {
            return new Report.Summary(
                    principals.size(), Report.countBySeverity(findings), new Report.RequiredActions(0, 0));
        }
        FindingJson.requireObject(s, "/summary");
        int audited = integer(s, "principalsAudited", "/summary", principals.size());
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        JsonNode f = s.get("findings");
        if (f == null || f.isNull()) {
            counts.putAll(Report.countBySeverity(findings));
        } else {
            FindingJson.requireObject(f, "/summary/findings");
            for (Severity sev : Severity.values()) {
                counts.put(sev, integer(f, sev.name(), "/summary/findings", 0));
            }
        }
        JsonNode ra = s.get("requiredActions");
        Report.RequiredActions required = new Report.RequiredActions(0, 0);
        if (ra != null && !ra.isNull()) {
            FindingJson.requireObject(ra, "/summary/requiredActions");
            required = new Report.RequiredActions(
                    integer(ra, "checked", "/summary/requiredActions", 0),
                    integer(ra, "allowed", "/summary/requiredActions", 0));
        }
        return new Report.Summary(audited, counts, required);
    }

    private static Report.InventoryEntry readInventory(JsonNode n, String p) {
        FindingJson.requireObject(n, p);
        return new Report.InventoryEntry(
                FindingJson.readPrincipal(n.get("principal"), p + "/principal"),
                FindingJson.optionalText(n, "environment", p),
                FindingJson.optionalText(n, "source", p),
                FindingJson.stringList(n.get("managedPolicies"), p + "/managedPolicies"),
                FindingJson.stringList(n.get("inlinePolicies"), p + "/inlinePolicies"),
                FindingJson.stringList(n.get("groups"), p + "/groups"),
                FindingJson.optionalText(n, "permissionsBoundary", p));
    }

    private static JsonNode array(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return NODES.arrayNode();
        }
        if (!v.isArray()) {
            throw new ReportFormatException("/" + field, "expected an array, found " + FindingJson.kind(v));
        }
        return v;
    }

    private static int integer(JsonNode parent, String field, String pointer, int absent) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ReportFormatException(pointer + "/" + field, "expected an integer, found " + FindingJson.kind(v));
        }
        return v.asInt();
    }

    private static Instant readInstant(JsonNode root, String field) {
        String text = FindingJson.optionalText(root, field, "");
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ReportFormatException("/" + field, "not an ISO-8601 time: \"" + text + "\"");
        }
    }

    static JsonNode parse(String json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ReportFormatException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    static String serialize(JsonNode node, boolean pretty) {
        return pretty ? serialize(PRETTY, node) + "\n" : serialize(COMPACT, node);
    }

    private static String serialize(ObjectWriter writer, JsonNode node) {
        try {
            return writer.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Two-space indentation, {@code "key": value}, arrays one element a line, empty containers as {@code []}. */
    private static DefaultPrettyPrinter prettyPrinter() {
        return prettyPrinter(0);
    }

    /** As {@link #prettyPrinter()} for a value written {@code depth} levels deep into a document. */
    private static DefaultPrettyPrinter prettyPrinter(int depth) {
        Indenter indenter = new Deeper(new DefaultIndenter("  ", "\n"), depth);
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    /** An indenter that writes every level {@code depth} levels deeper. */
    private record Deeper(Indenter base, int depth) implements Indenter {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            base.writeIndentation(g, level + depth);
        }

        @Override
        public boolean isInline() {
            return base.isInline();
        }
    }
}
