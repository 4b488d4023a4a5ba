package io.iamdrift.audit;

import static io.iamdrift.audit.TestAccount.ADMIN;
import static io.iamdrift.audit.TestAccount.COLLECTED;
import static io.iamdrift.audit.TestAccount.LAMBDA;
import static io.iamdrift.audit.TestAccount.STATE;
import static io.iamdrift.audit.TestAccount.arn;
import static io.iamdrift.audit.TestAccount.awsArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.snapshot.AccountSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuditorTest {

    static final String USER = "shop-prod-deployer";
    static final Auditor AUDITOR = Auditor.withDefaults();

    /** A deployer exactly as its baseline describes it. */
    static TestAccount account() {
        return new TestAccount()
                .policy("CIDeployCore", LAMBDA)
                .user(USER, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(), null)
                .credentials(USER, false, COLLECTED.minus(Duration.ofDays(10)), COLLECTED.minus(Duration.ofDays(1)));
    }

    static String principal(String extra) {
        return """
                {"type":"user","name":"%s",
                 "managedPolicies":[{"arn":"%s","versionId":"v1","document":%s}],
                 "inlinePolicies":[{"name":"state","document":%s}]%s}""".formatted(USER, arn("CIDeployCore"), LAMBDA, STATE, extra);
    }

    static BaselineSet baseline(String... principals) {
        return baselineWith("", principals);
    }

    static BaselineSet baselineWith(String topLevel, String... principals) {
        String json = "{\"schemaVersion\":1,\"accountId\":\"" + TestAccount.ACCOUNT + "\"" + topLevel
                + ",\"principals\":[" + String.join(",", principals) + "]}";
        return new BaselineLoader().load("base.json", json);
    }

    static List<Finding> audit(AccountSnapshot snapshot, BaselineSet baselines) {
        return AUDITOR.audit(snapshot, baselines, AuditOptions.defaults()).findings();
    }

    static List<Finding> ofType(List<Finding> findings, FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }

    static List<Finding> aboveLow(List<Finding> findings) {
        return findings.stream()
                .filter(f -> f.severity().atLeast(Severity.MEDIUM))
                .toList();
    }

    @Test
    void principalThatMatchesItsBaselineHasNoFindingAboveLow() {
        assertThat(aboveLow(audit(account().build(), baseline(principal(""))))).isEmpty();
    }

    @Nested
    class Baselines {
        @Test
        void invalidBaselineIsACriticalFindingNamingFileAndPointer() {
            BaselineSet set = new BaselineLoader()
                    .load(
                            "bad.json",
                            "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\",\"name\":\"x\",\"credentials\":{\"maxActiveAccessKeys\":7}}]}");
            Finding f = ofType(audit(account().build(), set), FindingType.BASELINE_INVALID)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).containsEntry("file", "bad.json");
            assertThat(String.valueOf(f.evidence().get("pointer")))
                    .contains("/principals/0/credentials/maxActiveAccessKeys");
        }

        @Test
        void baselineOfAnotherAccountIsAMismatchAndIsNotApplied() {
            String json = "{\"schemaVersion\":1,\"accountId\":\"999999999999\",\"principals\":[" + principal("") + "]}";
            BaselineSet set = new BaselineLoader().load("other.json", json);
            List<Finding> findings = audit(account().build(), set);
            assertThat(ofType(findings, FindingType.BASELINE_ACCOUNT_MISMATCH))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
            assertThat(ofType(findings, FindingType.POLICY_DRIFT)).isEmpty();
        }
    }

    @Nested
    class Principals {
        @Test
        void missingPrincipalIsCriticalAndSuggestsTheRenamedOne() {
            String renamed = principal("").replace("\"name\":\"" + USER + "\"", "\"name\":\"shop_prod_deployer\"");
            Finding f = ofType(audit(account().build(), baseline(renamed)), FindingType.PRINCIPAL_MISSING)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.title()).contains("did you mean [" + USER + "]");
        }

        @Test
        void discoveredDeployerWithoutBaselineIsHighAndAuditedForPosture() {
            AccountSnapshot snap = account()
                    .policy("aws:AdministratorAccess", ADMIN)
                    .user("shop-preprod-deployer", Map.of(), List.of(awsArn("AdministratorAccess")), List.of(), null)
                    .build();
            List<Finding> findings =
                    audit(snap, baselineWith(",\"discovery\":{\"userNamePatterns\":[\"*-deployer\"]}", principal("")));
            assertThat(ofType(findings, FindingType.UNBASELINED_DEPLOYER))
                    .singleElement()
                    .satisfies(f -> assertThat(f.principal().name()).isEqualTo("shop-preprod-deployer"));
            assertThat(ofType(findings, FindingType.ADMIN_ACCESS))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        }

        @Test
        void scopedRunThatNamesNobodyJudgesNobody() {
            AuditResult result = AUDITOR.audit(
                    new TestAccount().build(),
                    baseline(principal("")),
                    new AuditOptions(null, AuditScope.only(List.of(), List.of()), List.of()));
            assertThat(result.findings()).isEmpty();
        }

        @Test
        void scopedRunReportsAScopedPrincipalThatIsGoneAndNoOtherBaselinePrincipal() {
            String other = principal("").replace("\"name\":\"" + USER + "\"", "\"name\":\"shop-preprod-deployer\"");
            AuditResult result = AUDITOR.audit(
                    new TestAccount().build(),
                    baseline(principal(""), other),
                    new AuditOptions(
                            null,
                            AuditScope.only(List.of(USER.toUpperCase(java.util.Locale.ROOT)), List.of()),
                            List.of()));
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.PRINCIPAL_MISSING);
                assertThat(f.principal().name()).isEqualTo(USER);
            });
        }

        @Test
        void scopedUserNameDoesNotPutARoleOfTheSameNameInScope() {
            String role = principal("").replace("\"type\":\"user\"", "\"type\":\"role\"");
            AuditResult result = AUDITOR.audit(
                    account().build(),
                    baseline(principal(""), role),
                    new AuditOptions(null, AuditScope.only(List.of(USER), List.of()), List.of()));
            assertThat(ofType(result.findings(), FindingType.PRINCIPAL_MISSING)).isEmpty();
        }

        @Test
        void principalsNoRuleMatchesAreNotAudited() {
            AccountSnapshot snap = account()
                    .user("alice", Map.of(), List.of(), List.of(), null)
                    .build();
            List<Finding> findings =
                    audit(snap, baselineWith(",\"discovery\":{\"userNamePatterns\":[\"*-deployer\"]}", principal("")));
            assertThat(findings).noneMatch(f -> f.principal().name().equals("alice"));
        }
    }

    @Nested
    class Policies {
        @Test
        void expectedCustomerPolicyThatDoesNotExistNeedsBootstrap() {
            String p = principal("")
                    .replace(
                            "\"managedPolicies\":[",
                            "\"managedPolicies\":[{\"arn\":\"" + arn("CIDeployStorage") + "\"},");
            List<Finding> findings = audit(account().build(), baseline(p));
            assertThat(ofType(findings, FindingType.MANAGED_POLICY_MISSING))
                    .as("findings: %s", findings)
                    .hasSize(1);
            Finding f = ofType(findings, FindingType.MANAGED_POLICY_MISSING).get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.remediation().commands())
                    .anyMatch(c -> c.startsWith("aws iam create-policy --policy-name CIDeployStorage"));
        }

        @Test
        void existingButDetachedPolicyIsNotAttached() {
            AccountSnapshot snap = account().policy("CIDeployStorage", STATE).build();
            String p = principal("")
                    .replace(
                            "\"managedPolicies\":[",
                            "\"managedPolicies\":[{\"arn\":\"" + arn("CIDeployStorage") + "\"},");
            Finding f = ofType(audit(snap, baseline(p)), FindingType.MANAGED_POLICY_NOT_ATTACHED)
                    .get(0);
            assertThat(f.remediation().commands())
                    .containsExactly("aws iam attach-user-policy --user-name " + USER + " --policy-arn "
                            + arn("CIDeployStorage"));
        }

        @Test
        void missingInlinePolicyIsCriticalWithAPutCommand() {
            AccountSnapshot snap = new TestAccount()
                    .policy("CIDeployCore", LAMBDA)
                    .user(USER, Map.of(), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            Finding f = ofType(audit(snap, baseline(principal(""))), FindingType.INLINE_POLICY_MISSING)
                    .get(0);
            assertThat(f.remediation().commands().get(0))
                    .startsWith("aws iam put-user-policy --user-name " + USER
                            + " --policy-name state --policy-document '{");
        }

        @Test
        void administratorAccessAttachedOutsideTheBaselineIsCritical() {
            AccountSnapshot snap = new TestAccount()
                    .policy("CIDeployCore", LAMBDA)
                    .policy("aws:AdministratorAccess", ADMIN)
                    .user(
                            USER,
                            Map.of("state", STATE),
                            List.of(arn("CIDeployCore"), awsArn("AdministratorAccess")),
                            List.of(),
                            null)
                    .build();
            List<Finding> findings = audit(snap, baseline(principal("")));
            assertThat(ofType(findings, FindingType.UNEXPECTED_POLICY))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                        assertThat(f.remediation().commands())
                                .containsExactly("aws iam detach-user-policy --user-name " + USER + " --policy-arn "
                                        + awsArn("AdministratorAccess"));
                    });
            assertThat(ofType(findings, FindingType.ADMIN_ACCESS))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                        assertThat(f.policy()).as("the policy that grants it").isEqualTo(awsArn("AdministratorAccess"));
                    });
            assertThat(ofType(findings, FindingType.PRIVILEGE_ESCALATION))
                    .as("implied by ADMIN_ACCESS")
                    .isEmpty();
            assertThat(ofType(findings, FindingType.PASSROLE_UNSCOPED))
                    .singleElement()
                    .satisfies(f -> assertThat(f.title())
                            .startsWith("Policy AdministratorAccess: Statement[0] allows iam:PassRole")
                            .doesNotContain("Statement[0]: Statement[0]"));
        }

        @Test
        void unexpectedPolicyThatGrantsNothingNewIsHigh() {
            String subset =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::state-bucket/*\"}]}";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", STATE, "extra", subset), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.UNEXPECTED_POLICY))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        }

        @Test
        void widenedInlinePolicyIsCriticalDriftWithTheAddedGrants() {
            AccountSnapshot snap = account()
                    .user(
                            USER,
                            Map.of("state", STATE.replace("arn:aws:s3:::state-bucket/*", "arn:aws:s3:::*")),
                            List.of(arn("CIDeployCore")),
                            List.of(),
                            null)
                    .build();
            Finding f = ofType(audit(snap, baseline(principal(""))), FindingType.POLICY_DRIFT)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).containsEntry("verdict", "WIDENED");
            assertThat(f.policy()).isEqualTo("inline:state");
        }

        @Test
        void narrowedPolicyIsHigh() {
            AccountSnapshot snap = account()
                    .user(
                            USER,
                            Map.of("state", STATE.replace("\"s3:GetObject\",\"s3:PutObject\"", "\"s3:GetObject\"")),
                            List.of(arn("CIDeployCore")),
                            List.of(),
                            null)
                    .build();
            assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.POLICY_DRIFT))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        }

        @Test
        void cosmeticChangeIsInfoOnly() {
            String reordered = """
                    {"Version":"2012-10-17","Statement":[
                     {"Sid":"ListRenamed","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::state-bucket"]},
                     {"Sid":"State","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::state-bucket/*"}]}""";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", reordered), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            List<Finding> findings = audit(snap, baseline(principal("")));
            assertThat(ofType(findings, FindingType.POLICY_DRIFT))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
            assertThat(aboveLow(findings)).isEmpty();
        }

        @Test
        void newDefaultVersionThatWidensIsCriticalVersionDriftWithSetDefaultFix() {
            String widened =
                    LAMBDA.replace("\"sts:GetCallerIdentity\"", "\"sts:GetCallerIdentity\",\"iam:CreateUser\"");
            AccountSnapshot snap = account()
                    .policyVersions("CIDeployCore", "v2", Map.of("v1", LAMBDA, "v2", widened))
                    .build();
            Finding f = ofType(audit(snap, baseline(principal(""))), FindingType.POLICY_VERSION_DRIFT)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.remediation().commands())
                    .containsExactly("aws iam set-default-policy-version --policy-arn " + arn("CIDeployCore")
                            + " --version-id v1");
        }
    }

    @Nested
    class Membership {
        @Test
        void joiningAGroupThatGrantsMoreIsCriticalAndLeavingOneIsHigh() {
            AccountSnapshot snap = account()
                    .group("admins", Map.of("all", ADMIN), List.of())
                    .group("readers", Map.of(), List.of())
                    .user(USER, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of("admins"), null)
                    .build();
            List<Finding> findings =
                    ofType(audit(snap, baseline(principal(",\"groups\":[\"readers\"]"))), FindingType.GROUP_DRIFT);
            assertThat(findings)
                    .extracting(Finding::severity, Finding::title)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    Severity.CRITICAL,
                                    USER + " was added to group admins, which grants more than the baseline"),
                            org.assertj.core.groups.Tuple.tuple(
                                    Severity.HIGH, USER + " is no longer in group readers"));
        }

        @Test
        void removedBoundaryIsCritical() {
            AccountSnapshot snap = account().policy("Boundary", STATE).build();
            Finding f = ofType(
                            audit(snap, baseline(principal(",\"permissionsBoundary\":\"" + arn("Boundary") + "\""))),
                            FindingType.BOUNDARY_DRIFT)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.remediation().commands())
                    .containsExactly("aws iam put-user-permissions-boundary --user-name " + USER
                            + " --permissions-boundary " + arn("Boundary"));
        }

        @Test
        void unexpectedBoundaryOnlyNarrowsSoItIsHigh() {
            AccountSnapshot snap = account()
                    .policy("Boundary", STATE)
                    .user(USER, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(), arn("Boundary"))
                    .build();
            assertThat(ofType(
                            audit(snap, baseline(principal(",\"permissionsBoundary\":null"))),
                            FindingType.BOUNDARY_DRIFT))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        }

        @Test
        void trustPolicyLettingANewAccountAssumeTheRoleIsCritical() {
            String trust =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";
            String widened = trust.replace(
                    "}]}",
                    "},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}]}");
            AccountSnapshot snap = new TestAccount()
                    .role("deploy", widened, Map.of("state", STATE), List.of(), null)
                    .build();
            String p = "{\"type\":\"role\",\"name\":\"deploy\",\"inlinePolicies\":[{\"name\":\"state\",\"document\":"
                    + STATE + "}],\"trustPolicy\":" + trust + "}";
            Finding f = ofType(audit(snap, baseline(p)), FindingType.TRUST_POLICY_DRIFT)
                    .get(0);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail())
                    .startsWith("any principal of account 444455556666 can now assume the role; before only");
        }
    }

    @Nested
    class EffectiveAccessRules {
        @Test
        void requiredActionNoPolicyAllowsIsDenied() {
            List<Finding> findings = audit(
                    account().build(),
                    baseline(
                            principal(
                                    ",\"requiredActions\":[{\"action\":\"lambda:DeleteFunction\"},{\"action\":\"lambda:CreateFunction\"}]")));
            assertThat(ofType(findings, FindingType.REQUIRED_ACTION_DENIED))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.title()).contains("lambda:DeleteFunction").doesNotContain("lambda:CreateFunction");
                        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    });
        }

        @Test
        void explicitDenyThatBlocksARequiredActionIsReportedWithTheDenyingStatement() {
            String deny =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoCreate\",\"Effect\":\"Deny\",\"Action\":\"lambda:CreateFunction\",\"Resource\":\"*\"}]}";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", STATE, "deny", deny), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            String p = principal(",\"requiredActions\":[{\"action\":\"lambda:CreateFunction\"}]")
                    .replace(
                            "\"inlinePolicies\":[",
                            "\"inlinePolicies\":[{\"name\":\"deny\",\"document\":" + deny + "},");
            Finding f = ofType(audit(snap, baseline(p)), FindingType.REQUIRED_ACTION_DENIED)
                    .get(0);
            assertThat(f.evidence().get("denied").toString())
                    .contains("explicitDeny")
                    .contains("inline:deny#NoCreate");
        }

        @Test
        void boundaryThatCapsARequiredActionDeniesIt() {
            AccountSnapshot snap = account()
                    .policy("Boundary", STATE)
                    .user(USER, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(), arn("Boundary"))
                    .build();
            List<Finding> findings =
                    audit(snap, baseline(principal(",\"requiredActions\":[{\"action\":\"lambda:CreateFunction\"}]")));
            assertThat(ofType(findings, FindingType.REQUIRED_ACTION_DENIED)).hasSize(1);
        }

        @Test
        void requiredActionWithContextIsAllowedByAGrantScopedToTheDeployersOwnResource() {
            String pass =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pass\",\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
                            + "\"Resource\":\"arn:aws:iam::" + TestAccount.ACCOUNT + ":role/app-lambda-exec\","
                            + "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}}]}";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", pass), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            String required =
                    ",\"requiredActions\":[{\"action\":\"iam:PassRole\",\"context\":{\"iam:PassedToService\":\"%s\"}}]";

            assertThat(ofType(
                            audit(
                                    snap,
                                    baseline(principal(required.formatted("lambda.amazonaws.com"))
                                            .replace(STATE, pass))),
                            FindingType.REQUIRED_ACTION_DENIED))
                    .isEmpty();
            assertThat(ofType(
                            audit(
                                    snap,
                                    baseline(principal(required.formatted("ec2.amazonaws.com"))
                                            .replace(STATE, pass))),
                            FindingType.REQUIRED_ACTION_DENIED))
                    .singleElement()
                    .satisfies(f ->
                            assertThat(f.evidence().get("denied").toString()).contains("iam:PassRole"));
        }

        @Test
        void terraformResourceTypesExpandToRequiredActions() {
            List<Finding> findings = audit(
                    account().build(), baseline(principal(",\"requiredForResourceTypes\":[\"aws_dynamodb_table\"]")));
            assertThat(ofType(findings, FindingType.REQUIRED_ACTION_DENIED))
                    .singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("denied").toString())
                            .contains("dynamodb:CreateTable")
                            .doesNotContain("sts:GetCallerIdentity"));
        }

        @Test
        void forbiddenActionAllowedIsAlwaysCritical() {
            String wide =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Iam\",\"Effect\":\"Allow\",\"Action\":\"iam:Create*\",\"Resource\":\"*\"}]}";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", wide), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            String p = principal(",\"forbiddenActions\":[\"iam:CreateUser\",\"organizations:*\"]")
                    .replace(STATE, wide);
            List<Finding> findings = ofType(audit(snap, baseline(p)), FindingType.FORBIDDEN_ACTION_ALLOWED);
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.evidence()).containsEntry("allowedActions", List.of("iam:CreateUser"));
            });
        }

        @Test
        void boundaryThatCapsAdministratorAccessMeansNoAdminAccess() {
            AccountSnapshot snap = account()
                    .policy("aws:AdministratorAccess", ADMIN)
                    .policy("Boundary", STATE)
                    .user(
                            USER,
                            Map.of("state", STATE),
                            List.of(arn("CIDeployCore"), awsArn("AdministratorAccess")),
                            List.of(),
                            arn("Boundary"))
                    .build();
            List<Finding> findings = audit(snap, baseline(principal("")));
            assertThat(ofType(findings, FindingType.ADMIN_ACCESS)).isEmpty();
            assertThat(ofType(findings, FindingType.UNEXPECTED_POLICY)).hasSize(1);
        }

        @Test
        void adminAccessTheBaselineAlreadyGrantsIsMediumAndMarkedInBaseline() {
            AccountSnapshot snap = account()
                    .policy("aws:AdministratorAccess", ADMIN)
                    .user(
                            USER,
                            Map.of("state", STATE),
                            List.of(arn("CIDeployCore"), awsArn("AdministratorAccess")),
                            List.of(),
                            null)
                    .build();
            String p = principal("")
                    .replace(
                            "\"managedPolicies\":[",
                            "\"managedPolicies\":[{\"arn\":\"" + awsArn("AdministratorAccess") + "\"},");
            Finding f =
                    ofType(audit(snap, baseline(p)), FindingType.ADMIN_ACCESS).get(0);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.evidence()).containsEntry("inBaseline", true);
        }

        @Test
        void writingAnInlinePolicyOnItselfIsPrivilegeEscalation() {
            String self =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Self\",\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"arn:aws:iam::111122223333:user/${aws:username}\"}]}";
            AccountSnapshot snap = account()
                    .user(USER, Map.of("state", STATE, "self", self), List.of(arn("CIDeployCore")), List.of(), null)
                    .build();
            List<Finding> findings = audit(snap, baseline(principal("")));
            assertThat(ofType(findings, FindingType.PRIVILEGE_ESCALATION))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                        assertThat(f.evidence().get("path"))
                                .isEqualTo(
                                        Map.of("id", "self-user-inline-policy", "pathfinding", "iam-007", "rhino", 10));
                    });
        }
    }

    @Nested
    class Credentials {
        @Test
        void consolePasswordOnADeployerIsHigh() {
            AccountSnapshot snap = account()
                    .credentials(USER, true, COLLECTED.minus(Duration.ofDays(10)), COLLECTED)
                    .build();
            assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.CONSOLE_ACCESS))
                    .singleElement()
                    .satisfies(f -> assertThat(f.remediation().commands())
                            .containsExactly("aws iam delete-login-profile --user-name " + USER));
        }

        @Test
        void consolePasswordTheBaselineAllowsIsFine() {
            AccountSnapshot snap = account()
                    .credentials(USER, true, COLLECTED.minus(Duration.ofDays(10)), COLLECTED)
                    .build();
            assertThat(ofType(
                            audit(snap, baseline(principal(",\"credentials\":{\"consoleAccess\":true}"))),
                            FindingType.CONSOLE_ACCESS))
                    .isEmpty();
        }

        @Test
        void keyOlderThanTheLimitIsStaleMeasuredFromCollectedAt() {
            AccountSnapshot snap = account()
                    .credentials(USER, false, COLLECTED.minus(Duration.ofDays(120)), COLLECTED)
                    .build();
            assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.ACCESS_KEY_STALE))
                    .singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("ageDays", 120L));
            assertThat(ofType(
                            audit(snap, baseline(principal(",\"credentials\":{\"maxAccessKeyAgeDays\":180}"))),
                            FindingType.ACCESS_KEY_STALE))
                    .isEmpty();
        }

        @Test
        void neverUsedKeyAndSecondActiveKeyAreMedium() {
            AccountSnapshot snap = account()
                    .credentials(
                            USER, false, COLLECTED.minus(Duration.ofDays(5)), null, COLLECTED.minus(Duration.ofDays(2)))
                    .build();
            List<Finding> findings = audit(snap, baseline(principal("")));
            assertThat(ofType(findings, FindingType.ACCESS_KEY_UNUSED))
                    .isNotEmpty()
                    .allMatch(f -> f.severity() == Severity.MEDIUM);
            assertThat(ofType(findings, FindingType.MULTIPLE_ACTIVE_KEYS))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        }
    }

    @Nested
    class Exceptions {
        @Test
        void unexpiredExceptionTurnsTheFindingIntoInfoWithItsReason() {
            AccountSnapshot snap = account()
                    .credentials(USER, true, COLLECTED.minus(Duration.ofDays(10)), COLLECTED)
                    .build();
            String p = principal(
                    ",\"exceptions\":[{\"type\":\"CONSOLE_ACCESS\",\"reason\":\"break-glass until migration\",\"expires\":\"2027-01-31\"}]");
            assertThat(ofType(audit(snap, baseline(p)), FindingType.CONSOLE_ACCESS))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.INFO);
                        assertThat(f.evidence().get("exception").toString()).contains("break-glass until migration");
                    });
        }

        @Test
        void expiredExceptionIsItselfAFindingAndNoLongerSuppresses() {
            AccountSnapshot snap = account()
                    .credentials(USER, true, COLLECTED.minus(Duration.ofDays(10)), COLLECTED)
                    .build();
            String p = principal(
                    ",\"exceptions\":[{\"type\":\"CONSOLE_ACCESS\",\"reason\":\"temporary\",\"expires\":\"2026-01-31\"}]");
            List<Finding> findings = audit(snap, baseline(p));
            assertThat(ofType(findings, FindingType.CONSOLE_ACCESS))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
            assertThat(ofType(findings, FindingType.EXCEPTION_EXPIRED))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
        }
    }

    @Nested
    class FailClosed {
        @Test
        void snapshotWithoutCredentialReportIsOneAccountLevelFindingNotACriticalPerUser() {
            AccountSnapshot snap = account()
                    .user("other-deployer", Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(), null)
                    .withoutCredentialReport()
                    .build();
            String other = principal("").replace(USER, "other-deployer");
            AuditResult result = AUDITOR.audit(snap, baseline(principal(""), other), AuditOptions.defaults());

            assertThat(ofType(result.findings(), FindingType.AUDIT_INCOMPLETE)).isEmpty();
            assertThat(result.findings()).noneMatch(f -> f.severity() == Severity.CRITICAL);
            assertThat(ofType(result.findings(), FindingType.CREDENTIALS_NOT_AUDITED))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.principal().type()).isEqualTo("account");
                        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                        assertThat(f.evidence().get("users")).isEqualTo(List.of(USER, "other-deployer"));
                        assertThat(f.remediation().toString()).contains("snapshot --output");
                    });
        }

        @Test
        void missingCredentialReportThatTheLiveCollectionReportsAsAGapIsNotReportedTwice() {
            AuditResult result = AUDITOR.audit(
                    account().withoutCredentialReport().build(),
                    baseline(principal("")),
                    new AuditOptions(
                            null,
                            AuditScope.everyone(),
                            List.of(new CollectionGap("credential report", "not ready after 90 s", false))));
            assertThat(ofType(result.findings(), FindingType.CREDENTIALS_NOT_AUDITED))
                    .isEmpty();
            assertThat(ofType(result.findings(), FindingType.AUDIT_INCOMPLETE)).singleElement();
        }

        @Test
        void baselinedPrincipalAbsentFromATruncatedSnapshotIsAuditIncompleteNotMissing() {
            AccountSnapshot snap = account().truncatedAt("AAEAAMarker").build();
            String absent = principal("").replace(USER, "later-page-deployer");
            AuditResult result = AUDITOR.audit(snap, baseline(principal(""), absent), AuditOptions.defaults());

            assertThat(ofType(result.findings(), FindingType.PRINCIPAL_MISSING)).isEmpty();
            assertThat(ofType(result.findings(), FindingType.AUDIT_INCOMPLETE)).anySatisfy(f -> {
                assertThat(f.principal().name()).isEqualTo("later-page-deployer");
                assertThat(f.detail()).contains("AAEAAMarker");
                assertThat(f.remediation().toString()).contains("AAEAAMarker");
            });
            assertThat(result.unaudited()).extracting(u -> u.principal().name()).contains("later-page-deployer");
        }

        @Test
        void unreadableLiveDocumentIsAnIncompleteAuditNotASilentPass() {
            AccountSnapshot snap = account()
                    .user(
                            USER,
                            Map.of("state", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}"),
                            List.of(arn("CIDeployCore")),
                            List.of(),
                            null)
                    .build();
            assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.AUDIT_INCOMPLETE))
                    .singleElement()
                    .satisfies(f -> assertThat(f.detail()).contains("inline:state"));
        }
    }

    @Nested
    class Fingerprints {
        @Test
        void sameDriftHasTheSameIdOnEveryRunAndDifferentDriftsDiffer() {
            AccountSnapshot a = account()
                    .user(
                            USER,
                            Map.of("state", STATE.replace("arn:aws:s3:::state-bucket/*", "arn:aws:s3:::*")),
                            List.of(arn("CIDeployCore")),
                            List.of(),
                            null)
                    .build();
            AccountSnapshot b = account()
                    .user(
                            USER,
                            Map.of("state", STATE.replace("arn:aws:s3:::state-bucket/*", "arn:aws:s3:::other/*")),
                            List.of(arn("CIDeployCore")),
                            List.of(),
                            null)
                    .build();
            String first = ofType(audit(a, baseline(principal(""))), FindingType.POLICY_DRIFT)
                    .get(0)
                    .id();
            String again = ofType(audit(a, baseline(principal(""))), FindingType.POLICY_DRIFT)
                    .get(0)
                    .id();
            String other = ofType(audit(b, baseline(principal(""))), FindingType.POLICY_DRIFT)
                    .get(0)
                    .id();
            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }
    }
}
