package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.terraform.StateSource;
import io.iamdrift.terraform.TerraformBaselines;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Offline audits against baselines built from a committed state file. A user's permissions boundary is tested
 * here because moto cannot hold one (PutUserPermissionsBoundary answers 500).
 */
class TerraformStateAuditTest {

    static final String BOUNDARY = TestAccount.arn("deployer-boundary");
    static final String BOUNDARY_DOC =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Boundary\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"lambda:*\",\"sts:GetCallerIdentity\"],\"Resource\":\"*\"}]}";

    static TerraformBaselines.Result fromState() throws IOException {
        try (InputStream in =
                TerraformStateAuditTest.class.getResourceAsStream("/io/iamdrift/terraform/user-boundary.tfstate")) {
            return TerraformBaselines.build(
                    List.of(new StateSource("user-boundary.tfstate", in.readAllBytes())), List.of(), null);
        }
    }

    static List<Finding> audit(String boundary) throws IOException {
        TestAccount account = new TestAccount()
                .policy("deployer-boundary", BOUNDARY_DOC)
                .policy("lambda-deploy", TestAccount.LAMBDA)
                .user("shop-deployer", Map.of(), List.of(TestAccount.arn("lambda-deploy")), List.of(), boundary);
        TerraformBaselines.Result baselines = fromState();
        AuditResult result =
                Auditor.withDefaults().audit(account.build(), baselines.toBaselineSet(), AuditOptions.defaults());
        return baselines.annotate(result).findings();
    }

    @Test
    void reportsNoDriftWhenTheUserHasTheBoundaryTheStateDeclares() throws IOException {
        assertThat(audit(BOUNDARY)).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    }

    @Test
    void reportsBoundaryDriftWithTheDeclaringResourceWhenTheUserBoundaryWasRemoved() throws IOException {
        List<Finding> findings = audit(null);
        assertThat(findings)
                .filteredOn(f -> f.severity().atLeast(Severity.MEDIUM))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.BOUNDARY_DRIFT);
                    assertThat(f.principal().name()).isEqualTo("shop-deployer");
                    assertThat(f.evidence().get("terraformState"))
                            .isEqualTo(List.of(
                                    "user-boundary.tfstate#module.ci.aws_iam_user.deployer[\"prod\"]",
                                    "user-boundary.tfstate#module.ci.aws_iam_user_policy_attachment.lambda[\"prod\"]"));
                });
    }
}
