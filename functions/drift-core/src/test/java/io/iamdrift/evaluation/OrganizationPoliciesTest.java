package io.iamdrift.evaluation;

import static io.iamdrift.evaluation.EvalDecision.ALLOWED;
import static io.iamdrift.evaluation.EvalDecision.EXPLICIT_DENY;
import static io.iamdrift.evaluation.EvalDecision.IMPLICIT_DENY;
import static io.iamdrift.evaluation.EvaluatorTest.ctx;
import static io.iamdrift.evaluation.EvaluatorTest.policy;
import static io.iamdrift.evaluation.EvaluatorTest.resourcePolicy;
import static io.iamdrift.evaluation.EvaluatorTest.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SCPs and RCPs by level, following the AWS Organizations User Guide ("SCP evaluation": an Allow is needed at
 * the root, every OU on the path and the account, a Deny anywhere wins; "RCP evaluation"; "SCPs don't affect
 * the management account or service-linked roles") with its documented example policies.
 */
class OrganizationPoliciesTest {

    static final String ACCOUNT = "111122223333";
    static final String DEPLOYER = "arn:aws:iam::" + ACCOUNT + ":role/deployer";
    static final String ADMIN = stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"");

    /** The AWS-managed SCP attached everywhere when SCPs are enabled. */
    static final String FULL_AWS_ACCESS = stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"");
    /** An allow-list SCP in the style of the guide's "allow only these services". */
    static final String DATA_ONLY =
            stmt("\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"dynamodb:*\",\"iam:PassRole\"],\"Resource\":\"*\"");
    /** The guide's "Deny access to AWS based on the requested AWS Region" example, shortened. */
    static final String DENY_OUTSIDE_EU = """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyAllOutsideEU","Effect":"Deny",
              "NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*",
              "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}]}""";
    /** The guide's RCP example "enforce confused deputy protection"-style data perimeter, for S3. */
    static final String RCP_ORG_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*",
              "Action":"s3:*","Resource":"*",
              "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},
                           "BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}""";

    static OrganizationPolicies.Level level(String name, CompiledPolicy... policies) {
        return new OrganizationPolicies.Level(name, List.of(policies));
    }

    static CompiledPolicy scp(String name, String json) {
        return policy(name, json);
    }

    static CompiledPolicy rcp(String name, String json) {
        return CompiledPolicy.compile(PolicyParser.parse(json, name, PolicyKind.RESOURCE), name);
    }

    static OrganizationPolicies scps(OrganizationPolicies.Level... levels) {
        return new OrganizationPolicies(List.of(levels), List.of(), null);
    }

    static Decision eval(OrganizationPolicies org, String action, String caller, RequestContext ctx) {
        PolicySet set = PolicySet.of(policy("deployer-policy", ADMIN)).withOrganization(org);
        return Evaluator.evaluate(set, new Request(action, "*", caller, ctx));
    }

    static Decision eval(OrganizationPolicies org, String action) {
        return eval(org, action, DEPLOYER, ctx("aws:RequestedRegion", "eu-west-1"));
    }

    @Test
    void fullAwsAccessAtEveryLevelChangesNothing() {
        OrganizationPolicies org = scps(
                level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("OU Workloads", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("account 111122223333", scp("FullAWSAccess", FULL_AWS_ACCESS)));
        Decision d = eval(org, "lambda:UpdateFunctionCode");
        assertThat(d.decision()).isEqualTo(ALLOWED);
        assertThat(d.allowedByOrganizations()).isTrue();
        assertThat(d.matchedStatements()).extracting(MatchedStatement::policyId).containsExactly("deployer-policy");
    }

    @Test
    void anAllowListAtTheOuLevelCapsWhatTheIdentityPolicyAllows() {
        OrganizationPolicies org = scps(
                level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("OU Workloads", scp("DataOnly", DATA_ONLY)),
                level("account 111122223333", scp("FullAWSAccess", FULL_AWS_ACCESS)));
        assertThat(eval(org, "s3:PutObject").decision()).isEqualTo(ALLOWED);
        Decision d = eval(org, "lambda:UpdateFunctionCode");
        assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.organizationDenial().describe("lambda:UpdateFunctionCode"))
                .isEqualTo("SCP DataOnly on OU Workloads does not allow lambda:UpdateFunctionCode");
    }

    @Test
    void anAllowListAtTheRootOrTheAccountCapsToo() {
        for (int at = 0; at < 3; at++) {
            OrganizationPolicies.Level[] levels = {
                level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("OU Workloads", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("account 111122223333", scp("FullAWSAccess", FULL_AWS_ACCESS))
            };
            levels[at] = level(levels[at].name(), scp("DataOnly", DATA_ONLY));
            Decision d = eval(scps(levels), "lambda:CreateFunction");
            assertThat(d.decision()).as("allow-list at level %d", at).isEqualTo(IMPLICIT_DENY);
            assertThat(d.organizationDenial().level()).isEqualTo(levels[at].name());
            assertThat(eval(scps(levels), "dynamodb:PutItem").decision()).isEqualTo(ALLOWED);
        }
    }

    @Test
    void oneAllowingScpAmongSeveralAtALevelIsEnough() {
        OrganizationPolicies org = scps(
                level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level(
                        "OU Workloads",
                        scp("DataOnly", DATA_ONLY),
                        scp("Lambda", stmt("\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\""))));
        assertThat(eval(org, "lambda:UpdateFunctionCode").decision()).isEqualTo(ALLOWED);
        assertThat(eval(org, "ec2:RunInstances").organizationDenial().describe("ec2:RunInstances"))
                .isEqualTo("SCPs DataOnly, Lambda on OU Workloads do not allow ec2:RunInstances");
    }

    @Test
    void aLevelWithoutAnyScpAllowsNothing() {
        OrganizationPolicies org = scps(level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)), level("OU Empty"));
        Decision d = eval(org, "s3:GetObject");
        assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.organizationDenial().level()).isEqualTo("OU Empty");
    }

    @Test
    void aDenyAtAnyLevelIsAnExplicitDenyNamingThePolicyAndLevel() {
        for (int at = 0; at < 3; at++) {
            OrganizationPolicies.Level[] levels = {
                level("root", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("OU Workloads", scp("FullAWSAccess", FULL_AWS_ACCESS)),
                level("account 111122223333", scp("FullAWSAccess", FULL_AWS_ACCESS))
            };
            levels[at] = level(
                    levels[at].name(), scp("FullAWSAccess", FULL_AWS_ACCESS), scp("DenyOutsideEU", DENY_OUTSIDE_EU));
            Decision d = eval(scps(levels), "lambda:CreateFunction", DEPLOYER, ctx("aws:RequestedRegion", "us-east-1"));
            assertThat(d.decision()).isEqualTo(EXPLICIT_DENY);
            assertThat(d.matchedStatements())
                    .extracting(MatchedStatement::sourceType)
                    .containsExactly(PolicySourceType.SCP);
            assertThat(d.organizationDenial().describe("lambda:CreateFunction"))
                    .isEqualTo("SCP DenyOutsideEU on " + levels[at].name() + " denies lambda:CreateFunction");
            assertThat(eval(scps(levels), "lambda:CreateFunction").decision())
                    .as("in eu-west-1")
                    .isEqualTo(ALLOWED);
            assertThat(eval(scps(levels), "iam:CreateRole", DEPLOYER, ctx("aws:RequestedRegion", "us-east-1"))
                            .decision())
                    .as("NotAction exempts IAM")
                    .isEqualTo(ALLOWED);
        }
    }

    @Test
    void scpsDoNotGrant() {
        PolicySet set = PolicySet.of(
                        policy("p", stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"")))
                .withOrganization(scps(level("root", scp("FullAWSAccess", FULL_AWS_ACCESS))));
        assertThat(Evaluator.evaluate(set, new Request("s3:PutObject", "*", DEPLOYER, null))
                        .decision())
                .isEqualTo(IMPLICIT_DENY);
        assertThat(Evaluator.evaluate(set, new Request("s3:PutObject", "*", DEPLOYER, null))
                        .organizationDenial())
                .isNull();
    }

    @Test
    void scpsCapAResourcePolicyThatNamesTheCallerToo() {
        String bucketForUser = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
                  "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""";
        PolicySet set = new PolicySet(
                List.of(),
                List.of(),
                resourcePolicy(bucketForUser),
                scps(level("root", scp("NoS3", stmt("\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"")))));
        Request r = new Request("s3:GetObject", "arn:aws:s3:::b/k", "arn:aws:iam::111122223333:user/alice", null);
        assertThat(Evaluator.evaluate(set, r).decision()).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void theManagementAccountIsExemptFromScpsAndRcps() {
        OrganizationPolicies org = new OrganizationPolicies(
                List.of(level("root", scp("DataOnly", DATA_ONLY), scp("DenyOutsideEU", DENY_OUTSIDE_EU))),
                List.of(level("root", rcp("OrgOnly", RCP_ORG_ONLY))),
                ACCOUNT);
        assertThat(eval(org, "lambda:CreateFunction", DEPLOYER, ctx("aws:RequestedRegion", "us-east-1"))
                        .decision())
                .isEqualTo(ALLOWED);
        assertThat(eval(org, "s3:GetObject", DEPLOYER, RequestContext.empty()).decision())
                .isEqualTo(ALLOWED);
        String member = "arn:aws:iam::444455556666:role/deployer";
        assertThat(eval(org, "lambda:CreateFunction", member, ctx("aws:RequestedRegion", "eu-west-1"))
                        .decision())
                .isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void serviceLinkedRolesAreExemptFromScpsAndRcps() {
        OrganizationPolicies org = new OrganizationPolicies(
                List.of(level("root", scp("DataOnly", DATA_ONLY))),
                List.of(level("root", rcp("OrgOnly", RCP_ORG_ONLY))),
                null);
        String slr = "arn:aws:iam::111122223333:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda";
        assertThat(eval(org, "lambda:CreateFunction", slr, RequestContext.empty())
                        .decision())
                .isEqualTo(ALLOWED);
        assertThat(eval(org, "s3:GetObject", slr, RequestContext.empty()).decision())
                .isEqualTo(ALLOWED);
        assertThat(eval(org, "lambda:CreateFunction", DEPLOYER, RequestContext.empty())
                        .decision())
                .isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void rcpsOnlyDenyAndOnlyForTheServicesTheySupport() {
        String rcpAllowNothing = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}""";
        OrganizationPolicies org = new OrganizationPolicies(
                List.of(),
                List.of(
                        level("root", rcp("OrgOnly", RCP_ORG_ONLY)),
                        level("account 111122223333", rcp("Narrow", rcpAllowNothing))),
                null);
        Decision outsider = eval(org, "s3:GetObject", DEPLOYER, ctx("aws:PrincipalOrgID", "o-other"));
        assertThat(outsider.decision()).isEqualTo(EXPLICIT_DENY);
        assertThat(outsider.organizationDenial().describe("s3:GetObject"))
                .isEqualTo("RCP OrgOnly on root denies s3:GetObject");
        assertThat(eval(org, "s3:GetObject", DEPLOYER, ctx("aws:PrincipalOrgID", "o-a1b2c3d4e5"))
                        .decision())
                .as("an RCP Allow that names only sqs does not cap s3")
                .isEqualTo(ALLOWED);
        String lambdaDeny = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}""";
        OrganizationPolicies denyAll =
                new OrganizationPolicies(List.of(), List.of(level("root", rcp("DenyAll", lambdaDeny))), null);
        assertThat(eval(denyAll, "lambda:CreateFunction").decision())
                .as("lambda does not support RCPs")
                .isEqualTo(ALLOWED);
        assertThat(eval(denyAll, "kms:Decrypt").decision()).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void rcpsOfThisAccountDoNotJudgeAnotherAccountsResource() {
        String denyAll = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}""";
        PolicySet set = PolicySet.of(policy("p", ADMIN))
                .withOrganization(
                        new OrganizationPolicies(List.of(), List.of(level("root", rcp("DenyAll", denyAll))), null));
        Request r = new Request("s3:GetObject", "arn:aws:s3:::theirs/k", DEPLOYER, null);
        assertThat(Evaluator.evaluate(set, r, false).decision()).isEqualTo(IMPLICIT_DENY); // no bucket policy of theirs
        assertThat(Evaluator.evaluate(set, r, false).organizationDenial()).isNull();
    }
}
