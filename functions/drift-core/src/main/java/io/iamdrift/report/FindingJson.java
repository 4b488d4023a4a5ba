package io.iamdrift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One finding as JSON (contract section 3), in a stable key order:
 * {@code {"id","type","severity","principal":{"type","name","arn"},"policy","title","detail","evidence":{...},
 * "remediation":{"commands":[...],"note"}}}. Keys whose value is absent are written as {@code null}, so every
 * finding has the same shape. Used by {@link ReportJson}, {@link SarifRenderer} and the alert state.
 */
public final class FindingJson {

    /** The mapper every renderer shares: no features that would reorder keys. */
    static final ObjectMapper MAPPER = Json.MAPPER;

    /** Evidence keys sorted, for digests that do not depend on insertion order. */
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FindingJson() {}

    /** The finding as a JSON object, values as they are. */
    public static ObjectNode toNode(Finding f) {
        return toNode(f, false);
    }

    /** The finding as a JSON object; with {@code redact}, texts, commands and evidence pass through {@link Redaction}. */
    public static ObjectNode toNode(Finding f, boolean redact) {
        ObjectNode n = NODES.objectNode();
        n.put("id", f.id());
        n.put("type", f.type().name());
        n.put("severity", f.severity().name());
        n.set("principal", principal(f.principal()));
        n.put("policy", redact ? Redaction.text(f.policy()) : f.policy());
        n.put("title", redact ? Redaction.text(f.title()) : f.title());
        n.put("detail", redact ? Redaction.text(f.detail()) : f.detail());
        n.set("evidence", toJson(redact ? Redaction.evidence(f.evidence()) : f.evidence()));
        n.set("remediation", remediation(f.remediation(), redact));
        return n;
    }

    /** {@code {"type","name","arn"}}. */
    public static ObjectNode principal(PrincipalRef p) {
        ObjectNode n = NODES.objectNode();
        n.put("type", p.type());
        n.put("name", p.name());
        n.put("arn", p.arn());
        return n;
    }

    /** {@code {"commands":[...],"note"}}; a missing remediation is written as no commands and no note. */
    public static ObjectNode remediation(Remediation r, boolean redact) {
        ObjectNode n = NODES.objectNode();
        ArrayNode commands = n.putArray("commands");
        if (r != null) {
            for (String c : r.commands()) {
                commands.add(redact ? Redaction.text(c) : c);
            }
        }
        n.put("note", r == null ? null : redact ? Redaction.text(r.note()) : r.note());
        return n;
    }

    /** The finding as compact JSON. */
    public static String write(Finding f) {
        try {
            return MAPPER.writeValueAsString(toNode(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Reads one finding written by {@link #write(Finding)}. */
    public static Finding read(String json) {
        return fromNode(ReportJson.parse(json), "");
    }

    /**
     * Reads a finding object.
     *
     * @param pointer the JSON pointer of {@code node}, for error messages (e.g. {@code /findings/3})
     * @throws ReportFormatException naming the pointer of a missing or malformed field
     */
    public static Finding fromNode(JsonNode node, String pointer) {
        requireObject(node, pointer);
        String id = requiredText(node, "id", pointer);
        FindingType type = enumValue(FindingType.class, requiredText(node, "type", pointer), pointer + "/type");
        Severity severity = enumValue(Severity.class, requiredText(node, "severity", pointer), pointer + "/severity");
        PrincipalRef principal = readPrincipal(node.get("principal"), pointer + "/principal");
        Map<String, Object> evidence = readEvidence(node.get("evidence"), pointer + "/evidence");
        return new Finding(
                id,
                type,
                severity,
                principal,
                optionalText(node, "policy", pointer),
                optionalText(node, "title", pointer),
                optionalText(node, "detail", pointer),
                evidence,
                readRemediation(node.get("remediation"), pointer + "/remediation"));
    }

    /** Reads {@code {"type","name","arn"}}; type and name are required. */
    public static PrincipalRef readPrincipal(JsonNode node, String pointer) {
        requireObject(node, pointer);
        return new PrincipalRef(
                requiredText(node, "type", pointer),
                requiredText(node, "name", pointer),
                optionalText(node, "arn", pointer));
    }

    /**
     * A digest of the finding's evidence, independent of key order: the alert state stores it so that a finding
     * is alerted again "when its evidence changes" (contract section 8). 32 hex digits.
     */
    public static String evidenceDigest(Finding f) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(MAPPER.treeToValue(toJson(f.evidence()), Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Any evidence value as JSON: strings, numbers, booleans, maps, collections, arrays, enums (their name),
     * dates and times ({@code toString()}, i.e. ISO-8601), JSON trees as they are, other objects via Jackson.
     */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Number) {
            return MAPPER.valueToTree(value);
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof TemporalAccessor
                || value instanceof java.time.Duration
                || value instanceof java.time.Period) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Optional<?> o) {
            return toJson(o.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode n = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n.set(String.valueOf(e.getKey()), toJson(e.getValue()));
            }
            return n;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (value instanceof Object[] array) {
            ArrayNode a = NODES.arrayNode();
            for (Object v : array) {
                a.add(toJson(v));
            }
            return a;
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return NODES.textNode(value.toString());
        }
    }

    // ---- reading helpers, shared with ReportJson -------------------------------------------------------------

    static Map<String, Object> readEvidence(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireObject(node, pointer);
        return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    static Remediation readRemediation(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, pointer);
        return new Remediation(
                stringList(node.get("commands"), pointer + "/commands"), optionalText(node, "note", pointer));
    }

    static void requireObject(JsonNode node, String pointer) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ReportFormatException(pointer, "missing object");
        }
        if (!node.isObject()) {
            throw new ReportFormatException(pointer, "expected an object, found " + kind(node));
        }
    }

    static String requiredText(JsonNode parent, String field, String pointer) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new ReportFormatException(pointer + "/" + field, "missing required field \"" + field + "\"");
        }
        if (!v.isTextual()) {
            throw new ReportFormatException(pointer + "/" + field, "expected a string, found " + kind(v));
        }
        return v.asText();
    }

    static String optionalText(JsonNode parent, String field, String pointer) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ReportFormatException(pointer + "/" + field, "expected a string, found " + kind(v));
        }
        return v.asText();
    }

    static List<String> stringList(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ReportFormatException(pointer, "expected an array of strings, found " + kind(node));
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual()) {
                throw new ReportFormatException(pointer + "/" + i, "expected a string, found " + kind(v));
            }
            out.add(v.asText());
        }
        return out;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String pointer) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new ReportFormatException(pointer, "unknown " + type.getSimpleName() + " \"" + text + "\"");
        }
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
