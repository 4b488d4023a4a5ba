package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.evaluation.BulkSimulator;
import io.iamdrift.internal.Json;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {

    static final Path EXAMPLE = Path.of("../../events/example");

    @Test
    void theExampleAccountsDocumentsAreFoundObjectsAndUrlEncodedAlike() throws Exception {
        AccountSnapshot account = SnapshotReader.read(EXAMPLE.resolve("snapshot.json"));

        List<String> identity = StartupTraining.documents(account);
        List<String> trust = StartupTraining.trustPolicies(account);

        assertThat(identity)
                .hasSizeGreaterThan(10)
                .allSatisfy(d ->
                        assertThat(Json.MAPPER.readTree(d).has("Statement")).isTrue());
        assertThat(trust).isNotEmpty().allSatisfy(d -> assertThat(d).contains("sts:AssumeRole"));
    }

    @Test
    void everyTrainingSimulateRequestIsAnsweredWithoutError() throws Exception {
        String requests = StartupTraining.simulateRequests(
                StartupTraining.documents(SnapshotReader.read(EXAMPLE.resolve("snapshot.json"))));

        StringWriter out = new StringWriter();
        int failed = new BulkSimulator().process(new StringReader(requests), out);

        assertThat(failed).isZero();
        assertThat(requests).contains("BinaryEquals"); // the conditions document is trained on too
        assertThat(out.toString().lines()).hasSize((int) requests.lines().count());
        assertThat(out.toString()).contains("\"allowed\"").contains("\"implicitDeny\"");
    }

    @Test
    void theTrainingRunsEveryCommandAndWritesOnlyIntoItsScratchFolder(@TempDir Path scratch) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            StartupTraining.train(new String[] {EXAMPLE.toString(), scratch.toString(), "acme-shop-preprod-deployer"});
        } finally {
            System.setErr(oldErr);
        }

        assertThat(Json.MAPPER
                        .readTree(scratch.resolve("report.json").toFile())
                        .at("/summary/principalsAudited")
                        .asInt())
                .isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("error:");
    }
}
