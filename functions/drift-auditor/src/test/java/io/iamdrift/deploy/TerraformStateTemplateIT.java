package io.iamdrift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.finding.Severity;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template's Terraform state option (contract section 2.3): off by default; when a state bucket is given,
 * the functions get its name and prefix and read-only access to the prefix's {@code *.tfstate} objects, and
 * that policy passes the project's own lint.
 */
class TerraformStateTemplateIT {

    static final Map<String, String> ON = Map.of(
            "TerraformStateBucket",
            "tf-state",
            "TerraformStatePrefix",
            "tz/v1/",
            "TerraformStateKmsKeyArn",
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

    static JsonNode transformed(Map<String, String> parameters) throws Exception {
        return SamTransform.transform(
                SamTransform.TEMPLATE,
                null,
                parameters.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    @Test
    void isOffByDefault() throws Exception {
        JsonNode cfn = transformed(Map.of());
        TemplateValues values = new TemplateValues(cfn, Map.of());
        assertThat(values.condition("HasTerraformState")).isFalse();
        assertThat(cfn.at("/Resources/TerraformStateReadPermissions/Condition").asText())
                .isEqualTo("HasTerraformState");
        JsonNode env = values.resolve(cfn.at("/Resources/ScheduledAuditFunction/Properties/Environment/Variables"));
        assertThat(env.has("TERRAFORM_STATE_BUCKET")).isFalse();
        assertThat(env.has("TERRAFORM_STATE_PREFIX")).isFalse();
    }

    @Test
    void givesTheFunctionsReadOnlyAccessToTheStateObjectsUnderThePrefix() throws Exception {
        JsonNode cfn = transformed(ON);
        TemplateValues values = new TemplateValues(cfn, ON);
        for (String function : new String[] {"ScheduledAuditFunction", "ChangeAuditFunction", "AdHocFunction"}) {
            JsonNode env = values.resolve(cfn.at("/Resources/" + function + "/Properties/Environment/Variables"));
            assertThat(env.get("TERRAFORM_STATE_BUCKET").asText()).as(function).isEqualTo("tf-state");
            assertThat(env.get("TERRAFORM_STATE_PREFIX").asText()).as(function).isEqualTo("tz/v1/");
        }
        JsonNode policy = values.resolve(cfn.at("/Resources/TerraformStateReadPermissions/Properties"));
        assertThat(policy.get("Roles").toString()).contains("AuditRole").contains("AdHocRole");
        JsonNode statements = policy.at("/PolicyDocument/Statement");
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).get("Action").asText()).isEqualTo("s3:ListBucket");
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo("arn:aws:s3:::tf-state");
        assertThat(statements.get(0).at("/Condition/StringLike/s3:prefix").asText())
                .isEqualTo("tz/v1/*");
        assertThat(statements.get(1).get("Action").asText()).isEqualTo("s3:GetObject");
        assertThat(statements.get(1).get("Resource").asText()).isEqualTo("arn:aws:s3:::tf-state/tz/v1/*.tfstate");
        assertThat(statements.get(2).get("Action").asText()).isEqualTo("kms:Decrypt");
        var linted = new PolicyLinter(CatalogActionSpace.defaults())
                .lint(
                        PolicyParser.parse(
                                policy.get("PolicyDocument").toString(),
                                "TerraformStateReadPermissions",
                                PolicyKind.IDENTITY),
                        "TerraformStateReadPermissions");
        assertThat(linted)
                .filteredOn(f -> f.severity().atLeast(Severity.MEDIUM))
                .isEmpty();
    }
}
