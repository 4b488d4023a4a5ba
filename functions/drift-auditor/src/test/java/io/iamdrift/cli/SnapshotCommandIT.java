package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.finding.FindingType;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotReader;
import io.iamdrift.snapshot.UserDetail;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code snapshot --output FILE} against moto_server: the Lambda's collector, over HTTP, endpoint from the environment. */
@ExtendWith(MotoServer.class)
class SnapshotCommandIT {

    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"State","Effect":"Allow","Action":"s3:GetObject",\
            "Resource":"arn:aws:s3:::tf-state/*"}]}""";

    static String previousEndpoint;

    @BeforeAll
    static void seed(MotoServer.Endpoint moto) {
        try (var clients = moto.clients()) {
            IamClient iam = clients.iam();
            iam.createUser(b -> b.userName("ci-deployer"));
            iam.putUserPolicy(b -> b.userName("ci-deployer").policyName("state").policyDocument(POLICY));
            iam.createAccessKey(b -> b.userName("ci-deployer"));
        }
        previousEndpoint = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", moto.uri().toString());
    }

    @AfterAll
    static void restore() {
        if (previousEndpoint == null) {
            System.clearProperty("aws.endpointUrl");
        } else {
            System.setProperty("aws.endpointUrl", previousEndpoint);
        }
    }

    @Test
    void writesTheEnvelopeWithTheCredentialReportAndReportsProgressOnStderr(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("snapshot.json");

        CliTest.Run r = CliTest.run("snapshot", "--output", out.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out())
                .as("the envelope goes to the file, stdout stays clean")
                .isEmpty();
        assertThat(r.err())
                .contains("page 1 of GetAccountAuthorizationDetails")
                .contains("credential report")
                .contains("written to " + out);
        AccountSnapshot s = SnapshotReader.read(out);
        assertThat(s.accountId()).isEqualTo(MotoServer.ACCOUNT_ID);
        assertThat(s.users()).extracting(UserDetail::name).contains("ci-deployer");
        assertThat(s.credentials("ci-deployer"))
                .hasValueSatisfying(row -> assertThat(row.keys()).anyMatch(k -> k.active()));
    }

    @Test
    void anAuditOfTheCollectedFileChecksCredentials(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("snapshot.json");
        assertThat(CliTest.run("snapshot", "--output", out.toString()).code()).isEqualTo(Main.OK);
        Path baseline = Files.writeString(dir.resolve("b.json"), """
                {"schemaVersion":1,"principals":[{"type":"user","name":"ci-deployer","managedPolicies":[],
                 "inlinePolicies":[{"name":"state","document":%s}]}]}""".formatted(POLICY));

        CliTest.Run audit = CliTest.run(
                "audit", "--snapshot", out.toString(), "--baselines", baseline.toString(), "--format", "json");

        assertThat(audit.out())
                .doesNotContain(FindingType.CREDENTIALS_NOT_AUDITED.name())
                .contains(FindingType.ACCESS_KEY_UNUSED.name());
    }
}
