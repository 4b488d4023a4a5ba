package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.iamdrift.internal.Json;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --format ocsf}: Detection Findings validated against the OCSF 1.1.0 class schema (test resource ocsf/). */
class OcsfRendererTest {

    static JsonSchema detectionFinding;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = OcsfRendererTest.class.getResourceAsStream("/ocsf/detection_finding-1.1.0.schema.json")) {
            detectionFinding = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    @Test
    void everyFindingIsAValidDetectionFinding() throws Exception {
        JsonNode events = Json.MAPPER.readTree(OcsfRenderer.render(ReportFixtures.sample()));
        assertThat(events).hasSize(4);
        for (JsonNode e : events) {
            assertThat(detectionFinding.validate(e)).as(e.toPrettyString()).isEmpty();
        }
        JsonNode drift = events.get(0);
        assertThat(drift.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(drift.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(drift.get("severity_id").asInt()).isEqualTo(5);
        assertThat(drift.get("time").asLong())
                .isEqualTo(java.time.Instant.parse("2025-01-31T10:00:04.250Z").toEpochMilli());
        assertThat(drift.at("/finding_info/uid").asText()).isEqualTo("a1b2c3d4e5f6a7b8c9d0");
        assertThat(drift.at("/resources/0/uid").asText()).isEqualTo("arn:aws:iam::123456789012:user/ci-deployer-prod");
        assertThat(drift.at("/cloud/account/uid").asText()).isEqualTo("123456789012");
        assertThat(drift.at("/unmapped/evidence/verdict").asText()).isEqualTo("WIDENED");
        assertThat(events.get(3).get("severity_id").asInt()).as("INFO").isEqualTo(1);
        assertThat(events.toString()).as("access keys are masked").doesNotContain(ACCESS_KEY);
    }

    @Test
    void anEmptyReportIsAnEmptyArray() {
        assertThat(OcsfRenderer.toNode(ReportFixtures.report(List.of()))).isEmpty();
    }

    @Test
    void theSchemaRejectsAnEventWithoutFindingInfoOrWithAnUnknownAttribute() {
        ArrayNode events = OcsfRenderer.toNode(ReportFixtures.sample());
        ObjectNode broken = (ObjectNode) events.get(0);
        broken.remove("finding_info");
        broken.put("severity_id", 7);
        broken.put("made_up", true);
        assertThat(detectionFinding.validate(broken)).hasSizeGreaterThanOrEqualTo(3);
    }
}
