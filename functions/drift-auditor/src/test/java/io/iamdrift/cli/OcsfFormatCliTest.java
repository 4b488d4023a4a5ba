package io.iamdrift.cli;

import static io.iamdrift.cli.CliTest.BASELINES;
import static io.iamdrift.cli.CliTest.SNAPSHOT;
import static io.iamdrift.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import org.junit.jupiter.api.Test;

/** {@code audit --format ocsf}: the report as OCSF Detection Findings (the schema check is OcsfRendererTest's). */
class OcsfFormatCliTest {

    @Test
    void theExampleAccountPrintsOneDetectionFindingPerFinding() throws Exception {
        CliTest.Run json = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "json");
        CliTest.Run ocsf = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "ocsf");
        assertThat(ocsf.code()).isEqualTo(Main.FINDINGS);
        JsonNode events = Json.MAPPER.readTree(ocsf.out());
        assertThat(events.isArray()).isTrue();
        assertThat(events)
                .hasSize(Json.MAPPER.readTree(json.out()).get("findings").size());
        assertThat(events.get(0).get("class_uid").asInt()).isEqualTo(2004);
        assertThat(events.get(0).at("/cloud/account/uid").asText()).isEqualTo("210987654321");
    }

    @Test
    void anUnknownFormatNamesOcsfAmongTheChoices() {
        CliTest.Run r = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "asff");
        assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(r.err()).contains("sarif or ocsf");
    }
}
