package io.iamdrift.audit;

import static io.iamdrift.audit.AuditorTest.USER;
import static io.iamdrift.audit.AuditorTest.account;
import static io.iamdrift.audit.AuditorTest.audit;
import static io.iamdrift.audit.AuditorTest.baseline;
import static io.iamdrift.audit.AuditorTest.ofType;
import static io.iamdrift.audit.AuditorTest.principal;
import static io.iamdrift.audit.TestAccount.ACCOUNT;
import static io.iamdrift.audit.TestAccount.ADMIN;
import static io.iamdrift.audit.TestAccount.arn;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.snapshot.AccountSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Escalation judged on the principal's effective access and on the account (issue 12). */
class EscalationAuditTest {

    static final String SELF = "arn:aws:iam::" + ACCOUNT + ":user/" + USER;

    static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    static String trustService(String service) {
        return policy(
                "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service + "\"},\"Action\":\"sts:AssumeRole\"}");
    }

    static String trustArn(String arn) {
        return policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn + "\"},\"Action\":\"sts:AssumeRole\"}");
    }

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    /** The escalation findings of the test deployer holding the extra inline policy. */
    static List<Finding> escalations(TestAccount acct, String extra) {
        acct.user(
                USER,
                Map.of("state", TestAccount.STATE, "extra", extra),
                List.of(arn("CIDeployCore")),
                List.of(),
                null);
        return ofType(audit(acct.build(), baseline(principal(""))), FindingType.PRIVILEGE_ESCALATION).stream()
                .filter(f -> f.principal().name().equals(USER))
                .toList();
    }

    static List<Object> pathIds(List<Finding> findings) {
        return findings.stream()
                .map(f -> ((Map<?, ?>) f.evidence().get("path")).get("id"))
                .map(Object.class::cast)
                .toList();
    }

    @Nested
    class ResourceScope {
        @Test
        void putUserPolicyOnAnotherUserIsNotSelfEscalation() {
            String other = policy(
                    "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"arn:aws:iam::"
                            + ACCOUNT + ":user/someone-else\"}");
            assertThat(pathIds(
                            escalations(account().user("someone-else", Map.of(), List.of(), List.of(), null), other)))
                    .doesNotContain("self-user-inline-policy");
        }

        @Test
        void putUserPolicyOnEveryUserIsSelfEscalation() {
            String any = policy(
                    "{\"Sid\":\"Any\",\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"arn:aws:iam::"
                            + ACCOUNT + ":user/*\"}");
            assertThat(escalations(account(), any))
                    .filteredOn(f -> pathIds(List.of(f)).contains("self-user-inline-policy"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                        assertThat(f.policy()).isEqualTo("inline:extra");
                        assertThat(f.evidence().get("path"))
                                .isEqualTo(
                                        Map.of("id", "self-user-inline-policy", "pathfinding", "iam-007", "rhino", 10));
                    });
        }

        @Test
        void aDenyOnItsOwnArnBlocksSelfEscalation() {
            String denied = policy(
                    "{\"Sid\":\"Any\",\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"arn:aws:iam::"
                            + ACCOUNT + ":user/*\"},"
                            + "{\"Sid\":\"NotMe\",\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"" + SELF
                            + "\"}");
            assertThat(pathIds(escalations(account(), denied))).doesNotContain("self-user-inline-policy");
        }

        @Test
        void aBoundaryWithoutIamBlocksSelfEscalation() {
            String any = policy(
                    "{\"Sid\":\"Any\",\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"*\"}");
            TestAccount acct = account()
                    .policy(
                            "S3Only",
                            policy(
                                    "{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"lambda:*\",\"sts:*\"],\"Resource\":\"*\"}"));
            acct.user(
                    USER,
                    Map.of("state", TestAccount.STATE, "extra", any),
                    List.of(arn("CIDeployCore")),
                    List.of(),
                    arn("S3Only"));
            assertThat(ofType(audit(acct.build(), baseline(principal(""))), FindingType.PRIVILEGE_ESCALATION))
                    .isEmpty();
        }

        @Test
        void createPolicyVersionOnAwsManagedPoliciesIsNoEscalation() {
            String aws = policy(
                    "{\"Sid\":\"Aws\",\"Effect\":\"Allow\",\"Action\":\"iam:CreatePolicyVersion\",\"Resource\":\"arn:aws:iam::aws:policy/*\"}");
            assertThat(escalations(account(), aws)).isEmpty();
        }
    }

    @Nested
    class PassRole {
        static final String PASS_AND_RUN = policy(
                "{\"Sid\":\"Pass\",\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::"
                        + ACCOUNT + ":role/*\","
                        + "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"sagemaker.amazonaws.com\"}}},"
                        + "{\"Sid\":\"Train\",\"Effect\":\"Allow\",\"Action\":[\"sagemaker:CreateTrainingJob\",\"sagemaker:CreateProcessingJob\"],\"Resource\":\"*\"}");

        @Test
        void passingAMorePrivilegedRoleIsEscalationNamingTheRole() {
            TestAccount acct = account()
                    .role("ml-admin", trustService("sagemaker.amazonaws.com"), Map.of("all", ADMIN), List.of(), null);
            List<Finding> f = escalations(acct, PASS_AND_RUN);
            assertThat(pathIds(f)).contains("passrole-sagemaker-training-job", "passrole-sagemaker-processing-job");
            assertThat(f)
                    .allSatisfy(x -> assertThat(x.evidence().get("targets").toString())
                            .contains(roleArn("ml-admin"), "admin-equivalent"));
        }

        @Test
        void passingOnlyRolesNoMorePrivilegedThanItselfIsNoEscalation() {
            String weak = policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::state-bucket/*\"}");
            TestAccount acct = account()
                    .role("ml-weak", trustService("sagemaker.amazonaws.com"), Map.of("s3", weak), List.of(), null);
            assertThat(escalations(acct, PASS_AND_RUN)).isEmpty();
        }

        @Test
        void aRoleThatCanOnlyReadWhatThePrincipalCannotIsNotMorePrivileged() {
            String reads = policy(
                    "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"ecs:DescribeTasks\"],\"Resource\":\"arn:aws:s3:::secrets/*\"}");
            TestAccount acct = account()
                    .role("ml-reader", trustService("sagemaker.amazonaws.com"), Map.of("s3", reads), List.of(), null);
            assertThat(escalations(acct, PASS_AND_RUN)).isEmpty();
        }

        @Test
        void aRoleTrustingAnotherServiceIsNoTarget() {
            TestAccount acct = account()
                    .role("fn-admin", trustService("lambda.amazonaws.com"), Map.of("all", ADMIN), List.of(), null);
            assertThat(pathIds(escalations(acct, PASS_AND_RUN)))
                    .noneMatch(id -> id.toString().startsWith("passrole-sagemaker"));
        }

        @Test
        void lintAndAuditAgreeOnTheSameAccess() {
            io.iamdrift.lint.PolicyLinter linter =
                    new io.iamdrift.lint.PolicyLinter(io.iamdrift.diff.CatalogActionSpace.defaults());
            assertThat(linter.lint(io.iamdrift.policy.PolicyParser.parse(PASS_AND_RUN, "p"), "p"))
                    .anyMatch(l -> l.type() == io.iamdrift.lint.LintType.PRIVILEGE_ESCALATION
                            && l.message().contains("passrole-sagemaker-training-job")
                            && l.message().contains("passrole-sagemaker-processing-job"));
        }
    }

    @Nested
    class Reachability {
        /** A chain user -> hop1 -> ... -> hopN where only the last role is admin. */
        static TestAccount chain(int length) {
            TestAccount acct = account();
            String previous = SELF;
            for (int i = 1; i <= length; i++) {
                String name = "hop" + i;
                String next = "arn:aws:iam::" + ACCOUNT + ":role/hop" + (i + 1);
                Map<String, String> inline = i == length
                        ? Map.of("all", ADMIN)
                        : Map.of(
                                "next",
                                policy("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + next
                                        + "\"}"));
                acct.role(name, trustArn(previous), inline, List.of(), null);
                previous = roleArn(name);
            }
            return acct;
        }

        static final String ASSUME_HOP1 = policy(
                "{\"Sid\":\"Hop\",\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::"
                        + ACCOUNT + ":role/hop1\"}");

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void aRoleChainToAnAdminRoleIsReportedWithTheChain(int length) {
            List<Finding> f = escalations(chain(length), ASSUME_HOP1);
            assertThat(f)
                    .filteredOn(x -> pathIds(List.of(x)).contains("assume-role"))
                    .singleElement()
                    .satisfies(x ->
                            assertThat(x.evidence().get("targets").toString()).contains(roleArn("hop" + length)));
        }

        @Test
        void aChainLongerThanThreeHopsIsNotFollowed() {
            assertThat(pathIds(escalations(chain(4), ASSUME_HOP1))).doesNotContain("assume-role");
        }

        @Test
        void aTrustThatAdmitsItWithoutAnAllowOnItsSideIsNotAssumedThroughTheAccount() {
            TestAccount acct = account()
                    .role(
                            "admin",
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
                                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                            Map.of("all", ADMIN),
                            List.of(),
                            null);
            assertThat(
                            escalations(
                                    acct,
                                    policy(
                                            "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}")))
                    .isEmpty();
        }

        @Test
        void updatingTheCodeOfFunctionsWhoseRoleIsMorePrivilegedIsEscalationThroughAResourceNotInTheSnapshot() {
            TestAccount acct = account()
                    .role("shop-fn", trustService("lambda.amazonaws.com"), Map.of("all", ADMIN), List.of(), null);
            List<Finding> f = ofType(audit(acct.build(), baseline(principal(""))), FindingType.PRIVILEGE_ESCALATION);
            assertThat(f)
                    .filteredOn(x -> pathIds(List.of(x)).contains("lambda-update-code"))
                    .singleElement()
                    .satisfies(x -> {
                        assertThat(x.detail()).contains("not in the snapshot");
                        assertThat(x.evidence().get("targets").toString()).contains(roleArn("shop-fn"));
                        assertThat(x.evidence()).containsEntry("inBaseline", true);
                        assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
                    });
        }
    }

    @Test
    void theReportSummarisesWhoReachesAdminAndWhichDeployersReachAnotherDeployer() {
        TestAccount acct = account().role("other-deploy", trustArn(SELF), Map.of("all", ADMIN), List.of(), null);
        acct.user(
                USER,
                Map.of(
                        "state",
                        TestAccount.STATE,
                        "extra",
                        policy("{\"Sid\":\"Hop\",\"Effect\":\"Allow\","
                                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + roleArn("other-deploy") + "\"}")),
                List.of(arn("CIDeployCore")),
                List.of(),
                null);
        io.iamdrift.baseline.BaselineSet set =
                AuditorTest.baselineWith(",\"discovery\":{\"roleNamePatterns\":[\"*-deploy\"]}", principal(""));
        io.iamdrift.report.Report report = AuditorTest.AUDITOR
                .audit(acct.build(), set, AuditOptions.defaults())
                .toReport("run", TestAccount.COLLECTED, TestAccount.COLLECTED);
        io.iamdrift.report.Reachability reach = io.iamdrift.report.Reachability.of(report);
        assertThat(reach.admin()).containsKey("role/other-deploy");
        assertThat(reach.admin().get("user/" + USER))
                .singleElement()
                .asString()
                .contains("assume-role -> " + roleArn("other-deploy"));
        assertThat(reach.deployers().get("user/" + USER)).containsExactly("assume-role -> role/other-deploy");
        assertThat(io.iamdrift.report.ReportJson.toNode(report, false)
                        .get("reachability")
                        .get("deployers")
                        .toString())
                .contains("other-deploy");
    }

    @Test
    void unexpectedPolicyWhoseEveryGrantTheBoundaryBlocksIsHigh() {
        TestAccount acct = account()
                .policy(
                        "Boundary",
                        policy(
                                "{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"lambda:*\",\"sts:*\"],\"Resource\":\"*\"}"));
        String iam = policy("{\"Sid\":\"Iam\",\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}");
        acct.user(
                USER,
                Map.of("state", TestAccount.STATE, "extra", iam),
                List.of(arn("CIDeployCore")),
                List.of(),
                arn("Boundary"));
        AccountSnapshot snap = acct.build();
        assertThat(ofType(audit(snap, baseline(principal(""))), FindingType.UNEXPECTED_POLICY))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        acct.user(
                USER, Map.of("state", TestAccount.STATE, "extra", iam), List.of(arn("CIDeployCore")), List.of(), null);
        assertThat(ofType(audit(acct.build(), baseline(principal(""))), FindingType.UNEXPECTED_POLICY))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }
}
