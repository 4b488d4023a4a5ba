package io.iamdrift.organization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hub expects of one organization run, written before any message is sent
 * ({@code reports/org/<runId>/expected.json}): the members count their results against it.
 *
 * @param hubAccountId the account the hub runs in (keys the organization's alert state)
 * @param deadline after it, accounts without a result are reported missing
 */
public record RunManifest(
        String runId,
        Instant startedAt,
        Instant deadline,
        String hubAccountId,
        String environment,
        List<MemberAccount> accounts) {

    static final ObjectMapper MAPPER = Json.MAPPER;

    public RunManifest {
        accounts = List.copyOf(accounts);
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("runId", runId);
        root.put("startedAt", startedAt.toString());
        root.put("deadline", deadline.toString());
        root.put("hubAccountId", hubAccountId);
        root.put("environment", environment);
        ArrayNode list = root.putArray("accounts");
        accounts.forEach(
                a -> list.addObject().put("id", a.id()).put("name", a.name()).put("status", a.status()));
        return root.toPrettyString();
    }

    /** Reads a manifest; {@code where} names it in errors. */
    public static RunManifest fromJson(String json, String where) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<MemberAccount> accounts = new ArrayList<>();
            for (JsonNode a : root.path("accounts")) {
                accounts.add(new MemberAccount(
                        a.path("id").asText(),
                        a.path("name").asText(),
                        a.path("status").asText()));
            }
            return new RunManifest(
                    text(root, "runId", where),
                    Instant.parse(text(root, "startedAt", where)),
                    Instant.parse(text(root, "deadline", where)),
                    text(root, "hubAccountId", where),
                    root.path("environment").isTextual()
                            ? root.path("environment").asText()
                            : null,
                    accounts);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not a run manifest: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" is missing or not a string");
        }
        return v.asText();
    }
}
