package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.internal.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BaselineSchemaCopyTest {

    /** The contract's schema, relative to the module directory (where Maven runs the tests). */
    private static final Path CONTRACT_SCHEMA = Path.of("../../../shared/contract/baseline.schema.json");

    /**
     * The project's extensions to the contract's schema, each marked "(extension)": role properties, and the top-level
     * {@code groups} (the expected policies of the baselined users' groups) with its definition {@code $defs/group}.
     */
    private static final java.util.List<String> EXTENSIONS = java.util.List.of("assumableBy");

    @Test
    void shippedSchemaIsTheContractSchemaPlusItsMarkedExtensions() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CONTRACT_SCHEMA), "contract schema not present beside the project");
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/" + BaselineLoader.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema on the classpath").isNotNull();
            shipped = in.readAllBytes();
        }

        com.fasterxml.jackson.databind.ObjectMapper json = Json.MAPPER;
        com.fasterxml.jackson.databind.JsonNode ours = json.readTree(shipped);
        com.fasterxml.jackson.databind.node.ObjectNode roleProperties =
                (com.fasterxml.jackson.databind.node.ObjectNode) ours.findParent("trustPolicy");
        for (String e : EXTENSIONS) {
            assertThat(roleProperties.get(e).get("description").asText()).as(e).startsWith("(extension)");
            roleProperties.remove(e);
        }
        com.fasterxml.jackson.databind.node.ObjectNode top =
                (com.fasterxml.jackson.databind.node.ObjectNode) ours.get("properties");
        com.fasterxml.jackson.databind.node.ObjectNode defs =
                (com.fasterxml.jackson.databind.node.ObjectNode) ours.get("$defs");
        for (var at : java.util.Map.of(top, "groups", defs, "group").entrySet()) {
            assertThat(at.getKey().get(at.getValue()).get("description").asText())
                    .as(at.getValue())
                    .startsWith("(extension)");
            at.getKey().remove(at.getValue());
        }
        assertThat(ours).isEqualTo(json.readTree(Files.readAllBytes(CONTRACT_SCHEMA)));
    }
}
