package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.aws.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code audit --live} errors, through bin/drift-auditor: they name the setting to check, never a Java class. */
@ExtendWith(MotoServer.class)
class LiveErrorsIT {

    static final Map<String, String> NO_CREDENTIALS = Map.of(
            "BASELINE_BUCKET",
            "drift-missing",
            "AWS_REGION",
            "us-east-1",
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/credentials",
            "AWS_CONFIG_FILE",
            "/nonexistent/config",
            "AWS_EC2_METADATA_DISABLED",
            "true",
            "AWS_ACCESS_KEY_ID",
            "",
            "AWS_SECRET_ACCESS_KEY",
            "");

    static void namesNoJavaClass(LauncherIT.Run run) {
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("software.amazon").doesNotContain("Exception");
    }

    @Test
    void withoutCredentialsTheErrorNamesTheCredentialVariables() throws Exception {
        LauncherIT.Run run = LauncherIT.launch(NO_CREDENTIALS, "audit", "--live");
        namesNoJavaClass(run);
        assertThat(run.err())
                .contains("no AWS credentials found")
                .contains("AWS_ACCESS_KEY_ID")
                .contains("AWS_PROFILE");
    }

    @Test
    void aMissingBucketIsNamedWithItsSetting(MotoServer.Endpoint moto) throws Exception {
        moto.reset();
        LauncherIT.Run run = LauncherIT.launch(
                Map.of(
                        "AWS_ENDPOINT_URL",
                        moto.uri().toString(),
                        "AWS_REGION",
                        "us-east-1",
                        "AWS_ACCESS_KEY_ID",
                        "testing",
                        "AWS_SECRET_ACCESS_KEY",
                        "testing",
                        "BASELINE_BUCKET",
                        "drift-missing"),
                "audit",
                "--live");
        namesNoJavaClass(run);
        assertThat(run.err()).contains("BASELINE_BUCKET=drift-missing").contains("no such bucket");
    }
}
