package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BulkSimulatorTest {

    static final ObjectMapper M = Json.MAPPER;
    static final String POLICY = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:Get*\\\",\\\"Resource\\\":\\\"*\\\"}]}";

    static String line(String action) {
        return "{\"PolicyInputList\":[\"" + POLICY + "\"],\"ActionNames\":[\"" + action + "\"]}";
    }

    static String run(String input) throws Exception {
        StringWriter out = new StringWriter();
        BulkSimulator.run(new StringReader(input), out);
        return out.toString();
    }

    @Test
    void jsonLinesGiveOneResponsePerLineInOrder() throws Exception {
        String out = run(line("s3:GetObject") + "\n" + line("s3:PutObject") + "\n\n" + line("s3:GetBucketPolicy") + "\n");
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(M.readTree(lines[0]).at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
        assertThat(M.readTree(lines[1]).at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalActionName").asText()).isEqualTo("s3:GetBucketPolicy");
    }

    @Test
    void onePrettyObjectGivesOnePrettyResponse() throws Exception {
        String pretty = M.writerWithDefaultPrettyPrinter().writeValueAsString(M.readTree(line("s3:GetObject")));
        String out = run(pretty);
        JsonNode node = M.readTree(out);
        assertThat(node.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
        assertThat(out.strip().lines().count()).isGreaterThan(1);
    }

    @Test
    void aBadLineIsAnsweredWithAnErrorObjectAndTheBatchGoesOn() throws Exception {
        StringWriter out = new StringWriter();
        String input = line("s3:GetObject") + "\n" + line("s3:GetObject").replace("ActionNames", "Actions") + "\n"
                + line("s3:PutObject") + "\n";
        int failed = new BulkSimulator().process(new StringReader(input), out);
        String[] lines = out.toString().split("\n");
        assertThat(failed).isEqualTo(1);
        assertThat(lines).hasSize(3);
        assertThat(M.readTree(lines[0]).at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
        assertThat(M.readTree(lines[1]).at("/Error/Line").asInt()).isEqualTo(2);
        assertThat(M.readTree(lines[1]).at("/Error/Message").asText()).startsWith("line 2: Actions: unknown request member");
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("implicitDeny");
    }

    @Test
    void aLineThatIsNotJsonIsAnsweredWithAnErrorNamingLineAndColumn() throws Exception {
        StringWriter out = new StringWriter();
        int failed = new BulkSimulator().process(new StringReader(line("s3:GetObject") + "\n{\"PolicyInputList\": [,]}\n"
                + line("s3:GetObject") + "\n"), out);
        String[] lines = out.toString().split("\n");
        assertThat(failed).isEqualTo(1);
        assertThat(M.readTree(lines[1]).at("/Error/Message").asText()).startsWith("line 2: column ");
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
    }

    @Test
    void aBadSingleRequestIsStillAnErrorNamingItsPlace() throws Exception {
        String pretty = M.writerWithDefaultPrettyPrinter().writeValueAsString(M.readTree(line("s3:GetObject").replace("ActionNames", "Actions")));
        assertThatThrownBy(() -> run(pretty)).isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("Actions: unknown request member");
    }

    @Test
    void byteStreamsGiveTheSameResponses() throws Exception {
        String input = line("s3:GetObject") + "\n" + line("s3:PutObject") + "\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BulkSimulator.run(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(run(input));
    }

    @Test
    void emptyInputIsAnError() {
        assertThatThrownBy(() -> run("  \n")).isInstanceOf(SimulateInputException.class).hasMessageContaining("no request");
    }

    @Test
    void repeatedDocumentsCompileOnce() throws Exception {
        PolicyCache cache = new PolicyCache();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            in.append(line(i % 2 == 0 ? "s3:GetObject" : "s3:PutObject")).append('\n');
        }
        StringWriter out = new StringWriter();
        new BulkSimulator(cache).process(new StringReader(in.toString()), out);
        assertThat(out.toString().split("\n")).hasSize(1000);
        assertThat(cache.size()).isEqualTo(1);
    }
}
