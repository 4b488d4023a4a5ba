package io.iamdrift.cli;

import static io.iamdrift.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint} accepts role trust policies and reports the trust types. */
class LintTrustCliTest {

    static final String GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    static String github(String conditions) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{%s}}]}""".formatted(GITHUB, conditions);
    }

    @Test
    void aGithubTrustOpenToEveryRepositoryIsCritical(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("trust.json");
        Files.writeString(
                p, github("\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}"));
        CliTest.Run r = run("lint", "--policy", p.toString());
        assertThat(r.code()).isEqualTo(Main.FINDINGS);
        assertThat(r.out())
                .contains(
                        "[CRITICAL] OIDC_SUBJECT_UNRESTRICTED  GitHub: Any repository of any owner on GitHub Actions");
    }

    @Test
    void aTrustOfOneRepositorysEnvironmentIsClean(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("trust.json");
        Files.writeString(
                p,
                github("\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\","
                        + "\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:environment:prod\"}"));
        CliTest.Run r = run("lint", "--policy", p.toString());
        assertThat(r.code()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("0 finding(s)");
    }

    @Test
    void anotherAccountIsExternalUnlessItIsTheRolesOwn(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("trust.json");
        Files.writeString(
                p,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::222233334444:root\"},\"Action\":\"sts:AssumeRole\"}]}");
        CliTest.Run external = run("lint", "--policy", p.toString(), "--format", "json", "--fail-on", "HIGH");
        assertThat(external.code()).isEqualTo(Main.FINDINGS);
        assertThat(external.out()).contains("\"type\" : \"TRUST_EXTERNAL_ACCOUNT\"");
        assertThat(run("lint", "--policy", p.toString(), "--account", "222233334444")
                        .out())
                .contains("0 finding(s)");
    }
}
