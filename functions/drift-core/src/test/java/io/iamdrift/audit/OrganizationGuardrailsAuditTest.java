package io.iamdrift.audit;

import static io.iamdrift.audit.AuditorTest.USER;
import static io.iamdrift.audit.AuditorTest.account;
import static io.iamdrift.audit.AuditorTest.baseline;
import static io.iamdrift.audit.AuditorTest.ofType;
import static io.iamdrift.audit.AuditorTest.principal;
import static io.iamdrift.audit.TestAccount.ADMIN;
import static io.iamdrift.audit.TestAccount.LAMBDA;
import static io.iamdrift.audit.TestAccount.STATE;
import static io.iamdrift.audit.TestAccount.arn;
import static io.iamdrift.audit.TestAccount.awsArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.organization.GuardrailsFile;
import io.iamdrift.snapshot.AccountSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit within an organization's SCPs and RCPs (issue 15): every effective-access decision uses them. */
class OrganizationGuardrailsAuditTest {

    static final String FULL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** Data services only: no Lambda, no IAM. */
    static final String DATA_ONLY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"dynamodb:*\",\"sts:*\"],\"Resource\":\"*\"}]}";
    /** The AWS example "prevent IAM changes except by a named role", shortened: denies every iam write. */
    static final String NO_IAM_WRITES = """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyIam","Effect":"Deny","Action":["iam:Create*","iam:Put*","iam:Attach*","iam:Update*","iam:Delete*"],"Resource":"*"}]}""";

    static Guardrails guardrails(String ouPolicyName, String ouPolicy) {
        return GuardrailsFile.read("org.json", """
                {"path":["root","OU Workloads","account 111122223333"],
                 "serviceControlPolicies":[[{"name":"FullAWSAccess","document":%s}],
                                           [{"name":"%s","document":%s}],
                                           [{"name":"FullAWSAccess","document":%s}]]}""".formatted(FULL, ouPolicyName, ouPolicy, FULL));
    }

    static List<Finding> audit(AccountSnapshot snapshot, String principal, Guardrails g) {
        return AuditorTest.AUDITOR
                .audit(snapshot, baseline(principal), AuditOptions.defaults().withGuardrails(g))
                .findings();
    }

    @Test
    void anScpThatDoesNotAllowARequiredActionIsRequiredActionDeniedNamingItAndTheLevel() {
        String p = principal(
                ",\"requiredActions\":[{\"action\":\"lambda:UpdateFunctionCode\"},{\"action\":\"s3:PutObject\"}]");
        assertThat(ofType(audit(account().build(), p, Guardrails.NONE), FindingType.REQUIRED_ACTION_DENIED))
                .as("outside an organization the deployer has what it needs")
                .isEmpty();
        Finding f = ofType(
                        audit(account().build(), p, guardrails("DataOnly", DATA_ONLY)),
                        FindingType.REQUIRED_ACTION_DENIED)
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).contains("SCP DataOnly on OU Workloads does not allow lambda:UpdateFunctionCode");
        assertThat(f.remediation().commands())
                .as("granting in the account cannot lift an SCP")
                .isEmpty();
        assertThat(f.evidence().get("denied"))
                .asList()
                .singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("action", "lambda:UpdateFunctionCode")
                .containsEntry(
                        "deniedByOrganization",
                        "SCP DataOnly on OU Workloads does not allow lambda:UpdateFunctionCode");
    }

    @Test
    void anScpDenyOnARequiredActionNamesTheDenyingPolicy() {
        String deny =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                        + "{\"Sid\":\"NoLambdaCode\",\"Effect\":\"Deny\",\"Action\":\"lambda:UpdateFunctionCode\",\"Resource\":\"*\"}]}";
        String p = principal(",\"requiredActions\":[{\"action\":\"lambda:UpdateFunctionCode\"}]");
        Finding f = ofType(audit(account().build(), p, guardrails("Frozen", deny)), FindingType.REQUIRED_ACTION_DENIED)
                .get(0);
        assertThat(f.title()).contains("SCP Frozen on OU Workloads denies lambda:UpdateFunctionCode");
    }

    @Test
    void adminAccessThatAnScpCapsIsNotCritical() {
        AccountSnapshot snap = account()
                .policy("aws:AdministratorAccess", ADMIN)
                .user(
                        USER,
                        Map.of("state", STATE),
                        List.of(arn("CIDeployCore"), awsArn("AdministratorAccess")),
                        List.of(),
                        null)
                .build();
        assertThat(ofType(audit(snap, principal(""), Guardrails.NONE), FindingType.ADMIN_ACCESS))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        List<Finding> capped = audit(
                snap,
                principal(""),
                guardrails(
                        "NoIamWrites",
                        NO_IAM_WRITES.replace(
                                "}]}", "},{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));
        assertThat(ofType(capped, FindingType.ADMIN_ACCESS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.evidence().get("cappedByOrganization").toString())
                    .startsWith("SCP NoIamWrites on OU Workloads denies iam:");
        });
        assertThat(ofType(capped, FindingType.PRIVILEGE_ESCALATION))
                .as("every path needs an IAM write the SCP denies")
                .noneMatch(f ->
                        f.evidence().get("allows").toString().matches("(?s).*iam:(Create|Put|Attach|Update|Delete).*"));
    }

    @Test
    void aForbiddenActionTheScpsDoNotAllowIsNotAllowed() {
        AccountSnapshot snap = account().build();
        String p = principal(",\"forbiddenActions\":[\"lambda:CreateFunction\"]");
        assertThat(ofType(audit(snap, p, Guardrails.NONE), FindingType.FORBIDDEN_ACTION_ALLOWED))
                .hasSize(1);
        assertThat(ofType(audit(snap, p, guardrails("DataOnly", DATA_ONLY)), FindingType.FORBIDDEN_ACTION_ALLOWED))
                .isEmpty();
    }

    @Test
    void aDriftThatAddsOnlyWhatTheScpsStopIsMediumNamingThem() {
        String widened = LAMBDA.replace(
                "\"lambda:UpdateFunctionCode\"]", "\"lambda:UpdateFunctionCode\",\"lambda:DeleteFunction\"]");
        AccountSnapshot snap = account()
                .policyVersions("CIDeployCore", "v2", Map.of("v1", LAMBDA, "v2", widened))
                .build();
        Finding outside = ofType(audit(snap, principal(""), Guardrails.NONE), FindingType.POLICY_VERSION_DRIFT)
                .get(0);
        assertThat(outside.severity()).isEqualTo(Severity.CRITICAL);
        Finding capped = ofType(
                        audit(snap, principal(""), guardrails("DataOnly", DATA_ONLY)), FindingType.POLICY_VERSION_DRIFT)
                .get(0);
        assertThat(capped.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(capped.evidence().get("cappedByOrganization"))
                .asList()
                .containsExactly("SCP DataOnly on OU Workloads does not allow lambda:DeleteFunction");
        String s3Widened = STATE.replace("arn:aws:s3:::state-bucket/*", "arn:aws:s3:::*");
        AccountSnapshot snap2 = account()
                .user(USER, Map.of("state", s3Widened), List.of(arn("CIDeployCore")), List.of(), null)
                .build();
        assertThat(ofType(audit(snap2, principal(""), guardrails("DataOnly", DATA_ONLY)), FindingType.POLICY_DRIFT)
                        .get(0)
                        .severity())
                .as("s3 is allowed by the SCP: a real widening")
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void theManagementAccountIsNotCappedByItsScps() {
        Guardrails g = guardrails("DataOnly", DATA_ONLY);
        Guardrails management = new Guardrails(
                null, TestAccount.ACCOUNT, g.path(), g.serviceControlPolicies(), g.resourceControlPolicies());
        String p = principal(",\"requiredActions\":[{\"action\":\"lambda:UpdateFunctionCode\"}]");
        assertThat(ofType(audit(account().build(), p, management), FindingType.REQUIRED_ACTION_DENIED))
                .isEmpty();
    }

    @Test
    void anRcpDataPerimeterDoesNotDenyTheOrganizationsOwnPrincipals() {
        String perimeter = """
                {"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
                  "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}""";
        String file = """
                {"organizationId":"%s","serviceControlPolicies":[],"resourceControlPolicies":[[{"name":"DataPerimeter","document":%s}],[]]}""";
        String p = principal(
                ",\"requiredActions\":[{\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::state-bucket/k\"}]");
        assertThat(ofType(
                        audit(
                                account().build(),
                                p,
                                GuardrailsFile.read("org.json", file.formatted("o-a1b2c3d4e5", perimeter))),
                        FindingType.REQUIRED_ACTION_DENIED))
                .isEmpty();
        assertThat(ofType(
                        audit(
                                account().build(),
                                p,
                                GuardrailsFile.read("org.json", file.formatted("o-other", perimeter))),
                        FindingType.REQUIRED_ACTION_DENIED))
                .singleElement()
                .satisfies(f -> assertThat(f.title()).contains("RCP DataPerimeter on root denies s3:PutObject"));
    }
}
