package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast read ({@link BaselineStream}) against the whole-tree read it stands in for: on a file without problems
 * it builds the very same baseline; on any other file it gives up, so that the whole-tree read names the problems.
 */
class BaselineStreamTest {

    private static final BaselineLoader LOADER = new BaselineLoader();

    /** Documents whose compact text a careless copy could get wrong: numbers, escapes, nesting, empty values. */
    private static final String TRICKY_DOCUMENTS = BaselineLoaderTest.principals("""
            [{"type": "role", "name": "r",
              "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]}, "Action": "sts:AssumeRole",
                  "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600.50},
                                "NumericEquals": {"s3:max-keys": [1e3, -0, 12345678901234567890, 0.1]},
                                "StringLike": {"aws:PrincipalTag/team": "caf\\u00e9 \\"q\\" \\\\ \\t \\u2028 😀"}}}],
                  "Empty": {}, "EmptyList": [], "Null": null, "True": true},
              "inlinePolicies": [{"name": "a", "document": {"Statement" : [ ] , "Version":"2012-10-17"}},
                                 {"name": "b", "document": "%7B%22Statement%22%3A%5B%5D%7D"},
                                 {"name": "c", "document": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"arn:aws:s3:::b/k \u007f{}[],:","Condition":{"Bool":{"aws:SecureTransport":true}},"Sid":null}]}},
                                 {"name": "d", "document": {"n":-0}}, {"name": "e", "document": {"m":[1e3,10,1.50]}},
                                 {"name": "f", "document": {"s":"x\\"y\\\\z\\/"}}, {"name": "g", "document": {"t":"café"}}],
              "managedPolicies": [{"document": {"Statement": []}, "arn": "arn:aws:iam::aws:policy/X", "versionId": "v2"}],
              "permissionsBoundary": null}]""");

    static Stream<String> validFiles() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("../../events/example/baselines"))) {
            return Stream.concat(
                    Stream.of(BaselineLoaderTest.FULL, TRICKY_DOCUMENTS, driftHeavy400()),
                    examples.sorted().map(BaselineStreamTest::read).toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void buildsTheBaselineTheWholeTreeReadBuildsForAFileWithoutProblems(String file) {
        byte[] content = file.getBytes(StandardCharsets.UTF_8);
        BaselineLoader.Loaded tree = LOADER.treeRead("b.json", content);
        assertThat(tree.problems()).isEmpty();

        assertThat(BaselineStream.read("b.json", content, TerraformActions.defaults()))
                .isEqualTo(tree.baseline());
    }

    static Stream<String> filesWithProblems() {
        String ok = "{\"type\": \"user\", \"name\": \"u\"}";
        return Stream.of(
                "",
                "[]",
                "{\"schemaVersion\": 1, \"principals\": []} {}",
                "{\"schemaVersion\": 1, \"principals\": [], \"principals\": []}",
                "{\"schemaVersion\": 1, \"principals\": {}}",
                "{\"schemaVersion\": 1, \"principals\": [3]}",
                "{\"schemaVersion\": 2, \"principals\": [" + ok + "]}",
                "{\"schemaVersion\": 1E999, \"principals\": [" + ok + "]}",
                "{\"principals\": [" + ok + "]}",
                "{\"schemaVersion\": 1, \"principals\": [" + ok + ", " + ok + "]}",
                "{\"schemaVersion\": 1, \"principals\": [" + ok + ", {\"type\": \"user\", \"name\": \"\"}]}",
                "{\"schemaVersion\": 1, \"principals\": [" + ok
                        + "], \"groups\": [{\"name\": \"g\"}, {\"name\": \"g\"}]}",
                "{\"schemaVersion\": 1, \"principals\": [" + ok
                        + "], \"groups\": [{\"name\": \"g\", \"trustPolicy\": {}}]}",
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", \"inlinePolicies\": "
                        + "[{\"name\": \"a\", \"document\": {\"Version\": \"1\", \"Version\": \"2\"}}]}]"),
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", \"inlinePolicies\": "
                        + "[{\"name\": \"a\", \"document\": \"%7B%7D%7B\"}]}]"),
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", \"trustPolicy\": {}}]"),
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", \"managedPolicies\": "
                        + "[{\"arn\": \"arn:aws:iam::aws:policy/X\", \"document\": []}]}]"),
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", "
                        + "\"requiredForResourceTypes\": [\"aws_no_such_thing\"]}]"),
                BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\", \"inlinePolicies\": "
                        + "[{\"name\": \"a\", \"document\": {\"Statement\": [}}]}]"));
    }

    @ParameterizedTest
    @MethodSource("filesWithProblems")
    void givesUpOnAFileTheWholeTreeReadFindsProblemsIn(String file) {
        byte[] content = file.getBytes(StandardCharsets.UTF_8);
        assertThat(LOADER.treeRead("b.json", content).problems()).isNotEmpty();

        assertThat(BaselineStream.read("b.json", content, TerraformActions.defaults()))
                .isNull();
    }

    @Test
    void aFileStartingWithAByteOrderMarkIsReadFastToTheSameBaseline() {
        byte[] text = TRICKY_DOCUMENTS.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[text.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(text, 0, content, 3, text.length);
        BaselineLoader.Loaded tree = LOADER.treeRead("b.json", content);
        assertThat(tree.problems()).isEmpty();

        assertThat(BaselineStream.read("b.json", content, TerraformActions.defaults()))
                .isEqualTo(tree.baseline());
    }

    @Test
    void aFileInUtf16GivesTheBaselineTheWholeTreeReadGives() {
        byte[] content = TRICKY_DOCUMENTS.getBytes(StandardCharsets.UTF_16BE);
        BaselineLoader.Loaded tree = LOADER.treeRead("b.json", content);
        assertThat(tree.problems()).isEmpty();

        assertThat(LOADER.loadAll(List.of(new BaselineSource("b.json", content)))
                        .baselines())
                .containsExactly(tree.baseline());
    }

    @Test
    void loadingAFileWithProblemsNamesThemAsTheWholeTreeReadDoes() {
        String file = BaselineLoaderTest.principals("[{\"type\": \"user\", \"name\": \"u\"}, {\"type\": \"usr\"}]");

        assertThat(LOADER.load("b.json", file).problems())
                .isEqualTo(LOADER.treeRead("b.json", file.getBytes(StandardCharsets.UTF_8))
                        .problems())
                .isNotEmpty();
    }

    /**
     * What the fast read relies on: the schema looks at a policy document's type only (a copied document is an
     * empty object to it), and at the {@code principals} and {@code groups} arrays' type and items only (so items
     * can be checked one at a time against the array of none). A new rule there must change the fast read too.
     */
    @Test
    void theSchemaChecksDocumentsAndItemArraysOnlyAsTheFastReadAssumes() throws IOException {
        JsonNode schema;
        try (InputStream in =
                BaselineLoader.class.getClassLoader().getResourceAsStream(BaselineLoader.SCHEMA_RESOURCE)) {
            schema = Json.MAPPER.readTree(in);
        }

        assertThat(keys(schema.at("/$defs/policyDocument"))).isSubsetOf("description", "type");
        assertThat(keys(schema.at("/properties/principals"))).isSubsetOf("description", "type", "items");
        assertThat(keys(schema.at("/properties/groups"))).isSubsetOf("description", "type", "items");
        assertThat(keys(schema))
                .doesNotContain(
                        "unevaluatedProperties",
                        "dependentRequired",
                        "dependentSchemas",
                        "if",
                        "allOf",
                        "anyOf",
                        "oneOf",
                        "not");
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String driftHeavy400() {
        try (InputStream in = new GZIPInputStream(
                BaselineStreamTest.class.getResourceAsStream("/io/iamdrift/audit/drift-heavy-400/baselines.json.gz"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
