package io.iamdrift.organization;

import static io.iamdrift.organization.OrganizationTest.A;
import static io.iamdrift.organization.OrganizationTest.B;
import static io.iamdrift.organization.OrganizationTest.MANIFEST;
import static io.iamdrift.organization.OrganizationTest.T0;
import static io.iamdrift.organization.OrganizationTest.audited;
import static io.iamdrift.organization.OrganizationTest.drift;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.alert.AlertPlan;
import io.iamdrift.alert.AlertPlanner;
import io.iamdrift.alert.AlertState;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Change;
import io.iamdrift.incident.ChangeKind;
import io.iamdrift.incident.Incident;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.SnsBody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrgAlertTest {

    static final String SUMMARY = "s3://b/reports/org/run-1/summary.json";

    static Finding finding(String account, String user, FindingType type, Severity severity, String policy) {
        PrincipalRef p = PrincipalRef.user(user, "arn:aws:iam::" + account + ":user/" + user);
        return new Finding(
                Finding.fingerprint(account, type, p, policy, "x"),
                type,
                severity,
                p,
                policy,
                type + " on " + user,
                "detail",
                Map.of(),
                new Remediation(List.of(), null));
    }

    static Incident incident(String id, Severity severity, String title, String fix, Finding... findings) {
        return new Incident(
                id,
                severity,
                title,
                List.of(findings[0].principal()),
                java.util.Arrays.stream(findings).map(Finding::id).toList(),
                new Change(
                        ChangeKind.POLICY_ATTACHED,
                        "AdministratorAccess",
                        List.of("+ every action on every resource"),
                        List.of("admin access; 2 forbidden actions allowed"),
                        null),
                null,
                List.of(fix));
    }

    static AccountResult result(MemberAccount a, List<Finding> alertable, List<Incident> incidents) {
        return new AccountResult(
                "run-1",
                a.id(),
                a.name(),
                AccountResult.Status.AUDITED,
                null,
                null,
                1,
                3,
                Map.of(Severity.CRITICAL, alertable.size()),
                "s3://b/reports/" + a.id() + "/r.json",
                alertable,
                incidents);
    }

    @Test
    void groupsEachAccountsNewFindingsIntoTheMembersIncidentsMostSevereFirst() {
        Finding admin = finding(A.id(), "ci", FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, "AdministratorAccess");
        Finding derived = finding(A.id(), "ci", FindingType.ADMIN_ACCESS, Severity.CRITICAL, "AdministratorAccess");
        Finding key = finding(A.id(), "cd", FindingType.ACCESS_KEY_STALE, Severity.HIGH, null);
        Finding other =
                finding(B.id(), "deploy", FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, "AdministratorAccess");
        AccountResult a = result(
                A,
                List.of(key, admin, derived),
                List.of(
                        incident(
                                "inc-a-key",
                                Severity.HIGH,
                                "access key of cd unused for 120 days",
                                "aws iam delete-access-key",
                                key),
                        incident(
                                "inc-a-admin",
                                Severity.CRITICAL,
                                "AdministratorAccess attached to ci",
                                "aws iam detach-user-policy --user-name ci",
                                admin,
                                derived)));
        AccountResult b = result(
                B,
                List.of(other),
                List.of(incident(
                        "inc-b-admin",
                        Severity.CRITICAL,
                        "AdministratorAccess attached to deploy",
                        "aws iam detach-user-policy --user-name deploy",
                        other)));
        OrgSummary s = OrgSummary.aggregate(MANIFEST, List.of(a, b), T0, A.id());

        OrgAlert alert = OrgAlert.build(s, List.of(a, b), List.of(key, admin, derived, other), "999999999999", SUMMARY);

        assertThat(alert.subject())
                .isEqualTo("IAM drift CRITICAL: 3 new incidents in 2 accounts of the organization (org)");
        assertThat(alert.attributes())
                .containsEntry("incidentCount", "3")
                .containsEntry("findingCount", "4")
                .containsEntry("severity", "CRITICAL")
                .containsEntry("accountId", "999999999999");
        String body = alert.body();
        assertThat(body)
                .contains(
                        "Account 111111111111 (shop-prod): 2 new incidents, report s3://b/reports/111111111111/r.json")
                .contains("Account 222222222222 (shop-dev): 1 new incident,")
                .contains("+ every action on every resource")
                .contains("Consequences: admin access; 2 forbidden actions allowed")
                .contains("$ aws iam detach-user-policy --user-name ci")
                .contains("Incident inc-a-admin, 2 findings")
                .doesNotContain("ADMIN_ACCESS on");
        assertThat(countOf(body, "AdministratorAccess attached to ci")).isEqualTo(1);
        assertThat(body.indexOf("1. [CRITICAL] AdministratorAccess attached to ci"))
                .isLessThan(body.indexOf("2. [HIGH] access key of cd"))
                .isPositive();
        assertThat(body.indexOf("Account 111111111111")).isLessThan(body.indexOf("Account 222222222222"));
    }

    @Test
    void correlatesFindingsAnewWhenTheMembersResultCarriesNoIncidents() {
        AccountResult old = result(A, List.of(drift(A.id(), "ci"), drift(A.id(), "cd")), List.of());
        OrgSummary s = OrgSummary.aggregate(MANIFEST, List.of(old), T0, A.id());

        OrgAlert alert = OrgAlert.build(s, List.of(old), old.alertable(), "999999999999", SUMMARY);

        assertThat(alert.incidentCount()).isEqualTo(2);
        assertThat(alert.subject())
                .isEqualTo("IAM drift CRITICAL: 2 new incidents in 1 account of the organization (org)");
        assertThat(alert.body())
                .contains("$ aws iam delete-user-policy --user-name cd --policy-name deploy")
                .contains("Incident ");
    }

    @Test
    void aFailedAccountIsItsOwnAuditIncompleteIncident() {
        AccountResult a = audited(A, 3, List.of(drift(A.id(), "ci")), 0);
        OrgSummary s = OrgSummary.aggregate(MANIFEST, List.of(a), T0, A.id());
        List<Finding> candidates = OrgAlert.candidates(s, List.of(a));
        AlertPlanner planner = new AlertPlanner(Severity.CRITICAL, Duration.ofHours(24));
        AlertPlan plan = planner.plan("run-1", candidates, AlertState.empty(), T0);

        OrgAlert alert = OrgAlert.build(s, List.of(a), plan.toAlert(), "999999999999", SUMMARY);

        assertThat(alert.subject())
                .isEqualTo("IAM drift CRITICAL: 3 new incidents in 3 accounts of the organization (org)");
        assertThat(alert.body())
                .contains("Account 222222222222 (shop-dev): 1 new incident\n")
                .contains("Account 333333333333 (sandbox): 1 new incident\n")
                .contains("2 missing.");
        assertThat(planner.plan("run-1", candidates, plan.stateAfterSend(), T0).alreadySent())
                .isTrue();
        assertThat(planner.plan("run-2", candidates, plan.stateAfterSend(), T0.plusSeconds(60))
                        .toAlert())
                .isEmpty();
    }

    @Test
    void staysWithinTheEmailBudgetAndSaysExactlyHowManyIncidentsWereLeftOut() {
        List<Finding> many = IntStream.range(0, 3000)
                .mapToObj(i -> drift(i % 2 == 0 ? A.id() : B.id(), "deployer-" + i))
                .toList();
        AccountResult a = audited(
                A,
                1500,
                many.stream().filter(f -> f.principal().arn().contains(A.id())).toList(),
                0);
        AccountResult b = audited(
                B,
                1500,
                many.stream().filter(f -> f.principal().arn().contains(B.id())).toList(),
                0);
        OrgSummary s = OrgSummary.aggregate(MANIFEST, List.of(a, b), T0, A.id());

        OrgAlert alert = OrgAlert.build(s, List.of(a, b), many, "999999999999", SUMMARY);

        assertThat(alert.incidentCount()).isEqualTo(3000);
        assertThat(alert.sizeInBytes() + SnsBody.utf8(alert.subject()))
                .isLessThanOrEqualTo(AlertMessage.MAX_EMAIL_BYTES)
                .isGreaterThan(AlertMessage.MAX_EMAIL_BYTES - 2_000);
        Matcher more = Pattern.compile("\\.\\.\\. (\\d+) more incidents: see " + Pattern.quote(SUMMARY) + "\n")
                .matcher(alert.body());
        assertThat(more.find()).isTrue();
        int shown = countMatches(alert.body(), "(?m)^\\d+\\. \\[CRITICAL\\] ");
        assertThat(shown).isPositive();
        assertThat(shown + Integer.parseInt(more.group(1))).isEqualTo(3000);
    }

    @Test
    void accountNamesAndEnvironmentAreReadOnOneLine() {
        MemberAccount evil = new MemberAccount(A.id(), "shop\nprod\tAKIAIOSFODNN7EXAMPLE", "ACTIVE");
        RunManifest m = new RunManifest(
                "run-1", T0, T0.plus(Duration.ofHours(1)), "999999999999", "org\r\nBcc: x", List.of(evil));
        AccountResult a = audited(evil, 1, List.of(drift(A.id(), "ci")), 0);
        OrgSummary s = OrgSummary.aggregate(m, List.of(a), T0, A.id());

        OrgAlert alert = OrgAlert.build(s, List.of(a), a.alertable(), "999999999999", SUMMARY);

        assertThat(alert.subject()).doesNotContain("\n").doesNotContain("\r").hasSizeLessThanOrEqualTo(99);
        assertThat(alert.body())
                .containsPattern("Account 111111111111 \\(shop prod\\s\\*+MPLE\\): 1 new incident")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("\r");
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static int countMatches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
