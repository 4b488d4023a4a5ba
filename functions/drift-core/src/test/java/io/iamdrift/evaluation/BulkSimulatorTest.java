package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkSimulatorTest {

    static final ObjectMapper M = Json.MAPPER;
    static final String POLICY =
            "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:Get*\\\",\\\"Resource\\\":\\\"*\\\"}]}";

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
        String out =
                run(line("s3:GetObject") + "\n" + line("s3:PutObject") + "\n\n" + line("s3:GetBucketPolicy") + "\n");
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(M.readTree(lines[0]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("allowed");
        assertThat(M.readTree(lines[1]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("implicitDeny");
        assertThat(M.readTree(lines[2])
                        .at("/EvaluationResults/0/EvalActionName")
                        .asText())
                .isEqualTo("s3:GetBucketPolicy");
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
        assertThat(M.readTree(lines[0]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("allowed");
        assertThat(M.readTree(lines[1]).at("/Error/Line").asInt()).isEqualTo(2);
        assertThat(M.readTree(lines[1]).at("/Error/Message").asText())
                .startsWith("line 2: Actions: unknown request member");
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("implicitDeny");
    }

    @Test
    void aLineThatIsNotJsonIsAnsweredWithAnErrorNamingLineAndColumn() throws Exception {
        StringWriter out = new StringWriter();
        int failed = new BulkSimulator()
                .process(
                        new StringReader(
                                line("s3:GetObject") + "\n{\"PolicyInputList\": [,]}\n" + line("s3:GetObject") + "\n"),
                        out);
        String[] lines = out.toString().split("\n");
        assertThat(failed).isEqualTo(1);
        assertThat(M.readTree(lines[1]).at("/Error/Message").asText()).startsWith("line 2: column ");
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("allowed");
    }

    @Test
    void manyLinesAnsweredOnSeveralThreadsComeOutInInputOrderWithTheirLineNumbers() throws Exception {
        StringBuilder input = new StringBuilder();
        String[] actions = {"s3:GetObject", "s3:PutObject", "s3:GetBucketPolicy"};
        for (int i = 1; i <= 1_000; i++) {
            input.append(i % 97 == 0 ? "" : i % 89 == 0 ? "{not json" : line(actions[i % 3] + i))
                    .append('\n');
        }
        byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        int failedAlone = new BulkSimulator(new PolicyCache(), 1).process(new ByteArrayInputStream(bytes), alone);
        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
        int failed = new BulkSimulator(new PolicyCache(), 4).process(new ByteArrayInputStream(bytes), parallel);
        StringWriter chars = new StringWriter();
        new BulkSimulator(new PolicyCache(), 3).process(new StringReader(input.toString()), chars);

        String[] lines = parallel.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(failed).isEqualTo(failedAlone).isEqualTo(11);
        assertThat(lines).hasSize(1_000 - 10);
        assertThat(M.readTree(lines[89 - 1]).at("/Error/Line").asInt()).isEqualTo(89);
        assertThat(M.readTree(lines[999 - 10 - 1])
                        .at("/EvaluationResults/0/EvalActionName")
                        .asText())
                .isEqualTo("s3:GetObject999");
        assertThat(parallel.toString(StandardCharsets.UTF_8))
                .isEqualTo(alone.toString(StandardCharsets.UTF_8))
                .isEqualTo(chars.toString());
    }

    @Test
    void aBadSingleRequestIsStillAnErrorNamingItsPlace() throws Exception {
        String pretty = M.writerWithDefaultPrettyPrinter()
                .writeValueAsString(M.readTree(line("s3:GetObject").replace("ActionNames", "Actions")));
        assertThatThrownBy(() -> run(pretty))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("Actions: unknown request member");
    }

    static String runBytes(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulkSimulator.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void byteStreamsGiveTheSameResponses() throws Exception {
        String input = line("s3:GetObject") + "\n" + line("s3:PutObject") + "\n";
        assertThat(runBytes(input)).isEqualTo(run(input));
    }

    @Test
    void byteStreamsKeepLineNumbersAcrossBlankAndBadLinesWindowsBreaksAndAMissingLastBreak() throws Exception {
        String input = "\r\n" + line("s3:GetObject") + "\r\n\n{\"PolicyInputList\": [,]}\r\n"
                + line("s3:GetObject").replace("ActionNames", "Actions") + "\n  \t\n" + line("s3:PutObject");
        String[] lines = runBytes(input).split("\n");

        assertThat(lines).hasSize(4);
        assertThat(M.readTree(lines[0]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("allowed");
        assertThat(M.readTree(lines[1]).at("/Error/Message").asText()).startsWith("line 4: column 22: not valid JSON");
        assertThat(M.readTree(lines[2]).at("/Error/Message").asText())
                .startsWith("line 5: Actions: unknown request member");
        assertThat(M.readTree(lines[3]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("implicitDeny");
        assertThat(runBytes(input)).isEqualTo(run(input));
    }

    @Test
    void byteStreamsReadLinesLongerThanTheirBuffer() throws Exception {
        String longAction = "s3:Get" + "X".repeat(200_000);
        String input = line("s3:GetObject") + "\n" + line(longAction) + "\n" + line("s3:PutObject") + "\n";
        String[] lines = runBytes(input).split("\n");

        assertThat(lines).hasSize(3);
        assertThat(M.readTree(lines[1])
                        .at("/EvaluationResults/0/EvalActionName")
                        .asText())
                .isEqualTo(longAction);
        assertThat(M.readTree(lines[2]).at("/EvaluationResults/0/EvalDecision").asText())
                .isEqualTo("implicitDeny");
    }

    @Test
    void byteStreamsReadOnePrettyRequest() throws Exception {
        String pretty = M.writerWithDefaultPrettyPrinter().writeValueAsString(M.readTree(line("s3:GetObject")));
        assertThat(runBytes(pretty)).isEqualTo(run(pretty));
        assertThat(M.readTree(runBytes(pretty))
                        .at("/EvaluationResults/0/EvalDecision")
                        .asText())
                .isEqualTo("allowed");
    }

    @Test
    void emptyInputIsAnError() {
        assertThatThrownBy(() -> run("  \n"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("no request");
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
