package io.iamdrift.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link PolicyParser}: builds a {@link PolicyDocument} straight from the parser's tokens, without
 * a JSON tree, for the plainly valid documents that make up almost every input. It gives up ({@code null}) on
 * anything the tree walker would reject or that needs more care (a number, an unknown or duplicate key, a missing
 * element, a value of the wrong type; it checks duplicate keys itself, in the few objects a valid document has): the walker then reads the document again and reports the error exactly as
 * it always has. Whatever it returns is equal to what the walker builds ({@code PolicyTokensTest}).
 */
final class PolicyTokens {

    private final JsonParser p;
    private final PolicyKind kind;

    private PolicyTokens(JsonParser p, PolicyKind kind) {
        this.p = p;
        this.kind = kind;
    }

    /** The document, or {@code null} when the tree walker must read it. */
    static PolicyDocument read(String json, PolicyKind kind) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            // duplicate keys are checked where they can occur, cheaper than the parser's set of names per object
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            PolicyTokens tokens = new PolicyTokens(p, kind);
            PolicyDocument document = p.nextToken() == JsonToken.START_OBJECT ? tokens.document() : null;
            return document != null && p.nextToken() == null ? document : null;
        } catch (IOException e) {
            return null; // malformed, a duplicate key, too deep: the walker says where
        }
    }

    private PolicyDocument document() throws IOException {
        String version = null;
        String id = null;
        List<Statement> statements = null;
        boolean hasId = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            boolean read = switch (key) {
                case "Version" ->
                    version == null && value == JsonToken.VALUE_STRING && (version = version(p.getText())) != null;
                case "Id" -> !hasId && value == JsonToken.VALUE_STRING && (id = p.getText()) != null;
                case "Statement" -> statements == null && (statements = statements(value)) != null;
                default -> false;
            };
            if (!read) {
                return null;
            }
            hasId |= key.equals("Id");
        }
        return statements == null ? null : new PolicyDocument(version, id, statements);
    }

    private static String version(String text) {
        return switch (text) {
            case PolicyDocument.VERSION_2012 -> PolicyDocument.VERSION_2012;
            case PolicyDocument.VERSION_2008 -> PolicyDocument.VERSION_2008;
            default -> null;
        };
    }

    private List<Statement> statements(JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            Statement only = statement(0);
            return only == null ? null : List.of(only);
        }
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<Statement> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Statement s = statement(out.size());
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return p.currentToken() == JsonToken.END_ARRAY && !out.isEmpty() ? out : null;
    }

    /** Reads one statement object (the current token is its START_OBJECT). */
    private Statement statement(int index) throws IOException {
        String sid = null;
        Effect effect = null;
        ActionSet actions = null;
        ResourceSet resources = null;
        PrincipalSet principals = null;
        List<Condition> conditions = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            boolean read = switch (key) {
                case "Sid" -> sid == null && value == JsonToken.VALUE_STRING && (sid = text()) != null;
                case "Effect" ->
                    effect == null && value == JsonToken.VALUE_STRING && (effect = effect(p.getText())) != null;
                case "Action", "NotAction" ->
                    actions == null && (actions = actions(key.equals("NotAction"), value)) != null;
                case "Resource", "NotResource" ->
                    resources == null && (resources = resources(key.equals("NotResource"), value)) != null;
                case "Principal", "NotPrincipal" ->
                    principals == null && (principals = principals(key.equals("NotPrincipal"), value)) != null;
                case "Condition" -> conditions == null && (conditions = conditions(value)) != null;
                default -> false;
            };
            if (!read) {
                return null;
            }
        }
        boolean complete = effect != null
                && actions != null
                && (resources != null ? kind != PolicyKind.TRUST : kind != PolicyKind.IDENTITY)
                && (principals != null) == (kind != PolicyKind.IDENTITY);
        return complete
                ? new Statement(
                        index, sid, effect, actions, resources, principals, conditions == null ? List.of() : conditions)
                : null;
    }

    private static Effect effect(String text) {
        return switch (text) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> null;
        };
    }

    private ActionSet actions(boolean negated, JsonToken value) throws IOException {
        List<String> patterns = strings(value);
        if (patterns == null) {
            return null;
        }
        for (String pattern : patterns) {
            if (!PolicyParser.validAction(pattern)) {
                return null;
            }
        }
        return PolicyParser.actionSet(negated, patterns);
    }

    private ResourceSet resources(boolean negated, JsonToken value) throws IOException {
        List<String> patterns = kind == PolicyKind.TRUST ? null : strings(value);
        return patterns == null ? null : new ResourceSet(negated, patterns);
    }

    private PrincipalSet principals(boolean negated, JsonToken value) throws IOException {
        if (kind == PolicyKind.IDENTITY) {
            return null;
        }
        if (value == JsonToken.VALUE_STRING) {
            return p.getText().equals("*") ? new PrincipalSet(negated, new Principal.Anyone()) : null;
        }
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<PrincipalType, List<String>> byType = new EnumMap<>(PrincipalType.class);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            PrincipalType type = PrincipalType.fromJson(p.currentName());
            List<String> ids = type == null || byType.containsKey(type) ? null : strings(p.nextToken());
            if (ids == null) {
                return null;
            }
            byType.put(type, ids);
        }
        return byType.isEmpty() ? null : new PrincipalSet(negated, new Principal.Named(byType));
    }

    /** The Condition block flattened in document order, as the walker flattens it. */
    private List<Condition> conditions(JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        List<Condition> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            ConditionOperator operator = held(out, 0, out.size(), name, true) ? null : ConditionOperator.parse(name);
            if (operator == null || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int before = out.size();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                boolean usable = !key.isEmpty() && !held(out, before, out.size(), key, false);
                List<String> values = usable ? conditionValues(p.nextToken()) : null;
                if (values == null || PolicyParser.unreadableValue(operator, values) >= 0) {
                    return null;
                }
                out.add(new Condition(operator, PolicyParser.shared(key), values));
            }
            if (out.size() == before) {
                return null; // an operator with no keys
            }
        }
        return out;
    }

    /** Whether {@code out[from, to)} already has the operator ({@code operator}) or the key named {@code name}. */
    private static boolean held(List<Condition> out, int from, int to, String name, boolean operator) {
        for (int i = from; i < to; i++) {
            Condition c = out.get(i);
            if ((operator ? c.operator().text() : c.key()).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private List<String> conditionValues(JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            String one = scalar(value);
            return one == null ? null : List.of(one);
        }
        List<String> out = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            String one = scalar(t);
            if (one == null) {
                return null;
            }
            out.add(one);
        }
        return out.isEmpty() ? null : out;
    }

    /** A string or boolean condition value; {@code null} for anything else (numbers are the walker's). */
    private String scalar(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return text();
        }
        return t == JsonToken.VALUE_TRUE ? "true" : t == JsonToken.VALUE_FALSE ? "false" : null;
    }

    /** A non-empty string or a non-empty array of non-empty strings (Action, Resource, principal ids). */
    private List<String> strings(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getTextLength() == 0 ? null : List.of(text());
        }
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> out = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
            out.add(text());
        }
        return p.currentToken() == JsonToken.END_ARRAY && !out.isEmpty() ? out : null;
    }

    /** The current string token, from the pool when it holds it, without copying it first. */
    private String text() throws IOException {
        return StringPool.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
}
