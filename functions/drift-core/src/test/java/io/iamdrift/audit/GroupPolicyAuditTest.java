package io.iamdrift.audit;

import static io.iamdrift.audit.AuditorTest.USER;
import static io.iamdrift.audit.AuditorTest.aboveLow;
import static io.iamdrift.audit.AuditorTest.account;
import static io.iamdrift.audit.AuditorTest.audit;
import static io.iamdrift.audit.AuditorTest.baselineWith;
import static io.iamdrift.audit.AuditorTest.ofType;
import static io.iamdrift.audit.TestAccount.ACCOUNT;
import static io.iamdrift.audit.TestAccount.ADMIN;
import static io.iamdrift.audit.TestAccount.COLLECTED;
import static io.iamdrift.audit.TestAccount.LAMBDA;
import static io.iamdrift.audit.TestAccount.STATE;
import static io.iamdrift.audit.TestAccount.arn;
import static io.iamdrift.audit.TestAccount.awsArn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.ChangeKind;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import io.iamdrift.snapshot.AccountSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group policies in the baseline's groups section, compared for every audited member (GROUP_POLICY_DRIFT). */
class GroupPolicyAuditTest {

    static final String GROUP = "deployers";
    static final String READ_LOGS = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":["logs:GetLogEvents","logs:FilterLogEvents"],
             "Resource":"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/shop-*"}]}""";
    static final String READ_LOGS_WIDER = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":["logs:GetLogEvents","logs:FilterLogEvents"],
             "Resource":"*"}]}""";
    static final String READ_LOGS_NARROWER = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":"logs:GetLogEvents",
             "Resource":"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/shop-*"}]}""";
    /** Reads of what the members' own inline "state" policy already grants. */
    static final String STATE_READ = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::state-bucket/*"}]}""";

    /** {@code n} baselined deployers, each a member of the group, which carries the managed policy GroupLogs (v1). */
    static TestAccount members(int n, String groupInlineName, String groupInline, String... groupArns) {
        TestAccount acct = account().policy("GroupLogs", READ_LOGS);
        for (int i = 0; i < n; i++) {
            String name = name(i);
            acct.user(name, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(GROUP), null)
                    .credentials(
                            name, false, COLLECTED.minus(Duration.ofDays(10)), COLLECTED.minus(Duration.ofDays(1)));
        }
        List<String> arns = new ArrayList<>(List.of(arn("GroupLogs")));
        arns.addAll(List.of(groupArns));
        return acct.group(GROUP, groupInlineName == null ? Map.of() : Map.of(groupInlineName, groupInline), arns);
    }

    static String name(int i) {
        return i == 0 ? USER : "shop-" + i + "-deployer";
    }

    /** Every member as the baseline expects it, and the group with GroupLogs v1 and the given inline policies. */
    static BaselineSet baseline(int n, String groupInline) {
        List<String> principals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            principals.add(AuditorTest.principal(",\"groups\":[\"" + GROUP + "\"]")
                    .replace("\"name\":\"" + USER + "\"", "\"name\":\"" + name(i) + "\""));
        }
        String groups = ",\"groups\":[{\"name\":\"" + GROUP + "\",\"managedPolicies\":[{\"arn\":\"" + arn("GroupLogs")
                + "\",\"versionId\":\"v1\",\"document\":" + READ_LOGS + "}],\"inlinePolicies\":["
                + (groupInline == null ? "" : "{\"name\":\"deploy\",\"document\":" + groupInline + "}") + "]}]";
        return baselineWith(groups, principals.toArray(String[]::new));
    }

    static List<Incident> incidents(List<Finding> findings) {
        return Incidents.correlate(ACCOUNT, findings);
    }

    @Test
    void aGroupAsItsBaselineDescribesItRaisesNothing() {
        assertThat(aboveLow(audit(members(2, "deploy", LAMBDA).build(), baseline(2, LAMBDA))))
                .isEmpty();
    }

    @Test
    void anAdminPolicyAttachedToAGroupOfManyIsOneCriticalIncidentOwningWhatItGrantsEveryMember() {
        AccountSnapshot snap = members(5, null, null, awsArn("AdministratorAccess"))
                .policy("aws:AdministratorAccess", ADMIN)
                .build();
        List<Finding> findings = audit(snap, baseline(5, null));

        assertThat(ofType(findings, FindingType.GROUP_POLICY_DRIFT)).hasSize(5).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.remediation().commands())
                    .containsExactly("aws iam detach-group-policy --group-name deployers --policy-arn "
                            + awsArn("AdministratorAccess"));
        });
        assertThat(ofType(findings, FindingType.ADMIN_ACCESS))
                .hasSize(5)
                .allSatisfy(f -> assertThat(f.severity())
                        .as("not in the baseline any more")
                        .isEqualTo(Severity.CRITICAL));
        List<Incident> above = incidents(aboveLow(findings));
        assertThat(above).singleElement().satisfies(i -> {
            assertThat(i.change().kind()).isEqualTo(ChangeKind.GROUP_POLICY);
            assertThat(i.change().object()).isEqualTo("group/" + GROUP);
            assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(i.principals()).hasSize(5);
            assertThat(i.findings()).hasSize(aboveLow(findings).size());
            assertThat(i.title())
                    .isEqualTo("Policy AdministratorAccess attached to group deployers, granting its members more "
                            + "than their baseline (5 members)");
            assertThat(i.change().consequences()).contains("admin access (5 principals)");
            assertThat(i.fix())
                    .first()
                    .isEqualTo("aws iam detach-group-policy --group-name deployers --policy-arn "
                            + awsArn("AdministratorAccess"));
        });
    }

    @Test
    void aWideInlinePolicyAddedToAGroupIsNoLongerAMediumLintLinePerMember() {
        String wide =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        List<Finding> findings = audit(members(3, "wide", wide).build(), baseline(3, null));

        assertThat(ofType(findings, FindingType.GROUP_POLICY_DRIFT))
                .hasSize(3)
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(incidents(findings).stream().filter(i -> i.severity().atLeast(Severity.MEDIUM)))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.change().kind()).isEqualTo(ChangeKind.GROUP_POLICY);
                    assertThat(i.principals()).hasSize(3);
                    assertThat(i.change().grants()).containsExactly("+ s3:* on every resource");
                    assertThat(i.fix())
                            .first()
                            .isEqualTo("aws iam delete-group-policy --group-name deployers --policy-name wide");
                });
    }

    @Test
    void anAdditionThatGrantsTheMembersNothingNewIsHighNotCritical() {
        List<Finding> findings = audit(members(2, "read", STATE_READ).build(), baseline(2, null));

        assertThat(ofType(findings, FindingType.GROUP_POLICY_DRIFT)).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.title()).isEqualTo("Inline policy read added to group deployers");
        });
    }

    @Test
    void severityFollowsEachMembersEffectiveAccessSoABoundaryThatBlocksTheAdditionMakesItHigh() {
        TestAccount acct = members(2, "logs", READ_LOGS_WIDER).policy("Boundary", LAMBDA);
        acct.user(name(1), Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(GROUP), arn("Boundary"));
        List<Finding> findings = ofType(audit(acct.build(), baseline(2, null)), FindingType.GROUP_POLICY_DRIFT);

        assertThat(findings)
                .extracting(f -> f.principal().name(), Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(name(0), Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple(name(1), Severity.HIGH));
        assertThat(incidents(findings))
                .singleElement()
                .satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void anEditedGroupInlinePolicyIsCriticalWhenWidenedAndHighWhenNarrowed() {
        Finding widened = ofType(
                        audit(members(1, "deploy", READ_LOGS_WIDER).build(), baseline(1, READ_LOGS)),
                        FindingType.GROUP_POLICY_DRIFT)
                .get(0);
        assertThat(widened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(widened.evidence()).containsEntry("change", "edited").containsEntry("verdict", "WIDENED");
        assertThat(widened.remediation().commands())
                .singleElement()
                .asString()
                .startsWith("aws iam put-group-policy --group-name deployers --policy-name deploy --policy-document ");

        Finding narrowed = ofType(
                        audit(members(1, "deploy", READ_LOGS_NARROWER).build(), baseline(1, READ_LOGS)),
                        FindingType.GROUP_POLICY_DRIFT)
                .get(0);
        assertThat(narrowed.severity()).isEqualTo(Severity.HIGH);
        assertThat(narrowed.evidence()).containsEntry("verdict", "NARROWED");
    }

    @Test
    void aRemovedGroupPolicyIsHighAndTheRequiredActionItTookAwayJoinsItsIncident() {
        String required = ",\"requiredActions\":[{\"action\":\"logs:FilterLogEvents\"}]";
        List<String> principals = List.of(AuditorTest.principal(",\"groups\":[\"" + GROUP + "\"]" + required));
        String groups = ",\"groups\":[{\"name\":\"" + GROUP + "\",\"managedPolicies\":[{\"arn\":\"" + arn("GroupLogs")
                + "\"}],\"inlinePolicies\":[{\"name\":\"deploy\",\"document\":" + LAMBDA + "}]}]";
        AccountSnapshot snap = account()
                .policy("GroupLogs", READ_LOGS)
                .user(USER, Map.of("state", STATE), List.of(arn("CIDeployCore")), List.of(GROUP), null)
                .group(GROUP, Map.of("deploy", LAMBDA), List.of())
                .build();
        List<Finding> findings = audit(snap, baselineWith(groups, principals.toArray(String[]::new)));

        Finding detached = ofType(findings, FindingType.GROUP_POLICY_DRIFT).get(0);
        assertThat(detached.severity()).isEqualTo(Severity.HIGH);
        assertThat(detached.title()).isEqualTo("Policy GroupLogs detached from group deployers");
        assertThat(detached.remediation().commands())
                .containsExactly("aws iam attach-group-policy --group-name deployers --policy-arn " + arn("GroupLogs"));
        Finding denied = ofType(findings, FindingType.REQUIRED_ACTION_DENIED).get(0);
        assertThat(incidents(findings))
                .filteredOn(i -> i.change().kind() == ChangeKind.GROUP_POLICY)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.findings()).containsExactly(detached.id(), denied.id());
                    assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(i.change().grants()).first().asString().startsWith("- logs:");
                });
    }

    @Test
    void aGroupManagedPolicysNewDefaultVersionIsDriftForTheMembers() {
        TestAccount acct = members(2, null, null)
                .policyVersions("GroupLogs", "v2", Map.of("v1", READ_LOGS, "v2", READ_LOGS_WIDER));
        List<Finding> findings = ofType(audit(acct.build(), baseline(2, null)), FindingType.GROUP_POLICY_DRIFT);

        assertThat(findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.title())
                    .isEqualTo("Policy GroupLogs of group deployers is at version v2, the baseline pins v1 (WIDENED)");
            assertThat(f.remediation().commands())
                    .containsExactly(
                            "aws iam set-default-policy-version --policy-arn " + arn("GroupLogs") + " --version-id v1");
        });
        assertThat(incidents(findings))
                .singleElement()
                .satisfies(i -> assertThat(i.principals()).hasSize(2));
    }

    @Test
    void twoChangesToOneGroupAreTwoIncidentsEachOwningWhatItsPolicyGrants() {
        AccountSnapshot snap = members(
                        2,
                        "wide",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pass\",\"Effect\":"
                                + "\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]}",
                        awsArn("AdministratorAccess"))
                .policy("aws:AdministratorAccess", ADMIN)
                .build();
        List<Finding> findings = audit(snap, baseline(2, null));
        List<Incident> groupIncidents = incidents(findings).stream()
                .filter(i -> i.change().kind() == ChangeKind.GROUP_POLICY)
                .toList();

        assertThat(groupIncidents).hasSize(2);
        Incident admin = groupIncidents.stream()
                .filter(i -> i.title().contains("AdministratorAccess"))
                .findFirst()
                .orElseThrow();
        Incident pass = groupIncidents.stream()
                .filter(i -> i.title().contains("wide"))
                .findFirst()
                .orElseThrow();
        List<String> adminAccess = ofType(findings, FindingType.ADMIN_ACCESS).stream()
                .map(Finding::id)
                .toList();
        List<String> passRoleLint = ofType(findings, FindingType.PASSROLE_UNSCOPED).stream()
                .filter(f -> "inline:wide".equals(f.policy()))
                .map(Finding::id)
                .toList();
        assertThat(adminAccess).hasSize(2);
        assertThat(passRoleLint).hasSize(2);
        assertThat(admin.findings()).containsAll(adminAccess).doesNotContainAnyElementsOf(passRoleLint);
        assertThat(pass.findings()).containsAll(passRoleLint).doesNotContainAnyElementsOf(adminAccess);
    }

    @Test
    void aBaselineWithoutAGroupsSectionKeepsTodaysBehaviour() {
        AccountSnapshot snap = members(2, null, null, awsArn("AdministratorAccess"))
                .policy("aws:AdministratorAccess", ADMIN)
                .build();
        String noGroups = AuditorTest.principal(",\"groups\":[\"" + GROUP + "\"]");
        List<Finding> findings = audit(
                snap,
                baselineWith(
                        "", noGroups, noGroups.replace("\"name\":\"" + USER + "\"", "\"name\":\"" + name(1) + "\"")));

        assertThat(ofType(findings, FindingType.GROUP_POLICY_DRIFT)).isEmpty();
        assertThat(ofType(findings, FindingType.ADMIN_ACCESS)).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.evidence()).containsEntry("inBaseline", true);
        });
    }

    @Test
    void aMembershipTheBaselineDoesNotExpectIsGroupDriftOnlyNotAlsoGroupPolicyDrift() {
        AccountSnapshot snap = members(1, null, null, awsArn("AdministratorAccess"))
                .policy("aws:AdministratorAccess", ADMIN)
                .build();
        String groups = ",\"groups\":[{\"name\":\"" + GROUP + "\",\"managedPolicies\":[]}]";
        List<Finding> findings = audit(snap, baselineWith(groups, AuditorTest.principal(",\"groups\":[]")));

        assertThat(ofType(findings, FindingType.GROUP_DRIFT))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(ofType(findings, FindingType.GROUP_POLICY_DRIFT)).isEmpty();
    }

    @Test
    void aCapturedBaselineHoldsTheMembersGroupsAndAuditsClean() {
        AccountSnapshot snap = members(2, "deploy", LAMBDA).build();
        ObjectNode captured =
                new BaselineCapture(Auditor.withDefaults()).capture(snap, List.of(name(0), name(1)), null, null);

        assertThat(captured.at("/groups/0/name").asText()).isEqualTo(GROUP);
        assertThat(captured.at("/groups/0/managedPolicies/0/arn").asText()).isEqualTo(arn("GroupLogs"));
        assertThat(captured.at("/groups/0/managedPolicies/0/versionId").asText())
                .isEqualTo("v1");
        assertThat(captured.at("/groups/0/inlinePolicies/0/name").asText()).isEqualTo("deploy");
        assertThat(captured.withArray("groups"))
                .as("one entry per group, not per member")
                .hasSize(1);
        BaselineSet loaded = new BaselineLoader().load("captured.json", captured.toString());
        assertThat(loaded.problems()).isEmpty();
        assertThat(aboveLow(audit(snap, loaded))).isEmpty();

        AccountSnapshot changed = members(2, "deploy", READ_LOGS_WIDER).build();
        assertThat(ofType(audit(changed, loaded), FindingType.GROUP_POLICY_DRIFT))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }
}
