package io.iamdrift.cli;

import static io.iamdrift.cli.CliTest.BASELINES;
import static io.iamdrift.cli.CliTest.SNAPSHOT;
import static io.iamdrift.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit --organization-policies FILE} (contract section 2.4). */
class OrganizationPoliciesCliTest {

    static final String FULL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dir;

    Path file(String json) throws Exception {
        Path f = dir.resolve("org.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void anScpThatDoesNotAllowARequiredActionIsReportedNamingTheScpAndTheOu() throws Exception {
        CliTest.Run before =
                run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--principal", "tz-state-runtime");
        assertThat(before.out()).doesNotContain("REQUIRED_ACTION_DENIED");
        Path f = file("""
                {"path":["root","OU Workloads","account 210987654321"],
                 "serviceControlPolicies":[[{"name":"FullAWSAccess","document":%s}],
                   [{"name":"ComputeOnly","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:*","sts:*"],"Resource":"*"}]}}],
                   [{"name":"FullAWSAccess","document":%s}]]}""".formatted(FULL, FULL));
        CliTest.Run r = run(
                "audit",
                "--snapshot",
                SNAPSHOT,
                "--baselines",
                BASELINES,
                "--principal",
                "tz-state-runtime",
                "--organization-policies",
                f.toString());
        assertThat(r.code()).isEqualTo(Main.FINDINGS);
        assertThat(r.out())
                .contains("REQUIRED_ACTION_DENIED")
                .contains("SCP ComputeOnly on OU Workloads does not allow s3:ListBucket");
    }

    @Test
    void aMalformedFileIsExitOneNamingTheFileAndThePointer() throws Exception {
        Path f = file(
                "{\"serviceControlPolicies\":[[{\"name\":\"X\",\"document\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Alow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}]]}");
        CliTest.Run r =
                run("audit", "--snapshot", SNAPSHOT, "--baselines", BASELINES, "--organization-policies", f.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(r.err()).startsWith("error: " + f + ": /serviceControlPolicies/0/0/document/Statement/0/Effect: ");
        CliTest.Run missing = run(
                "audit",
                "--snapshot",
                SNAPSHOT,
                "--baselines",
                BASELINES,
                "--organization-policies",
                dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(missing.err()).contains("nope.json");
    }
}
