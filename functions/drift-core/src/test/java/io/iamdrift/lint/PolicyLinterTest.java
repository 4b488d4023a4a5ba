package io.iamdrift.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iamdrift.diff.TestSpaces;
import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.corpus.Corpus;
import io.iamdrift.finding.Severity;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.policy.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLinterTest {

    private static final PolicyLinter LINTER = new PolicyLinter(TestSpaces.catalogSubset());

    static PolicyDocument doc(String statementsJson) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statementsJson + "}", "test");
    }

    static List<LintFinding> lint(String statementsJson) {
        return LINTER.lint(doc(statementsJson), "test-policy");
    }

    static PolicyDocument seed(String name) throws IOException {
        try (InputStream in = PolicyLinterTest.class.getResourceAsStream("/seeds/" + name)) {
            return PolicyParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "*, true", "**, true", "s3:*, true", "S3:**, true", "*:*, true", "ec2-instance-connect:*, true",
        "s3:Get*, false", "s3:, false", ":*, false", "'', false", "s3:*Object, false", "s 3:*, false",
    })
    void aServiceWildcardIsAStarOrAServiceFollowedByStarsOnly(String pattern, boolean expected) {
        assertThat(PolicyLinter.serviceWildcard(pattern)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "*",
                "**",
                "***",
                "?",
                "*?",
                "'' ",
                "arn:aws:s3:::*",
                "arn:*",
                "${aws:username}",
                "${*}",
                "*${*}",
                "${aws:username, '*'}",
                "${aws:nope, '*'}",
                "${aws:nope,'**'}",
                "$*",
                "*$",
                "${",
                "*${aws:username}*"
            })
    void aResourceMatchesEverythingExactlyWhenTheEvaluatorsPatternSaysSo(String pattern) {
        assertThat(PolicyLinter.resourceMatchesEverything(pattern.strip()))
                .isEqualTo(ArnPattern.compile(pattern.strip()).matchesEverything());
    }

    @Test
    void everyResourceOfTheManagedPolicyCorpusMatchesEverythingExactlyWhenTheEvaluatorsPatternSaysSo() {
        int stars = 0;
        for (PolicyDocument d : Corpus.get().policies().values()) {
            for (Statement s : d.statements()) {
                if (s.resources() == null) {
                    continue;
                }
                for (String r : s.resources().patterns()) {
                    boolean all = ArnPattern.compile(r).matchesEverything();
                    assertThat(PolicyLinter.resourceMatchesEverything(r)).as(r).isEqualTo(all);
                    stars += all ? 1 : 0;
                }
            }
        }
        assertThat(stars).isPositive();
    }

    /** The seed policies, with every finding they must raise (decided from the seeds and the catalog data). */
    @Nested
    class Seeds {

        @Test
        void bootstrapUserPolicyOf000RaisesOnlyLightsailWildcardResourceBecauseTheCatalogSaysThoseActionsTakeResources()
                throws IOException {
            assertThat(LINTER.lint(
                            seed("000-claude-infisical-bootstrap.json"), "claude-infisical-bootstrap-read-write"))
                    .extracting(LintFinding::type, LintFinding::statement)
                    .containsExactly(
                            tuple(LintType.WILDCARD_RESOURCE, "LightsailInstanceManagement"),
                            tuple(LintType.WILDCARD_RESOURCE, "LightsailSnapshotPreApply"));
        }

        @Test
        void stateBackendRuntimePolicyOf001RaisesNothing() throws IOException {
            assertThat(LINTER.lint(seed("001-tz-state-backend-runtime.json"), "tz-runtime"))
                    .isEmpty();
        }

        @Test
        void ciDeployerPolicyOf002RaisesTheEscalationsItsSelfManagementImpliesATypoAWildcardAndAMissingSid()
                throws IOException {
            List<LintFinding> findings = LINTER.lint(seed("002-ci-deployer.json"), "CIDeployCore");
            assertThat(findings)
                    .extracting(LintFinding::type, LintFinding::severity, LintFinding::statement)
                    .containsExactly(
                            tuple(LintType.PRIVILEGE_ESCALATION, Severity.CRITICAL, "IAMPolicyManagement"),
                            tuple(LintType.PRIVILEGE_ESCALATION, Severity.CRITICAL, "IAMRoleManagement"),
                            tuple(LintType.PRIVILEGE_ESCALATION, Severity.CRITICAL, "IAMUserPolicyAttachments"),
                            tuple(LintType.PRIVILEGE_ESCALATION, Severity.CRITICAL, "LambdaFunctions"),
                            tuple(LintType.PRIVILEGE_ESCALATION, Severity.CRITICAL, "PassRoleToLambda"),
                            tuple(LintType.UNKNOWN_ACTION, Severity.MEDIUM, "CloudWatchAlarms"),
                            tuple(LintType.WILDCARD_RESOURCE, Severity.MEDIUM, "CognitoUserPools"),
                            tuple(LintType.MISSING_SID, Severity.LOW, "Statement[5]"));
            assertThat(findings.get(0).message())
                    .contains("iam:CreatePolicyVersion", "iam-001")
                    .doesNotContain("iam:DeletePolicyVersion");
            assertThat(findings.get(1).message())
                    .contains("iam:PutRolePolicy", "iam:AttachRolePolicy", "iam-005", "iam-009")
                    .doesNotContain("iam:DetachRolePolicy");
            assertThat(findings.get(2).message())
                    .contains("iam:AttachUserPolicy", "itself")
                    .doesNotContain("iam:DetachUserPolicy");
            assertThat(findings.get(3).message()).contains("lambda:UpdateFunctionCode", "lambda-003");
            assertThat(findings.get(4).message())
                    .contains("iam:PassRole (PassRoleToLambda) + lambda:CreateFunction (LambdaFunctions)");
            assertThat(findings.get(5).message())
                    .contains("cloudwatch:DeleteAlarm\"", "did you mean cloudwatch:DeleteAlarms?");
            assertThat(findings.get(6).message())
                    .contains("2 actions", "cognito-idp:DeleteUserPool, cognito-idp:DescribeUserPool.")
                    .doesNotContain("cognito-idp:CreateUserPool, ", "cognito-idp:ListUserPools, ");
            assertThat(findings).allSatisfy(f -> assertThat(f.policy()).isEqualTo("CIDeployCore"));
        }

        @Test
        void githubActionsDeployPolicyOf003RaisesUnscopedPassRoleAndWildcardResourcesForEcrAndEcs() throws IOException {
            List<LintFinding> findings = LINTER.lint(seed("003-github-actions-deploy.json"), "deploy-permissions");
            assertThat(findings)
                    .extracting(LintFinding::type, LintFinding::severity, LintFinding::statement)
                    .containsExactly(
                            tuple(LintType.PASSROLE_UNSCOPED, Severity.HIGH, "PassRole"),
                            tuple(LintType.WILDCARD_RESOURCE, Severity.MEDIUM, "ECRPush"),
                            tuple(LintType.WILDCARD_RESOURCE, Severity.MEDIUM, "ECSDeploy"));
            assertThat(findings.get(0).message())
                    .contains("without an iam:PassedToService condition")
                    .doesNotContain("on any role");
            assertThat(findings.get(0).fix()).contains("iam:PassedToService");
            assertThat(findings.get(1).message())
                    .contains(
                            "7 actions that support resource-level permissions",
                            "ecr:BatchCheckLayerAvailability, ecr:BatchGetImage, ecr:CompleteLayerUpload, "
                                    + "ecr:GetDownloadUrlForLayer, ecr:InitiateLayerUpload, ecr:PutImage, ecr:UploadLayerPart.");
            assertThat(findings.get(1).fix()).contains("keep ecr:GetAuthorizationToken");
            assertThat(findings.get(2).message())
                    .contains(
                            "5 actions",
                            "ecs:DescribeServices, ecs:DescribeTasks, ecs:ListTasks, ecs:RegisterTaskDefinition, "
                                    + "ecs:UpdateService.");
        }
    }

    @Nested
    class Rules {

        @Test
        void adminAccessForStarOnStar() {
            assertThat(lint("""
                    [{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}]"""))
                    .extracting(LintFinding::type)
                    .containsExactly(
                            LintType.ADMIN_ACCESS,
                            LintType.PASSROLE_UNSCOPED,
                            LintType.WILDCARD_ACTION,
                            LintType.WILDCARD_RESOURCE);
        }

        @Test
        void adminAccessForAWholeIamOnEveryResource() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Iam","Effect":"Allow","Action":"iam:*","Resource":"*"}]""");
            assertThat(f)
                    .extracting(LintFinding::type)
                    .startsWith(LintType.ADMIN_ACCESS)
                    .doesNotContain(LintType.PRIVILEGE_ESCALATION);
            assertThat(f.get(0).message()).contains("iam:*");
        }

        @Test
        void wholeIamOnSomeRolesIsEscalationThroughThoseRolesNotAdmin() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Iam","Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::1:role/app-*"}]""");
            assertThat(f)
                    .extracting(LintFinding::type)
                    .containsExactly(
                            LintType.PRIVILEGE_ESCALATION, LintType.PASSROLE_UNSCOPED, LintType.WILDCARD_ACTION);
            assertThat(f.get(0).message()).contains("iam:PutRolePolicy", "its own role");
            assertThat(f.get(1).message()).contains("without an iam:PassedToService condition");
        }

        @Test
        void wildcardActionOnlyForStarOrAServiceWideWildcard() {
            assertThat(lint("""
                    [{"Sid":"S3","Effect":"Allow","Action":["s3:*","s3:Get*"],"Resource":"arn:aws:s3:::b/*"}]""")).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(LintType.WILDCARD_ACTION);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.message()).contains("s3:*").doesNotContain("s3:Get*");
            });
        }

        @Test
        void trustPolicyWithoutResourceIsNotAWildcardResourceBecauseItAppliesToItsRole() {
            PolicyDocument trust = PolicyParser.parse("""
                    {"Version":"2012-10-17","Statement":[{"Sid":"LambdaAssumes","Effect":"Allow",\
                    "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", "trust", io.iamdrift.policy.PolicyKind.TRUST);
            assertThat(LINTER.lint(trust, "trust")).isEmpty();
        }

        @Test
        void wildcardResourceIgnoresActionsThatOnlyWorkOnStar() {
            assertThat(lint("""
                    [{"Sid":"Who","Effect":"Allow","Action":["sts:GetCallerIdentity","ec2:DescribeVpcs"],"Resource":"*"}]""")).isEmpty();
        }

        @Test
        void notActionWithAllowIsFlagged() {
            assertThat(lint("""
                    [{"Sid":"Power","Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]"""))
                    .extracting(LintFinding::type)
                    .containsExactly(
                            LintType.PRIVILEGE_ESCALATION, LintType.NOT_ACTION_ALLOW, LintType.WILDCARD_RESOURCE);
        }

        @Test
        void notActionWithDenyIsFine() {
            assertThat(lint("""
                    [{"Sid":"OnlyS3","Effect":"Deny","NotAction":"s3:*","Resource":"*"}]""")).isEmpty();
        }

        @Test
        void passRoleOnStarIsUnscopedEvenWithAServiceCondition() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"*",
                      "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]""");
            assertThat(f)
                    .extracting(LintFinding::type)
                    .containsExactly(LintType.PASSROLE_UNSCOPED, LintType.WILDCARD_RESOURCE);
            assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
            assertThat(f.get(0).message()).contains("on any role").doesNotContain("without");
        }

        @Test
        void passRoleScopedWithAServiceConditionIsFine() {
            assertThat(lint("""
                    [{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/app-fn",
                      "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]""")).isEmpty();
        }

        @Test
        void passRoleOnAnyRoleWithAComputeCreateIsEscalation() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/*",
                      "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}},
                     {"Sid":"Fn","Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"arn:aws:lambda:*:1:function:new-*"}]""");
            assertThat(f)
                    .extracting(LintFinding::type, LintFinding::statement)
                    .containsExactly(
                            tuple(LintType.PRIVILEGE_ESCALATION, "Pass"), tuple(LintType.PASSROLE_UNSCOPED, "Pass"));
            assertThat(f.get(0).message()).contains("lambda:CreateFunction (Fn)", "lambda-001");
        }

        @Test
        void escalationListsEachPatternFound() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Esc","Effect":"Allow","Action":["iam:CreatePolicyVersion","iam:SetDefaultPolicyVersion",
                      "iam:UpdateAssumeRolePolicy","iam:AddUserToGroup","iam:GetRole"],"Resource":"*"}]""");
            assertThat(f.get(0).type()).isEqualTo(LintType.PRIVILEGE_ESCALATION);
            assertThat(f.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.get(0).message())
                    .contains(
                            "iam:CreatePolicyVersion",
                            "iam:SetDefaultPolicyVersion",
                            "iam:UpdateAssumeRolePolicy",
                            "iam:AddUserToGroup")
                    .doesNotContain("iam:GetRole");
        }

        @Test
        void credentialActionsOnOwnUserOnlyAreNotEscalation() {
            assertThat(lint("""
                    [{"Sid":"OwnKeys","Effect":"Allow","Action":["iam:CreateAccessKey","iam:UpdateLoginProfile"],
                      "Resource":"arn:aws:iam::*:user/${aws:username}"}]""")).isEmpty();
            assertThat(lint("""
                    [{"Sid":"AnyKeys","Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::*:user/*"}]""")).extracting(LintFinding::type).containsExactly(LintType.PRIVILEGE_ESCALATION);
        }

        @Test
        void missingSidNamesTheStatementByIndex() {
            assertThat(lint("""
                    [{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                     {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}]""")).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(LintType.MISSING_SID);
                assertThat(f.severity()).isEqualTo(Severity.LOW);
                assertThat(f.statement()).isEqualTo("Statement[1]");
            });
        }

        @Test
        void unknownActionSuggestsTheClosestKnownOneOrService() {
            List<LintFinding> f = lint("""
                    [{"Sid":"Typos","Effect":"Allow","Action":["s3:GetObjcet","s4:GetObject","s3:Frobnicate*"],
                      "Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(f)
                    .extracting(LintFinding::type)
                    .containsOnly(LintType.UNKNOWN_ACTION)
                    .hasSize(3);
            assertThat(f.get(0).message()).contains("did you mean s3:GetObject?");
            assertThat(f.get(1).message()).contains("unknown service prefix \"s4\"", "did you mean \"s3\"");
            assertThat(f.get(2).message()).contains("matches no known action").doesNotContain("did you mean");
        }

        @Test
        void everyFindingHasAFixAndTheDefaultSeverityOfItsType() {
            List<LintFinding> f = lint("""
                    [{"Effect":"Allow","Action":["*","iam:PassRole","s3:Nope"],"Resource":"*"}]""");
            assertThat(f).isNotEmpty().allSatisfy(x -> {
                assertThat(x.fix()).isNotBlank();
                assertThat(x.severity()).isEqualTo(x.type().defaultSeverity());
            });
        }
    }

    /** False alarms of issue 11: lint reaches the audit's verdict on the same access. */
    @Nested
    class FalseAlarms {
        private final PolicyLinter full = new PolicyLinter(io.iamdrift.diff.CatalogActionSpace.defaults());

        @Test
        void allowIamStarWithDenyIamStarIsNeitherAdminNorEscalation() {
            assertThat(lint("""
                    [{"Sid":"Iam","Effect":"Allow","Action":"iam:*","Resource":"*"},
                     {"Sid":"NoIam","Effect":"Deny","Action":"iam:*","Resource":"*"}]"""))
                    .extracting(LintFinding::type)
                    .doesNotContain(LintType.ADMIN_ACCESS, LintType.PRIVILEGE_ESCALATION);
        }

        @Test
        void theSameAdminStatementIsAdminOnlyInTheDocumentWhoseDeniesLeaveIamAllowed() {
            PolicyLinter linter = new PolicyLinter(TestSpaces.catalogSubset());
            String all = """
                    {"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}""";
            PolicyDocument denied = doc(
                    "[" + all + ",{\"Sid\":\"NoIam\",\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]");
            PolicyDocument open = doc("[" + all + "]");

            for (int round = 0; round < 2; round++) { // the second round reads what the first remembered
                assertThat(linter.leastPrivilege(denied, null, false))
                        .extracting(LintFinding::type)
                        .doesNotContain(LintType.ADMIN_ACCESS);
                assertThat(linter.leastPrivilege(open, null, false))
                        .extracting(LintFinding::type)
                        .contains(LintType.ADMIN_ACCESS, LintType.WILDCARD_ACTION);
            }
        }

        @Test
        void createPolicyVersionOnAwsManagedPoliciesIsNoEscalationBecauseTheyAreImmutable() {
            assertThat(lint("""
                    [{"Sid":"Aws","Effect":"Allow","Action":["iam:CreatePolicyVersion","iam:SetDefaultPolicyVersion"],
                      "Resource":"arn:aws:iam::aws:policy/*"}]""")).extracting(LintFinding::type).doesNotContain(LintType.PRIVILEGE_ESCALATION);
            assertThat(lint("""
                    [{"Sid":"Mine","Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::1:policy/*"}]""")).extracting(LintFinding::type).containsExactly(LintType.PRIVILEGE_ESCALATION);
        }

        @Test
        void unknownActionOnAnAwsManagedPolicyIsInfoAndItHasNoMissingSid() {
            PolicyDocument retired = doc("""
                    [{"Effect":"Allow","Action":["gamesparks:*","deepcomposer:ListModels","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(full.lint(retired, "arn:aws:iam::aws:policy/Retired", true))
                    .isNotEmpty()
                    .allSatisfy(f -> {
                        assertThat(f.type()).isEqualTo(LintType.UNKNOWN_ACTION);
                        assertThat(f.severity()).isEqualTo(Severity.INFO);
                        assertThat(f.message()).doesNotContain("did you mean");
                    });
            assertThat(full.lint(retired, "mine"))
                    .extracting(LintFinding::type)
                    .contains(LintType.MISSING_SID, LintType.UNKNOWN_ACTION);
        }

        @Test
        void didYouMeanNeverSteersTowardsAMoreDestructiveAction() {
            assertThat(full.lint(doc("""
                    [{"Sid":"Cors","Effect":"Allow","Action":"s3:DeleteBucketCORS","Resource":"arn:aws:s3:::b"}]"""), "p"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message())
                            .contains("did you mean s3:PutBucketCORS?")
                            .doesNotContain("s3:DeleteBucket?"));
            assertThat(ActionSuggestions.moreDestructive("s3:DeleteBucket", "s3:DeleteBucketCORS"))
                    .isTrue();
            assertThat(ActionSuggestions.moreDestructive("ec2:TerminateInstances", "ec2:TerminateInstance"))
                    .isFalse();
            assertThat(ActionSuggestions.moreDestructive("s3:DeleteObject", "s3:GetObjcet"))
                    .isTrue();
        }

        @Test
        void sageMakerJobsWithPassRoleAreOneEscalationPathEach() {
            List<LintFinding> f = full.lint(doc("""
                    [{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/*",
                      "Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}},
                     {"Sid":"Jobs","Effect":"Allow","Action":["sagemaker:CreateTrainingJob","sagemaker:CreateProcessingJob"],"Resource":"*"}]"""), "p");
            assertThat(f)
                    .filteredOn(x -> x.type() == LintType.PRIVILEGE_ESCALATION)
                    .singleElement()
                    .satisfies(x ->
                            assertThat(x.message()).contains("sagemaker-002", "passrole-sagemaker-processing-job"));
        }
    }

    @Nested
    class PrincipalSets {

        @Test
        void passRoleInOnePolicyAndComputeCreateInAnotherIsEscalation() {
            Map<String, PolicyDocument> set = new LinkedHashMap<>();
            set.put("pass", doc("""
                    [{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]"""));
            set.put("compute", doc("""
                    [{"Sid":"Run","Effect":"Allow","Action":"ec2:RunInstances","Resource":"arn:aws:ec2:*:1:instance/*"}]"""));
            List<LintFinding> f = LINTER.lintSet(set);
            assertThat(f)
                    .filteredOn(x -> x.type() == LintType.PRIVILEGE_ESCALATION)
                    .singleElement()
                    .satisfies(x -> {
                        assertThat(x.policy()).isEqualTo("pass");
                        assertThat(x.statement()).isEqualTo("Pass");
                        assertThat(x.message()).contains("ec2:RunInstances (Run of compute)");
                    });
            assertThat(LINTER.lint(set.get("pass"), "pass")).noneMatch(x -> x.type() == LintType.PRIVILEGE_ESCALATION);
        }
    }
}
