package io.iamdrift.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What has been alerted so far, kept in S3 at {@code state/<accountId>/alerts.json}.
 *
 * @param findings by finding id: the evidence hash alerted and when
 * @param alertedRuns the most recent run ids whose alert SNS accepted (a retried run sends nothing twice)
 */
public record AlertState(Map<String, Entry> findings, List<String> alertedRuns) {

    static final int RUNS_KEPT = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AlertState {
        findings = Map.copyOf(findings);
        alertedRuns = List.copyOf(alertedRuns);
    }

    /** One alerted finding. */
    public record Entry(String evidenceHash, String severity, Instant firstSeen, Instant lastAlerted) {}

    public static AlertState empty() {
        return new AlertState(Map.of(), List.of());
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.putArray("alertedRuns").addAll(alertedRuns.stream().map(MAPPER.getNodeFactory()::textNode).toList());
        ObjectNode f = root.putObject("findings");
        findings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> f.putObject(e.getKey())
                .put("evidenceHash", e.getValue().evidenceHash())
                .put("severity", e.getValue().severity())
                .put("firstSeen", e.getValue().firstSeen().toString())
                .put("lastAlerted", e.getValue().lastAlerted().toString()));
        return root.toPrettyString();
    }

    /** Reads the stored state; an unreadable state is an error (the caller decides), never silently an empty one. */
    public static AlertState fromJson(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<String> runs = new ArrayList<>();
            root.path("alertedRuns").forEach(n -> runs.add(n.asText()));
            Map<String, Entry> entries = new LinkedHashMap<>();
            root.path("findings").fields().forEachRemaining(e -> entries.put(e.getKey(), new Entry(
                    e.getValue().path("evidenceHash").asText(), e.getValue().path("severity").asText(),
                    Instant.parse(e.getValue().path("firstSeen").asText()),
                    Instant.parse(e.getValue().path("lastAlerted").asText()))));
            return new AlertState(entries, runs);
        } catch (Exception e) {
            throw new IllegalArgumentException("alert state is not valid JSON of the expected shape: " + e.getMessage(), e);
        }
    }
}
