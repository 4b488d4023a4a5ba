package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline from-terraform} and {@code audit --terraform-state} on committed state files. */
class TerraformCliTest {

    static final Path STATES = Path.of("../drift-core/src/test/resources/io/iamdrift/terraform");
    static final String USER_BOUNDARY = STATES.resolve("user-boundary.tfstate").toString();
    static final String POLICY =
            "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"Functions\\\",\\\"Effect\\\":\\\"Allow\\\","
                    + "\\\"Action\\\":[\\\"lambda:CreateFunction\\\",\\\"lambda:GetFunction\\\",\\\"lambda:UpdateFunctionCode\\\"],"
                    + "\\\"Resource\\\":\\\"arn:aws:lambda:us-east-1:111122223333:function:shop-*\\\"},{\\\"Sid\\\":\\\"Identity\\\",\\\"Effect\\\":\\\"Allow\\\","
                    + "\\\"Action\\\":\\\"sts:GetCallerIdentity\\\",\\\"Resource\\\":\\\"*\\\"}]}";
    /** shop-deployer as collected, without the permissions boundary the state declares. */
    static final String SNAPSHOT = """
            {"accountId":"111122223333","collectedAt":"2026-11-20T06:00:00Z","authorizationDetails":{
             "UserDetailList":[{"UserName":"shop-deployer","UserId":"AIDASHOP","Arn":"arn:aws:iam::111122223333:user/shop-deployer",
               "Path":"/","CreateDate":"2025-01-01T00:00:00Z","GroupList":[],"UserPolicyList":[],
               "AttachedManagedPolicies":[{"PolicyName":"lambda-deploy","PolicyArn":"arn:aws:iam::111122223333:policy/lambda-deploy"}]}],
             "GroupDetailList":[],"RoleDetailList":[],
             "Policies":[{"PolicyName":"lambda-deploy","PolicyId":"ANPALAMBDA","Arn":"arn:aws:iam::111122223333:policy/lambda-deploy",
               "Path":"/","DefaultVersionId":"v1","AttachmentCount":1,"IsAttachable":true,
               "PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"CreateDate":"2025-01-01T00:00:00Z","Document":"%s"}]}]},
             "credentialReport":"%s"}
            """.formatted(
                    POLICY,
                    String.join(
                            "\\n",
                            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
                                    + "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
                                    + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,"
                                    + "access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
                                    + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
                            "shop-deployer,arn:aws:iam::111122223333:user/shop-deployer,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
                                    + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"));

    @Test
    void fromTerraformPrintsASchemaValidBaselineWithTheStatesPrincipals(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("baseline.json");
        CliTest.Run r = CliTest.run(
                "baseline",
                "from-terraform",
                "--state",
                USER_BOUNDARY,
                "--state",
                STATES.resolve("terraform-1.11-applied.tfstate").toString(),
                "--account",
                "111122223333",
                "--environment",
                "prod",
                "--output",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 principals from 2 state file(s)").contains("note: ");
        assertThat(new BaselineLoader().load(out).problems()).isEmpty();
        JsonNode baseline = Json.MAPPER.readTree(out.toFile());
        assertThat(baseline.get("environment").asText()).isEqualTo("prod");
        assertThat(baseline.at("/principals/0/permissionsBoundary").asText())
                .isEqualTo("arn:aws:iam::111122223333:policy/deployer-boundary");
    }

    @Test
    void fromTerraformExitsOneNamingTheFileAndPointerOfABadState(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("v3.tfstate");
        Files.writeString(bad, "{\"version\": 3, \"modules\": []}");
        CliTest.Run r = CliTest.run("baseline", "from-terraform", "--state", bad.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("error: " + bad + ": /version: state format version 3 is not supported");
        assertThat(CliTest.run(
                                "baseline",
                                "from-terraform",
                                "--state",
                                dir.resolve("missing.tfstate").toString())
                        .err())
                .contains("missing.tfstate: no such file");
    }

    @Test
    void auditWithTerraformStateReportsTheRemovedUserBoundaryAndItsResource(@TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("snapshot.json");
        Files.writeString(snapshot, SNAPSHOT);
        CliTest.Run r = CliTest.run(
                "audit", "--snapshot", snapshot.toString(), "--terraform-state", USER_BOUNDARY, "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.FINDINGS);
        JsonNode findings = Json.MAPPER.readTree(r.out()).get("findings");
        JsonNode boundary = null;
        for (JsonNode f : findings) {
            if (f.get("severity").asText().matches("CRITICAL|HIGH|MEDIUM")) {
                assertThat(f.get("type").asText()).as(f.toString()).isEqualTo("BOUNDARY_DRIFT");
                boundary = f;
            }
        }
        assertThat(boundary).isNotNull();
        assertThat(boundary.at("/evidence/terraformState/0").asText())
                .isEqualTo(USER_BOUNDARY + "#module.ci.aws_iam_user.deployer[\"prod\"]");
    }
}
