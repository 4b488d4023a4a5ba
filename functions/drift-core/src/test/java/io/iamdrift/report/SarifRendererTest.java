package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.iamdrift.finding.FindingType;
import io.iamdrift.internal.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifRendererTest {

    private static JsonSchema sarifSchema;

    private final SarifRenderer renderer = new SarifRenderer("1.2.3", SarifRenderer.DEFAULT_INFORMATION_URI);
    private final JsonNode log = parse(renderer.render(ReportFixtures.sample()));

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifRendererTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            sarifSchema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void validatesAgainstTheSarif210Schema() {
        Set<ValidationMessage> errors = sarifSchema.validate(log);

        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsABrokenLog() {
        com.fasterxml.jackson.databind.node.ObjectNode broken = renderer.toNode(ReportFixtures.sample());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "critical");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/1")).remove("message");

        assertThat(sarifSchema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anEmptyReportIsAValidLogToo() {
        JsonNode empty = renderer.toNode(ReportFixtures.report(List.of()));

        assertThat(sarifSchema.validate(empty)).isEmpty();
        assertThat(empty.at("/runs/0/results")).isEmpty();
        assertThat(empty.at("/runs/0/tool/driver/rules")).isEmpty();
    }

    @Test
    void declaresTheSchemaVersionAndOneRunOfTheTool() {
        assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode driver = log.at("/runs/0/tool/driver");
        assertThat(driver.get("name").asText()).isEqualTo("iam-drift-auditor");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
    }

    @Test
    void hasOneRulePerFindingTypePresent() {
        List<String> ids = new ArrayList<>();
        log.at("/runs/0/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));

        assertThat(ids).containsExactly("POLICY_DRIFT", "WILDCARD_RESOURCE", "ACCESS_KEY_STALE");
        JsonNode drift = log.at("/runs/0/tool/driver/rules/0");
        assertThat(drift.at("/shortDescription/text").asText())
                .isEqualTo("A policy's document differs from the baseline's.");
        assertThat(drift.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(drift.at("/help/text").asText()).isEqualTo(FindingType.POLICY_DRIFT.remediation());
        assertThat(log.at("/runs/0/tool/driver/rules/1/defaultConfiguration/level")
                        .asText())
                .isEqualTo("warning");
    }

    @Test
    void everyResultHasTheRequiredPropertiesAndAValidLevel() {
        JsonNode results = log.at("/runs/0/results");
        assertThat(results).hasSize(4);
        JsonNode rules = log.at("/runs/0/tool/driver/rules");
        for (JsonNode r : results) {
            assertThat(r.at("/message/text").asText()).isNotBlank();
            assertThat(r.get("level").asText()).isIn("error", "warning", "note");
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText())
                    .isEqualTo(r.get("ruleId").asText());
            assertThat(r.at("/partialFingerprints/iamDriftFingerprint~1v1").asText())
                    .isNotBlank();
            assertThat(r.at("/locations/0/logicalLocations/0/name").asText()).isNotBlank();
        }
    }

    @Test
    void mapsSeveritiesToLevels() {
        List<String> levels = new ArrayList<>();
        log.at("/runs/0/results")
                .forEach(r -> levels.add(r.at("/properties/severity").asText() + "="
                        + r.get("level").asText()));

        assertThat(levels).containsExactly("CRITICAL=error", "HIGH=error", "MEDIUM=warning", "INFO=note");
        assertThat(SarifRenderer.level(io.iamdrift.finding.Severity.LOW)).isEqualTo("note");
    }

    @Test
    void describesAFindingAsAResultOnALogicalLocation() {
        JsonNode r = log.at("/runs/0/results/0");

        assertThat(r.get("ruleId").asText()).isEqualTo("POLICY_DRIFT");
        assertThat(r.at("/message/text").asText())
                .isEqualTo("Inline policy deploy now allows iam:CreateUser on *\n"
                        + "The policy allows actions the baseline does not.\nA deploy could create new users.");
        assertThat(r.at("/partialFingerprints/iamDriftFingerprint~1v1").asText())
                .isEqualTo("a1b2c3d4e5f6a7b8c9d0");
        JsonNode location = r.at("/locations/0/logicalLocations/0");
        assertThat(location.get("name").asText()).isEqualTo("ci-deployer-prod");
        assertThat(location.get("fullyQualifiedName").asText())
                .isEqualTo("arn:aws:iam::123456789012:user/ci-deployer-prod");
        assertThat(location.get("kind").asText()).isEqualTo("user");
        assertThat(r.at("/properties/policy").asText()).isEqualTo("inline:deploy");
        assertThat(r.at("/properties/principal/name").asText()).isEqualTo("ci-deployer-prod");
        assertThat(r.at("/properties/evidence/verdict").asText()).isEqualTo("WIDENED");
        assertThat(r.at("/properties/remediation/commands/0").asText()).startsWith("aws iam put-user-policy");
    }

    @Test
    void usesTypeSlashNameWhenThePrincipalHasNoArn() {
        JsonNode notification = log.at("/runs/0/invocations/0/toolExecutionNotifications/0");

        assertThat(notification
                        .at("/locations/0/logicalLocations/0/fullyQualifiedName")
                        .asText())
                .isEqualTo("role/legacy-deployer");
        assertThat(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean())
                .isFalse();
    }

    @Test
    void masksAccessKeyIds() {
        String sarif = renderer.render(ReportFixtures.sample());

        assertThat(sarif).doesNotContain(ACCESS_KEY).contains("****************MPLE");
    }
}
