package io.iamdrift.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.time.Duration;
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
 * @param claims by run id: findings a run is about to alert, written (conditionally) before it publishes, so
 *               that a concurrent run does not alert them too; removed once the run recorded its alert, or
 *               released when its publish failed
 * @param incidents by incident id: the incidents alerted and still open, for the "Resolved" part of a later alert
 */
public record AlertState(
        Map<String, Entry> findings,
        List<String> alertedRuns,
        Map<String, Claim> claims,
        Map<String, IncidentEntry> incidents) {

    static final int RUNS_KEPT = 100;
    /** A claim older than this belongs to a run that died (Lambda runs at most 15 minutes): it no longer holds. */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(15);

    private static final ObjectMapper MAPPER = Json.MAPPER;

    public AlertState {
        findings = Map.copyOf(findings);
        alertedRuns = List.copyOf(alertedRuns);
        claims = Map.copyOf(claims);
        incidents = Map.copyOf(incidents);
    }

    public AlertState(Map<String, Entry> findings, List<String> alertedRuns, Map<String, Claim> claims) {
        this(findings, alertedRuns, claims, Map.of());
    }

    public AlertState(Map<String, Entry> findings, List<String> alertedRuns) {
        this(findings, alertedRuns, Map.of());
    }

    /**
     * One alerted incident, kept so that a later run can say it was resolved.
     *
     * @param principals the keys ({@code user/name}) of the principals it reached: it is resolved only by a run
     *     that audited all of them and no longer has it
     */
    public record IncidentEntry(
            String title, String severity, Instant firstSeen, Instant lastAlerted, List<String> principals) {
        public IncidentEntry {
            principals = List.copyOf(principals);
        }
    }

    /** This state without the claim of {@code runId} (a run whose publish failed releases what it claimed). */
    public AlertState withoutClaim(String runId) {
        Map<String, Claim> c = new LinkedHashMap<>(claims);
        c.remove(runId);
        return new AlertState(findings, alertedRuns, c, incidents);
    }

    /** Ours on top of theirs: entries of both (ours winning), runs of both, their claims but not ours. */
    public AlertState mergedOnto(AlertState theirs, String ourRunId) {
        Map<String, Entry> entries = new LinkedHashMap<>(theirs.findings());
        entries.putAll(findings);
        List<String> runs = new ArrayList<>(theirs.alertedRuns());
        alertedRuns.stream().filter(r -> !runs.contains(r)).forEach(runs::add);
        Map<String, Claim> c = new LinkedHashMap<>(theirs.claims());
        c.remove(ourRunId);
        Map<String, IncidentEntry> inc = new LinkedHashMap<>(theirs.incidents());
        inc.putAll(incidents);
        return new AlertState(entries, runs, c, inc);
    }

    /** One alerted finding. */
    public record Entry(String evidenceHash, String severity, Instant firstSeen, Instant lastAlerted) {}

    /**
     * A run's claim on the findings it is about to alert.
     *
     * @param at when the claim was made
     * @param evidenceHashes by finding id, the evidence hash it will alert
     */
    public record Claim(Instant at, Map<String, String> evidenceHashes) {
        public Claim {
            evidenceHashes = Map.copyOf(evidenceHashes);
        }

        boolean live(Instant now) {
            return Duration.between(at, now).compareTo(CLAIM_LEASE) < 0;
        }
    }

    public static AlertState empty() {
        return new AlertState(Map.of(), List.of());
    }

    /** This state with {@code runId} claiming the given findings (by id, with their evidence hashes). */
    public AlertState withClaim(String runId, Map<String, String> evidenceHashes, Instant now) {
        Map<String, Claim> c = new LinkedHashMap<>(claims);
        c.put(runId, new Claim(now, evidenceHashes));
        return new AlertState(findings, alertedRuns, c, incidents);
    }

    /** Whether a run other than {@code runId} holds a live claim on this finding with this evidence. */
    public boolean claimedByAnother(String runId, String findingId, String evidenceHash, Instant now) {
        return claims.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(runId)
                        && e.getValue().live(now)
                        && evidenceHash.equals(e.getValue().evidenceHashes().get(findingId)));
    }

    /** The live claims of runs other than {@code runId}. */
    public Map<String, Claim> claimsOfOthers(String runId, Instant now) {
        Map<String, Claim> out = new LinkedHashMap<>();
        claims.forEach((run, claim) -> {
            if (!run.equals(runId) && claim.live(now)) {
                out.put(run, claim);
            }
        });
        return out;
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.putArray("alertedRuns")
                .addAll(alertedRuns.stream()
                        .map(MAPPER.getNodeFactory()::textNode)
                        .toList());
        ObjectNode f = root.putObject("findings");
        findings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> f.putObject(e.getKey())
                        .put("evidenceHash", e.getValue().evidenceHash())
                        .put("severity", e.getValue().severity())
                        .put("firstSeen", e.getValue().firstSeen().toString())
                        .put("lastAlerted", e.getValue().lastAlerted().toString()));
        if (!incidents.isEmpty()) {
            ObjectNode inc = root.putObject("incidents");
            incidents.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ObjectNode n = inc.putObject(e.getKey())
                        .put("title", e.getValue().title())
                        .put("severity", e.getValue().severity())
                        .put("firstSeen", e.getValue().firstSeen().toString())
                        .put("lastAlerted", e.getValue().lastAlerted().toString());
                e.getValue().principals().forEach(n.putArray("principals")::add);
            });
        }
        if (!claims.isEmpty()) {
            ObjectNode c = root.putObject("claims");
            claims.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ObjectNode claim =
                        c.putObject(e.getKey()).put("at", e.getValue().at().toString());
                ObjectNode hashes = claim.putObject("evidenceHashes");
                e.getValue().evidenceHashes().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(h -> hashes.put(h.getKey(), h.getValue()));
            });
        }
        return root.toPrettyString();
    }

    /** Reads the stored state; an unreadable state is an error (the caller decides), never silently an empty one. */
    public static AlertState fromJson(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<String> runs = new ArrayList<>();
            root.path("alertedRuns").forEach(n -> runs.add(n.asText()));
            Map<String, Entry> entries = new LinkedHashMap<>();
            root.path("findings")
                    .fields()
                    .forEachRemaining(e -> entries.put(
                            e.getKey(),
                            new Entry(
                                    e.getValue().path("evidenceHash").asText(),
                                    e.getValue().path("severity").asText(),
                                    Instant.parse(e.getValue().path("firstSeen").asText()),
                                    Instant.parse(
                                            e.getValue().path("lastAlerted").asText()))));
            Map<String, Claim> claims = new LinkedHashMap<>();
            root.path("claims").fields().forEachRemaining(e -> {
                Map<String, String> hashes = new LinkedHashMap<>();
                e.getValue()
                        .path("evidenceHashes")
                        .fields()
                        .forEachRemaining(
                                h -> hashes.put(h.getKey(), h.getValue().asText()));
                claims.put(
                        e.getKey(),
                        new Claim(Instant.parse(e.getValue().path("at").asText()), hashes));
            });
            Map<String, IncidentEntry> incidents = new LinkedHashMap<>();
            root.path("incidents").fields().forEachRemaining(e -> {
                List<String> principals = new ArrayList<>();
                e.getValue().path("principals").forEach(n -> principals.add(n.asText()));
                incidents.put(
                        e.getKey(),
                        new IncidentEntry(
                                e.getValue().path("title").asText(),
                                e.getValue().path("severity").asText(),
                                Instant.parse(e.getValue().path("firstSeen").asText()),
                                Instant.parse(e.getValue().path("lastAlerted").asText()),
                                principals));
            });
            return new AlertState(entries, runs, claims, incidents);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "alert state is not valid JSON of the expected shape: " + e.getMessage(), e);
        }
    }
}
