package io.iamdrift.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token fast path against the tree walker it stands in for: over every policy document of the project's
 * corpora (AWS managed policies, public snapshot files, seeds, the example account, the escalation corpus, the
 * drift-heavy golden account, the parser's fuzz inputs) and over mutants of them that break one element at a
 * time, whatever the fast path returns must be exactly what the walker builds; where it gives up, the walker
 * decides (and words the error).
 */
class PolicyTokensTest {

    private static final Path RESOURCES = Path.of("src/test/resources");
    private static final Path EXAMPLE = Path.of("../../events/example");

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<JsonNode> REPLACEMENTS = List.of(
            NODES.nullNode(),
            NODES.numberNode(1),
            NODES.numberNode(new java.math.BigDecimal("1.50")),
            NODES.booleanNode(true),
            NODES.textNode(""),
            NODES.textNode("*"),
            NODES.textNode("s3:Get*"),
            NODES.textNode("Deny"),
            NODES.textNode("2008-10-17"),
            NODES.textNode("10.0.0.0/8"),
            NODES.arrayNode(),
            NODES.arrayNode().add("x"),
            NODES.arrayNode().add("arn:aws:s3:::b").add(1),
            NODES.objectNode(),
            NODES.objectNode().put("AWS", "arn:aws:iam::111122223333:root"));
    private static final List<String> ADDED_KEYS = List.of(
            "Bogus", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "Sid");

    private static final Set<String> TEXTS = new LinkedHashSet<>();
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void collectTheCorpora() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(RESOURCES), Files.walk(EXAMPLE))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (file.toString().contains("PolicyParserFuzzTestInputs")) {
                TEXTS.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            } else if (name.endsWith(".jsonl.gz")) {
                for (String line : read(file).split("\n")) {
                    collect(Json.EXACT.readTree(line));
                }
            } else if (name.endsWith(".json") || name.endsWith(".json.gz")) {
                collect(Json.EXACT.readTree(read(file)));
            }
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                InputStream plain = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in) {
            return new String(plain.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every policy document in a tree: objects with a Statement, and strings holding one (JSON or URL-encoded). */
    private static void collect(JsonNode node) throws IOException {
        if (node.isObject() && node.has("Statement")) {
            DOCUMENTS.add(node);
            TEXTS.add(Json.MAPPER.writeValueAsString(node));
            TEXTS.add(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else if (node.isTextual() && node.asText().contains("Statement")) {
            TEXTS.add(decoded(node.asText()));
        }
        for (JsonNode child : node) {
            collect(child);
        }
    }

    private static String decoded(String text) {
        try {
            return PolicyText.decode(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"IDENTITY", "TRUST", "RESOURCE"})
    void readsEveryCorpusDocumentAsTheWalkerDoes(PolicyKind kind) {
        int read = 0;
        for (String text : TEXTS) {
            read += sameAsWalker(text, kind) ? 1 : 0;
        }
        assertThat(TEXTS).hasSizeGreaterThan(3_000);
        if (kind == PolicyKind.IDENTITY) {
            assertThat(read).as("documents the fast path reads").isGreaterThan(TEXTS.size() * 9 / 10);
        } else {
            assertThat(read).as("trust documents the fast path reads").isGreaterThan(20);
        }
    }

    @Test
    void readsNoMutantTheWalkerWouldReadDifferently() {
        List<JsonNode> sample = DOCUMENTS.stream()
                .filter(d -> d.toString().contains("Condition") || d.toString().contains("Principal"))
                .sorted(java.util.Comparator.comparingInt(d -> d.toString().length()))
                .distinct()
                .skip(20) // past the fuzz-sized ones, still small enough to break every element of
                .limit(25)
                .toList();
        assertThat(sample).hasSize(25);
        int[] mutants = {0};
        for (JsonNode document : sample) {
            mutate(document, mutant -> {
                String text = mutant.toString();
                for (PolicyKind kind : PolicyKind.values()) {
                    sameAsWalker(text, kind);
                }
                mutants[0]++;
            });
        }
        assertThat(mutants[0]).isGreaterThan(3_000);
    }

    @Test
    void givesUpOnWhatOnlyTheWalkerReads() {
        String statement = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"";
        assertThat(PolicyTokens.read("{\"Statement\":" + statement + "}}", PolicyKind.IDENTITY))
                .isNotNull();
        for (String odd : List.of(
                "{\"Statement\":" + statement + "}} x",
                "[{\"Statement\":" + statement + "}}]",
                "{\"Statement\":[]}",
                "{\"Version\":\"2012-10-18\",\"Statement\":" + statement + "}}",
                "{\"Statement\":" + statement + ",\"NotAction\":\"s3:*\"}}",
                "{\"Statement\":" + statement + ",\"Condition\":{\"NumericLessThan\":{\"k\":3}}}}")) {
            assertThat(PolicyTokens.read(odd, PolicyKind.IDENTITY)).as(odd).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'Version':'2012-10-17','Version':'2012-10-17','Statement':$S}",
                "{'Id':'a','Id':'a','Statement':$S}",
                "{'Statement':$S,'Statement':$S}",
                "{'Statement':{'Sid':'a','Sid':'a',$E}}",
                "{'Statement':{'Effect':'Allow',$E}}",
                "{'Statement':{'Action':'s3:GetObject',$E}}",
                "{'Statement':{'Resource':'*',$E}}",
                "{'Statement':{'Condition':{},'Condition':{},$E}}",
                "{'Statement':{'Condition':{'StringEquals':{'a':'b'},'StringEquals':{'c':'d'}},$E}}",
                "{'Statement':{'Condition':{'StringEquals':{'a':'b','a':'c'}},$E}}",
                "{'Statement':{'Principal':{'AWS':'x','AWS':'y'},$E}}"
            })
    void leavesEveryDuplicateKeyToTheWalker(String shape) {
        String e = "'Effect':'Allow','Action':'s3:GetObject','Resource':'*'";
        String json = shape.replace("$S", "{" + e + "}").replace("$E", e).replace('\'', '"');
        for (PolicyKind kind : PolicyKind.values()) {
            String trusting = kind == PolicyKind.IDENTITY || json.contains("Principal")
                    ? json
                    : json.replace("\"Resource\":\"*\"", "\"Principal\":\"*\"");
            assertThat(PolicyTokens.read(trusting, kind)).as(trusting).isNull();
            assertThatThrownBy(() -> PolicyParser.parse(trusting, "dup.json", kind))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("Duplicate field");
        }
    }

    /** Whether the fast path read {@code text}; fails when what it read differs from the walker's document. */
    private static boolean sameAsWalker(String text, PolicyKind kind) {
        PolicyDocument fast = PolicyTokens.read(text, kind);
        if (fast == null) {
            return false;
        }
        assertThat(fast).as("%s %.300s", kind, text).isEqualTo(PolicyParser.parseTree(text, "corpus", kind));
        return true;
    }

    /** Every copy of {@code document} with one value removed, replaced or one key added, at any depth. */
    private static void mutate(JsonNode document, Consumer<JsonNode> each) {
        mutateAt(document, document, each);
    }

    private static void mutateAt(JsonNode root, JsonNode node, Consumer<JsonNode> each) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode saved = object.get(key);
                object.remove(key);
                each.accept(root);
                for (JsonNode r : REPLACEMENTS) {
                    object.set(key, r);
                    each.accept(root);
                }
                restore(object, keys, key, saved);
                mutateAt(root, saved, each);
            }
            for (String added : ADDED_KEYS) {
                if (!object.has(added)) {
                    object.put(added, "*");
                    each.accept(root);
                    object.remove(added);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode saved = array.get(i);
                for (JsonNode r : REPLACEMENTS) {
                    array.set(i, r);
                    each.accept(root);
                }
                array.set(i, saved);
                mutateAt(root, saved, each);
            }
        }
    }

    /** Puts a removed field back in its place (order matters: conditions are kept in document order). */
    private static void restore(ObjectNode object, List<String> keys, String key, JsonNode value) {
        Map<String, JsonNode> after = new java.util.LinkedHashMap<>();
        for (Iterator<String> it =
                        keys.subList(keys.indexOf(key) + 1, keys.size()).iterator();
                it.hasNext(); ) {
            String k = it.next();
            after.put(k, object.remove(k));
        }
        object.set(key, value);
        after.forEach(object::set);
    }
}
