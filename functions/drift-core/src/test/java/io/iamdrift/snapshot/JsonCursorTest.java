package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's embedded documents as {@link JsonCursor#document} reads them, against Jackson's own ways: an
 * object is written as {@link JsonGenerator#copyCurrentStructure} writes it, a URL-encoded string decodes as
 * {@link PolicyText#decode(String)} decodes it, over every document of the project's snapshot files and corpora.
 */
class JsonCursorTest {

    private static final JsonFactory FACTORY = SnapshotReader.FACTORY;

    /** Escapes, non-ASCII text, numbers Jackson rewrites, literals and nesting the corpora may lack. */
    private static final String ODD = """
            {"Version":"2012-10-17","Statement":[{"Sid":"q\\"b\\\\s\\/\\n\\t\\u0001\\u00e9\\u20ac\\ud83d\\ude00 é€😀",
             "Effect":"Allow","Action":["s3:*"],"Resource":"*","Condition":{"NumericLessThan":{"a":[1.50,-0,1e3,
             12345678901234567890,0.1]},"Bool":{"b":true,"c":false,"d":null},"X":{"e":[[],{},[{"f":[]}]]}}}]}
            """;

    @Test
    void writesEveryEmbeddedObjectAsJacksonCopiesIt() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode root : corpora()) {
            collect(root, documents, true);
        }
        documents.add(Json.EXACT.readTree(ODD));
        assertThat(documents).hasSizeGreaterThan(1_000);
        for (JsonNode document : documents) {
            byte[] utf8 = Json.MAPPER.writeValueAsBytes(document);
            assertThat(cursorDocument(utf8)).isEqualTo(copied(utf8));
        }
        byte[] odd = ODD.getBytes(StandardCharsets.UTF_8);
        assertThat(cursorDocument(odd)).isEqualTo(copied(odd)).contains("\\\"b\\\\s/\\n\\t\\u0001é€😀");
    }

    @Test
    void decodesEveryEncodedStringAsPolicyTextDoes() throws IOException {
        List<JsonNode> strings = new ArrayList<>();
        for (JsonNode root : corpora()) {
            collect(root, strings, false);
        }
        strings.add(Json.MAPPER.getNodeFactory().textNode("%7B%22k%22%3A%22%C3%A9+\u20ac%F0%9F%98%80%22%7D"));
        assertThat(strings).hasSizeGreaterThan(100);
        for (JsonNode encoded : strings) {
            assertThat(cursorDocument(Json.MAPPER.writeValueAsBytes(encoded)))
                    .isEqualTo(PolicyText.decode(encoded.asText()));
        }
    }

    private static String cursorDocument(byte[] utf8) throws IOException {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            p.nextToken();
            String text = new JsonCursor("test.json", p, FACTORY).document(JsonPointer.ROOT);
            assertThat(p.nextToken()).isNull();
            return text;
        } catch (SnapshotException e) {
            throw new AssertionError(e);
        }
    }

    private static String copied(byte[] utf8) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonParser p = FACTORY.createParser(utf8);
                JsonGenerator g = FACTORY.createGenerator(out)) {
            p.nextToken();
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> out, boolean objects) {
        if (objects
                ? node.isObject() && node.has("Statement")
                : node.isTextual() && node.asText().startsWith("%7B")) {
            out.add(node);
        }
        for (JsonNode child : node) {
            collect(child, out, objects);
        }
    }

    private static List<JsonNode> corpora() throws IOException {
        List<Path> files;
        try (Stream<Path> walk =
                Stream.concat(Files.walk(Path.of("src/test/resources")), Files.walk(Path.of("../../events/example")))) {
            files = walk.filter(
                            f -> f.toString().endsWith(".json") || f.toString().endsWith(".json.gz"))
                    .sorted()
                    .toList();
        }
        List<JsonNode> roots = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file);
                    InputStream plain = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in) {
                roots.add(Json.EXACT.readTree(plain));
            }
        }
        return roots;
    }
}
