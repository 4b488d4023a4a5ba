package io.iamdrift.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses IAM policy documents into {@link PolicyDocument}s, rejecting what IAM rejects.
 *
 * <p>Accepts JSON text or URL-encoded JSON. Jackson reads the text (duplicate keys are errors, as they
 * are ambiguous in IAM); this class walks the tree so that every element is kept as written (a missing
 * Version stays missing, NotAction stays NotAction, unknown elements are errors rather than dropped).
 */
public final class PolicyParser {

    /** Largest document accepted (IAM's own limits are far lower: 6,144 characters for a managed policy). */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;

    /** One {@link ActionSet} per distinct action list, shared by the documents that repeat it. */
    private static final BoundedCache<ActionSet, ActionSet> ACTION_SETS = new BoundedCache<>(32_768);

    static String shared(String s) {
        return StringPool.intern(s);
    }

    static ActionSet actionSet(boolean negated, List<String> patterns) {
        ActionSet set = new ActionSet(negated, patterns);
        return ACTION_SETS.get(set, k -> k);
    }

    /** Whether an action pattern has IAM's shape: {@code *} or {@code service:action}. */
    static boolean validAction(String p) {
        int colon = p.indexOf(':');
        return p.equals("*") || (colon > 0 && colon != p.length() - 1);
    }

    private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of(
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Principal",
            "NotPrincipal",
            "Condition");

    private PolicyParser() {}

    /** Parses an identity-based policy (the common case: managed, inline and boundary policies). */
    public static PolicyDocument parse(String text, String source) {
        return parse(text, source, PolicyKind.IDENTITY);
    }

    /**
     * Parses a document of the given kind.
     *
     * @param text JSON or URL-encoded JSON
     * @param source where it came from, used in error messages (file name, {@code inline:name}, ARN)
     * @throws PolicyParseException when the text is not a valid policy of that kind
     */
    public static PolicyDocument parse(String text, String source, PolicyKind kind) {
        if (text == null || text.isBlank()) {
            throw new PolicyParseException(source, "", 0, 0, "the document is empty");
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new PolicyParseException(
                    source,
                    "",
                    0,
                    0,
                    "the document is " + text.length() + " characters, more than the " + MAX_DOCUMENT_CHARS
                            + " accepted");
        }
        String json;
        try {
            json = PolicyText.decode(text);
        } catch (IllegalArgumentException e) {
            throw new PolicyParseException(source, "", 0, 0, e.getMessage());
        }
        PolicyDocument read = PolicyTokens.read(json, kind);
        return read != null ? read : parseTree(json, source, kind);
    }

    /** The tree walker alone (the reference {@link PolicyTokens} is tested against). */
    static PolicyDocument parseTree(String json, String source, PolicyKind kind) {
        return parse(readTree(json, source), source, kind);
    }

    /** Parses a document that is already a JSON tree (e.g. embedded in a snapshot or baseline). */
    public static PolicyDocument parse(JsonNode root, String source, PolicyKind kind) {
        return new Walker(source, kind).document(root);
    }

    private static JsonNode readTree(String json, String source) {
        try {
            JsonNode node = Json.EXACT.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new PolicyParseException(source, "", 0, 0, "the document is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
            int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
            return throwSyntax(source, line, column, e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson reports a number beyond its limits (e.g. 1E999999999 read as BigDecimal) this way (found by
            // PolicyParserFuzzTest)
            return throwSyntax(source, 0, 0, "a number is out of range: " + e.getMessage());
        }
    }

    private static JsonNode throwSyntax(String source, int line, int column, String message) {
        String reason = message == null ? "not valid JSON" : "not valid JSON: " + message.replace('\n', ' ');
        throw new PolicyParseException(source, "", Math.max(line, 1), Math.max(column, 1), reason);
    }

    /** Walks one tree, tracking the JSON pointer for error messages. */
    private static final class Walker {
        private final String source;
        private final PolicyKind kind;

        Walker(String source, PolicyKind kind) {
            this.source = source;
            this.kind = kind;
        }

        private PolicyParseException error(String pointer, String reason) {
            return new PolicyParseException(source, pointer, 0, 0, reason);
        }

        PolicyDocument document(JsonNode root) {
            if (!root.isObject()) {
                throw error("", "a policy document must be a JSON object, found " + describe(root));
            }
            rejectUnknownKeys(root, "", DOCUMENT_KEYS, "policy element");
            String version = null;
            JsonNode v = root.get("Version");
            if (v != null) {
                version = string(v, "/Version");
                if (!PolicyDocument.VERSION_2012.equals(version) && !PolicyDocument.VERSION_2008.equals(version)) {
                    throw error(
                            "/Version",
                            "unknown Version \"" + version + "\" (expected \"2012-10-17\" or \"2008-10-17\")");
                }
            }
            String id = root.has("Id") ? string(root.get("Id"), "/Id") : null;
            JsonNode st = root.get("Statement");
            if (st == null) {
                throw error("", "the document has no Statement");
            }
            List<Statement> statements = new ArrayList<>();
            if (st.isObject()) {
                statements.add(statement(st, "/Statement", 0));
            } else if (st.isArray()) {
                if (st.isEmpty()) {
                    throw error("/Statement", "Statement is empty: the document would grant nothing");
                }
                for (int i = 0; i < st.size(); i++) {
                    statements.add(statement(st.get(i), "/Statement/" + i, i));
                }
            } else {
                throw error("/Statement", "Statement must be an object or an array of objects, found " + describe(st));
            }
            return new PolicyDocument(version, id, statements);
        }

        private Statement statement(JsonNode node, String at, int index) {
            if (!node.isObject()) {
                throw error(at, "a statement must be a JSON object, found " + describe(node));
            }
            rejectUnknownKeys(node, at, STATEMENT_KEYS, "statement element");
            String sid = node.has("Sid") ? string(node.get("Sid"), at + "/Sid") : null;
            JsonNode e = node.get("Effect");
            if (e == null) {
                throw error(at, "the statement has no Effect");
            }
            String effectText = string(e, at + "/Effect");
            Effect effect = switch (effectText) {
                case "Allow" -> Effect.ALLOW;
                case "Deny" -> Effect.DENY;
                default ->
                    throw error(
                            at + "/Effect", "unknown Effect \"" + effectText + "\" (expected \"Allow\" or \"Deny\")");
            };
            ActionSet actions = actions(node, at);
            ResourceSet resources = resources(node, at);
            PrincipalSet principals = principals(node, at);
            List<Condition> conditions =
                    node.has("Condition") ? conditions(node.get("Condition"), at + "/Condition") : List.of();
            return new Statement(index, sid, effect, actions, resources, principals, conditions);
        }

        private ActionSet actions(JsonNode node, String at) {
            boolean has = node.has("Action");
            boolean hasNot = node.has("NotAction");
            if (has && hasNot) {
                throw error(at, "a statement may have Action or NotAction, not both");
            }
            if (!has && !hasNot) {
                throw error(at, "the statement has neither Action nor NotAction");
            }
            String name = has ? "Action" : "NotAction";
            List<String> patterns = stringList(node.get(name), at + "/" + name, name);
            for (int i = 0; i < patterns.size(); i++) {
                String p = patterns.get(i);
                if (!validAction(p)) {
                    throw error(
                            at + "/" + name + (node.get(name).isArray() ? "/" + i : ""),
                            "action \"" + p + "\" must be \"*\" or \"service:action\" (e.g. s3:GetObject)");
                }
            }
            return actionSet(hasNot, patterns);
        }

        private ResourceSet resources(JsonNode node, String at) {
            boolean has = node.has("Resource");
            boolean hasNot = node.has("NotResource");
            if (has && hasNot) {
                throw error(at, "a statement may have Resource or NotResource, not both");
            }
            if (!has && !hasNot) {
                if (kind == PolicyKind.IDENTITY) {
                    throw error(
                            at,
                            "the statement has neither Resource nor NotResource (required in identity-based policies)");
                }
                return null;
            }
            if (kind == PolicyKind.TRUST) {
                throw error(at, "a trust policy must not have Resource or NotResource");
            }
            String name = has ? "Resource" : "NotResource";
            return new ResourceSet(hasNot, stringList(node.get(name), at + "/" + name, name));
        }

        private PrincipalSet principals(JsonNode node, String at) {
            boolean has = node.has("Principal");
            boolean hasNot = node.has("NotPrincipal");
            if (has && hasNot) {
                throw error(at, "a statement may have Principal or NotPrincipal, not both");
            }
            if (!has && !hasNot) {
                if (kind != PolicyKind.IDENTITY) {
                    throw error(
                            at,
                            "the statement has neither Principal nor NotPrincipal (required in "
                                    + (kind == PolicyKind.TRUST ? "trust" : "resource-based") + " policies)");
                }
                return null;
            }
            String name = has ? "Principal" : "NotPrincipal";
            if (kind == PolicyKind.IDENTITY) {
                throw error(at + "/" + name, "an identity-based policy must not have " + name);
            }
            JsonNode p = node.get(name);
            String pAt = at + "/" + name;
            if (p.isTextual()) {
                if (!p.asText().equals("*")) {
                    throw error(
                            pAt,
                            name + " must be \"*\" or an object such as {\"AWS\": \"arn:...\"}, found \"" + p.asText()
                                    + "\"");
                }
                return new PrincipalSet(hasNot, new Principal.Anyone());
            }
            if (!p.isObject()) {
                throw error(pAt, name + " must be \"*\" or an object, found " + describe(p));
            }
            if (p.isEmpty()) {
                throw error(pAt, name + " is empty");
            }
            Map<PrincipalType, List<String>> byType = new EnumMap<>(PrincipalType.class);
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                PrincipalType type = PrincipalType.fromJson(f.getKey());
                String fAt = pAt + "/" + escape(f.getKey());
                if (type == null) {
                    throw error(
                            fAt,
                            "unknown principal type \"" + f.getKey()
                                    + "\" (expected AWS, Service, Federated or CanonicalUser)");
                }
                byType.put(type, stringList(f.getValue(), fAt, f.getKey()));
            }
            return new PrincipalSet(hasNot, new Principal.Named(byType));
        }

        private List<Condition> conditions(JsonNode block, String at) {
            if (!block.isObject()) {
                throw error(at, "Condition must be an object of operators, found " + describe(block));
            }
            List<Condition> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                String opAt = at + "/" + escape(op.getKey());
                ConditionOperator operator = ConditionOperator.parse(op.getKey());
                if (operator == null) {
                    throw error(opAt, "unknown condition operator \"" + op.getKey() + "\"");
                }
                JsonNode keys = op.getValue();
                if (!keys.isObject() || keys.isEmpty()) {
                    throw error(
                            opAt,
                            "a condition operator must map to a non-empty object of condition keys, found "
                                    + describe(keys));
                }
                for (Iterator<Map.Entry<String, JsonNode>> kt = keys.fields(); kt.hasNext(); ) {
                    Map.Entry<String, JsonNode> k = kt.next();
                    String kAt = opAt + "/" + escape(k.getKey());
                    if (k.getKey().isEmpty()) {
                        throw error(kAt, "empty condition key");
                    }
                    List<String> values = conditionValues(k.getValue(), kAt);
                    checkTyped(operator, values, kAt);
                    out.add(new Condition(operator, shared(k.getKey()), values));
                }
            }
            return out;
        }

        /**
         * Numeric, Date and IP operators, and the negated ARN operators, need values of their type: IAM's grammar
         * says so, and an unreadable value makes the condition match nothing; a negated operator (NotIpAddress
         * "123456789012", ArnNotLike "prod") then matches everything, silently disabling a Deny or widening an
         * Allow. A value holding a policy variable is read per request instead. (Whether IAM itself refuses such a
         * document at write time is not verified here.)
         */
        private void checkTyped(ConditionOperator operator, List<String> values, String at) {
            int i = unreadableValue(operator, values);
            if (i >= 0) {
                String expected = expectedType(operator.base());
                throw error(
                        values.size() == 1 ? at : at + "/" + i,
                        "\"" + values.get(i) + "\" is not a"
                                + (expected.startsWith("I") || expected.startsWith("A") ? "n " : " ") + expected
                                + ", as " + operator.text() + " requires");
            }
        }

        private List<String> conditionValues(JsonNode v, String at) {
            if (v.isArray()) {
                if (v.isEmpty()) {
                    throw error(at, "condition values must not be an empty array");
                }
                List<String> out = new ArrayList<>(v.size());
                for (int i = 0; i < v.size(); i++) {
                    out.add(scalar(v.get(i), at + "/" + i));
                }
                return out;
            }
            return List.of(scalar(v, at));
        }

        private String scalar(JsonNode v, String at) {
            if (v.isTextual()) {
                return shared(v.asText());
            }
            if (v.isNumber()) {
                return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
            }
            if (v.isBoolean()) {
                return v.asText();
            }
            throw error(at, "a condition value must be a string, number or boolean, found " + describe(v));
        }

        private List<String> stringList(JsonNode v, String at, String name) {
            if (v.isTextual()) {
                if (v.asText().isEmpty()) {
                    throw error(at, name + " must not be an empty string");
                }
                return List.of(shared(v.asText()));
            }
            if (!v.isArray()) {
                throw error(at, name + " must be a string or an array of strings, found " + describe(v));
            }
            if (v.isEmpty()) {
                throw error(at, name + " must not be empty");
            }
            List<String> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()) {
                    throw error(at + "/" + i, name + " entries must be strings, found " + describe(item));
                }
                if (item.asText().isEmpty()) {
                    throw error(at + "/" + i, name + " entries must not be empty strings");
                }
                out.add(shared(item.asText()));
            }
            return out;
        }

        private String string(JsonNode v, String at) {
            if (!v.isTextual()) {
                throw error(at, "expected a string, found " + describe(v));
            }
            return v.asText();
        }

        private void rejectUnknownKeys(JsonNode node, String at, Set<String> allowed, String what) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    String hint = closest(key, allowed);
                    throw error(
                            at + "/" + escape(key),
                            "unknown " + what + " \"" + key + "\""
                                    + (hint == null ? "" : " (did you mean \"" + hint + "\"?)"));
                }
            }
        }
    }

    /**
     * Numeric, Date and IP operators, and the negated ARN operators, need values of their type: IAM's grammar says
     * so, and an unreadable value makes the condition match nothing; a negated operator (NotIpAddress
     * "123456789012", ArnNotLike "prod") then matches everything, silently disabling a Deny or widening an Allow. A
     * value holding a policy variable is read per request instead. (Whether IAM itself refuses such a document at
     * write time is not verified here.)
     *
     * @return the index of the first value the operator cannot read, or -1 when it reads them all
     */
    static int unreadableValue(ConditionOperator operator, List<String> values) {
        BaseOperator base = operator.base();
        if (expectedType(base) == null) {
            return -1;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.contains("${")) {
                continue;
            }
            boolean readable = switch (base.kind()) {
                case NUMERIC -> ConditionValues.number(value) != null;
                case DATE -> ConditionValues.date(value) != null;
                case IP -> IpAddresses.parseCidr(value) != null;
                default -> value.startsWith("arn:") || value.equals("*");
            };
            if (!readable) {
                return i;
            }
        }
        return -1;
    }

    /** What values an operator needs, in words, or {@code null} when it takes any string. */
    private static String expectedType(BaseOperator base) {
        return switch (base.kind()) {
            case NUMERIC -> "number";
            case DATE -> "date (ISO 8601 or epoch seconds)";
            case IP -> "IP address or CIDR block (e.g. 203.0.113.0/24)";
            case ARN ->
                base.negated() ? "ARN (arn:partition:service:region:account:resource, wildcards allowed)" : null;
            default -> null;
        };
    }

    private static String closest(String key, Set<String> allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(key) || a.equalsIgnoreCase(key + "s") || (a + "s").equalsIgnoreCase(key)) {
                return a;
            }
        }
        return null;
    }

    /** Escapes a key for a JSON pointer (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string \"" + abbreviate(n.asText()) + "\"";
            case NUMBER -> "the number " + n.asText();
            case BOOLEAN -> "the boolean " + n.asText();
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
