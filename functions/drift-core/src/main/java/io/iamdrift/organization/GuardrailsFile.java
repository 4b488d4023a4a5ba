package io.iamdrift.organization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organization-policies file: {@code {"serviceControlPolicies": [[doc...], ...],
 * "resourceControlPolicies": [[doc...], ...]}}, levels from the root to the account, plus the optional
 * {@code path} (a name per level), {@code organizationId}, {@code managementAccountId} and {@code accountId}.
 * A document is a policy object, a JSON string holding one, or {@code {"name", "id", "document"}} (what
 * {@code organization-policies} writes). Every error names the file and the JSON pointer.
 */
public final class GuardrailsFile {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<String> MEMBERS = Set.of(
            "serviceControlPolicies",
            "resourceControlPolicies",
            "path",
            "organizationId",
            "managementAccountId",
            "accountId");

    private GuardrailsFile() {}

    /** A malformed file: the message is {@code FILE: POINTER: reason}. */
    public static final class InvalidException extends RuntimeException {
        public InvalidException(String source, String pointer, String reason) {
            super(source + ": " + (pointer == null || pointer.isEmpty() ? "" : pointer + ": ") + reason);
        }
    }

    /** Reads a file's text; {@code source} names it in errors. */
    public static Guardrails read(String source, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : "line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new InvalidException(
                    source, where, "not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidException(
                    source,
                    "",
                    "must be a JSON object {\"serviceControlPolicies\": [[...]], \"resourceControlPolicies\": [[...]]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!MEMBERS.contains(f)) {
                throw new InvalidException(source, "/" + f, "unknown member (expected " + new TreeSet<>(MEMBERS) + ")");
            }
        }
        if (!root.has("serviceControlPolicies") && !root.has("resourceControlPolicies")) {
            throw new InvalidException(source, "", "holds neither serviceControlPolicies nor resourceControlPolicies");
        }
        List<String> path = new ArrayList<>();
        JsonNode p = root.get("path");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                throw new InvalidException(source, "/path", "must be an array of level names, root first");
            }
            for (int i = 0; i < p.size(); i++) {
                if (!p.get(i).isTextual() || p.get(i).asText().isBlank()) {
                    throw new InvalidException(source, "/path/" + i, "must be a non-empty string");
                }
                path.add(p.get(i).asText());
            }
        }
        List<List<Guardrails.Policy>> scps = levels(source, root, "serviceControlPolicies", PolicyKind.IDENTITY, path);
        List<List<Guardrails.Policy>> rcps = levels(source, root, "resourceControlPolicies", PolicyKind.RESOURCE, path);
        if (!scps.isEmpty() && !rcps.isEmpty() && scps.size() != rcps.size()) {
            throw new InvalidException(
                    source,
                    "/resourceControlPolicies",
                    "has " + rcps.size() + " levels but " + "serviceControlPolicies has " + scps.size()
                            + ": both run from the root to the account");
        }
        return new Guardrails(
                string(source, root, "organizationId"), string(source, root, "managementAccountId"), path, scps, rcps);
    }

    private static String string(String source, JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidException(source, "/" + name, "must be a string");
        }
        return v.asText();
    }

    private static List<List<Guardrails.Policy>> levels(
            String source, JsonNode root, String name, PolicyKind kind, List<String> path) {
        JsonNode list = root.get(name);
        if (list == null || list.isNull()) {
            return List.of();
        }
        String at = "/" + name;
        if (!list.isArray()) {
            throw new InvalidException(
                    source, at, "must be an array of levels (root first), each an array of policies");
        }
        if (!path.isEmpty() && list.size() != 0 && list.size() != path.size()) {
            throw new InvalidException(source, at, "has " + list.size() + " levels but path names " + path.size());
        }
        List<List<Guardrails.Policy>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode level = list.get(i);
            if (!level.isArray()) {
                throw new InvalidException(source, at + "/" + i, "a level must be an array of policies");
            }
            List<Guardrails.Policy> policies = new ArrayList<>();
            for (int j = 0; j < level.size(); j++) {
                policies.add(policy(source, level.get(j), at + "/" + i + "/" + j, kind, j));
            }
            out.add(policies);
        }
        return out;
    }

    private static Guardrails.Policy policy(String source, JsonNode node, String at, PolicyKind kind, int index) {
        String name = null;
        String id = null;
        JsonNode doc = node;
        String docAt = at;
        if (node.isObject() && node.has("document")) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("name") && !f.equals("id") && !f.equals("document")) {
                    throw new InvalidException(source, at + "/" + f, "unknown member (expected name, id, document)");
                }
            }
            name = optionalText(source, node, "name", at);
            id = optionalText(source, node, "id", at);
            doc = node.get("document");
            docAt = at + "/document";
        }
        String text;
        if (doc.isTextual()) {
            text = doc.asText();
        } else if (doc.isObject()) {
            text = doc.toString();
        } else {
            throw new InvalidException(
                    source,
                    docAt,
                    "a policy must be a document (object or JSON string) or {\"name\", \"id\", \"document\"}");
        }
        PolicyDocument parsed;
        try {
            parsed = PolicyParser.parse(text, source, kind);
        } catch (PolicyParseException e) {
            String inner = e.pointer() == null ? "" : e.pointer();
            throw new InvalidException(source, docAt + (doc.isTextual() ? "" : inner), e.reason());
        }
        if (name == null) {
            name = id != null ? id : parsed.id() != null ? parsed.id() : "policy " + (index + 1);
        }
        return new Guardrails.Policy(name, id, parsed, text);
    }

    private static String optionalText(String source, JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidException(source, at + "/" + field, "must be a non-empty string");
        }
        return v.asText();
    }

    /** The file's JSON (pretty-printed), as {@code organization-policies} writes it. */
    public static String write(Guardrails g, String accountId) {
        ObjectNode root = MAPPER.createObjectNode();
        if (accountId != null) {
            root.put("accountId", accountId);
        }
        if (g.organizationId() != null) {
            root.put("organizationId", g.organizationId());
        }
        if (g.managementAccountId() != null) {
            root.put("managementAccountId", g.managementAccountId());
        }
        ArrayNode path = root.putArray("path");
        g.path().forEach(path::add);
        writeLevels(root.putArray("serviceControlPolicies"), g.serviceControlPolicies());
        writeLevels(root.putArray("resourceControlPolicies"), g.resourceControlPolicies());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeLevels(ArrayNode out, List<List<Guardrails.Policy>> levels) {
        for (List<Guardrails.Policy> level : levels) {
            ArrayNode l = out.addArray();
            for (Guardrails.Policy p : level) {
                ObjectNode o = l.addObject();
                o.put("name", p.name());
                if (p.id() != null) {
                    o.put("id", p.id());
                }
                try {
                    o.set("document", MAPPER.readTree(p.text()));
                } catch (JsonProcessingException e) {
                    o.put("document", p.text());
                }
            }
        }
    }
}
