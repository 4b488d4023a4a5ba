package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's main command on the bundled example account holds events/example/expected-findings.json: the
 * drifts injected into the example (EXPECTED.md says which and why), written down before the auditor ran.
 */
class ExampleAccountTest {

    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
    static JsonNode expected;
    static List<JsonNode> findings;
    static CliTest.Run run;

    @BeforeAll
    static void auditTheExample() throws IOException {
        ObjectMapper json = Json.MAPPER;
        expected =
                json.readTree(CliTest.EXAMPLE.resolve("expected-findings.json").toFile());
        run = CliTest.run(
                "audit", "--snapshot", CliTest.SNAPSHOT, "--baselines", CliTest.BASELINES, "--format", "json");
        findings = stream(json.readTree(run.out()).get("findings")).toList();
    }

    @Test
    void exitsWithTheExpectedCode() {
        assertThat(run.code()).isEqualTo(expected.get("exitCode").asInt());
    }

    @Test
    void reportsEveryInjectedDrift() {
        List<String> missing = new ArrayList<>();
        for (JsonNode want : expected.get("mustReport")) {
            List<JsonNode> matching =
                    findings.stream().filter(f -> matches(f, want)).toList();
            if (matching.isEmpty()) {
                missing.add(want.toString());
                continue;
            }
            for (JsonNode action : want.path("evidenceActions")) {
                boolean named = findings.stream()
                        .filter(f -> type(f).equals(want.get("type").asText())
                                && principal(f).equals(want.get("principal").asText()))
                        .anyMatch(f -> f.get("evidence").toString().contains("\"" + action.asText() + "\""));
                if (!named) {
                    missing.add(want.get("type").asText() + " naming " + action.asText() + " for "
                            + want.get("principal").asText());
                }
            }
        }
        assertThat(missing).as("expected findings not reported").isEmpty();
    }

    @Test
    void reportsNothingTheExampleRulesOut() {
        List<String> unwanted = new ArrayList<>();
        for (JsonNode not : expected.get("mustNotReport")) {
            String who = not.get("principal").asText();
            findings.stream()
                    .filter(f -> type(f).equals(not.get("type").asText())
                            && (who.equals("*") || principal(f).equals(who)))
                    .forEach(f -> unwanted.add(
                            f.get("title").asText() + " (" + not.get("why").asText() + ")"));
        }
        assertThat(unwanted).isEmpty();
    }

    @Test
    void keepsEachPrincipalAtOrBelowItsMaximumSeverityApartFromTheInjectedAndAllowedFindings() {
        List<String> tooLoud = new ArrayList<>();
        for (Map.Entry<String, JsonNode> max : expected.get("maxSeverity").properties()) {
            int limit = SEVERITIES.indexOf(max.getValue().asText());
            findings.stream()
                    .filter(f -> principal(f).equals(max.getKey()))
                    .filter(f -> SEVERITIES.indexOf(f.get("severity").asText()) < limit)
                    .filter(f -> Stream.concat(stream(expected.get("mustReport")), stream(expected.get("allowedAlso")))
                            .noneMatch(w -> matches(f, w)))
                    .forEach(f -> tooLoud.add(
                            f.get("severity").asText() + " " + f.get("title").asText()));
        }
        assertThat(tooLoud).isEmpty();
    }

    @Test
    void auditsNoPrincipalThatIsNotADeployer() {
        for (JsonNode name : expected.get("notAudited")) {
            assertThat(findings).noneMatch(f -> principal(f).equals(name.asText()));
        }
    }

    private static boolean matches(JsonNode finding, JsonNode want) {
        if (!type(finding).equals(want.get("type").asText())
                || !principal(finding).equals(want.get("principal").asText())
                || !finding.get("severity").asText().equals(want.get("severity").asText())) {
            return false;
        }
        String policy = finding.path("policy").asText("");
        if (want.has("policy")) {
            return policy.equals(want.get("policy").asText());
        }
        if (want.has("policyAnyOf")) {
            return stream(want.get("policyAnyOf")).anyMatch(p -> p.asText().equals(policy));
        }
        return true;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String type(JsonNode finding) {
        return finding.get("type").asText();
    }

    private static String principal(JsonNode finding) {
        return finding.path("principal").path("name").asText("");
    }
}
