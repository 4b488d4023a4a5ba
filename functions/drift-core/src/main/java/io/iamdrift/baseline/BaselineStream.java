package io.iamdrift.baseline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.OutputFormat;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The fast read of one baseline file: a single pass over the parser that holds one principal's (or group's) tree at
 * a time, checks it against the schema's principal (group) definition, maps it and drops it; policy documents given
 * as objects are copied straight to their compact text ({@link CopiedDocument}), never built as trees.
 *
 * <p>It only accepts a file that the whole-tree read ({@link BaselineLoader}) accepts without any problem, and then
 * builds the same {@link Baseline}: the schema holds for the whole file exactly when it holds for the top level (with
 * the {@code principals} and {@code groups} arrays empty) and for every item, since those arrays have no rule but
 * their type and items (BaselineStreamTest.theSchemaChecksDocumentsAndItemArraysOnlyAsTheFastReadAssumes). Anything else (bad JSON, a duplicate key, a schema or mapping
 * problem) gives {@code null}, and the loader reads the file again as a whole tree for the exact problems.
 */
final class BaselineStream {

    /** Reads one value at the parser's place (the mapper's reader refuses what follows a value). */
    private static final ObjectReader VALUE =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] content;
    private final JsonParser p;
    private final BaselineMapper mapper;
    private final BaselineSchema schema = BaselineSchema.get();
    private final StringWriter documentText = new StringWriter();

    private BaselineStream(byte[] content, JsonParser p, BaselineMapper mapper) {
        this.content = content;
        this.p = p;
        this.mapper = mapper;
    }

    /** The file's baseline, or {@code null} when the file is not one the whole-tree read accepts without a problem. */
    static Baseline read(String name, byte[] content, TerraformActions terraform) {
        try (JsonParser p = Json.MAPPER.createParser(content)) { // duplicate keys are errors (the mapper's factory)
            return new BaselineStream(content, p, new BaselineMapper(name, terraform)).file();
        } catch (IOException | RuntimeException e) {
            return null; // read again as a whole tree, which names the problem
        }
    }

    private Baseline file() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        ObjectNode top = NODES.objectNode();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY && (field.equals("principals") || field.equals("groups"))) {
                top.set(field, NODES.arrayNode());
                if (!items(field.equals("principals"))) {
                    return null;
                }
            } else {
                top.set(field, value());
            }
        }
        if (p.nextToken() != null || !valid(schema.file(), top)) {
            return null;
        }
        Baseline b = mapper.mapped(top);
        return mapper.problems().isEmpty() ? b : null;
    }

    /** Checks and maps the items of the {@code principals} or {@code groups} array, one at a time. */
    private boolean items(boolean principals) throws IOException {
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            JsonNode item = t == JsonToken.START_OBJECT ? holder() : value();
            if (!valid(principals ? schema.principal() : schema.group(), item)) {
                return false;
            }
            if (principals) {
                mapper.principal(item, i);
            } else {
                mapper.group(item, i);
            }
            if (!mapper.problems().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean valid(JsonSchema schema, JsonNode node) {
        return schema.validate(node, OutputFormat.BOOLEAN);
    }

    /** A principal or group object, its policies' and trust policy's documents copied as text. */
    private ObjectNode holder() throws IOException {
        ObjectNode node = NODES.objectNode();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            node.set(
                    field,
                    switch (field) {
                        case "managedPolicies", "inlinePolicies" -> t == JsonToken.START_ARRAY ? policies() : value();
                        case "trustPolicy" -> document();
                        default -> value();
                    });
        }
        return node;
    }

    private ArrayNode policies() throws IOException {
        ArrayNode policies = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            policies.add(t == JsonToken.START_OBJECT ? policy() : value());
        }
        return policies;
    }

    private ObjectNode policy() throws IOException {
        ObjectNode node = NODES.objectNode();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            node.set(field, field.equals("document") ? document() : value());
        }
        return node;
    }

    /**
     * A document object as its compact text. Written compactly already (the usual case), the text is the file's own
     * bytes, found by skipping the object with the parser (which checks it, without decoding its strings); otherwise
     * those bytes are parsed again and copied through a generator.
     */
    private JsonNode document() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return value();
        }
        // byte offsets are indexes into content (after any byte order mark); -1 when the file is UTF-16 or UTF-32,
        // which ends in an exception below, so the tree read
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentTokenLocation().getByteOffset() + 1;
        return new CopiedDocument(
                CompactJson.isCompact(content, start, end)
                        ? new String(content, start, end - start, StandardCharsets.US_ASCII)
                        : copied(start, end));
    }

    private String copied(int start, int end) throws IOException {
        documentText.getBuffer().setLength(0);
        try (JsonParser object = Json.MAPPER.createParser(content, start, end - start);
                JsonGenerator g = Json.MAPPER.createGenerator(documentText)) {
            object.nextToken();
            g.copyCurrentStructure(object);
        }
        return documentText.toString();
    }

    /** The value at the parser's place as the whole-tree read builds it. */
    private JsonNode value() throws IOException {
        return VALUE.readTree(p);
    }
}
