package io.iamdrift.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.alert.AlertPlanner;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incidents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    static final Instant T0 = Instant.parse("2026-01-31T06:00:00Z");
    static final MemberAccount A = new MemberAccount("111111111111", "shop-prod", "ACTIVE");
    static final MemberAccount B = new MemberAccount("222222222222", "shop-dev", "ACTIVE");
    static final MemberAccount C = new MemberAccount("333333333333", "sandbox", "ACTIVE");
    static final RunManifest MANIFEST =
            new RunManifest("run-1", T0, T0.plus(Duration.ofHours(1)), "999999999999", "org", List.of(A, B, C));

    static Finding drift(String account, String user) {
        PrincipalRef p = PrincipalRef.user(user, "arn:aws:iam::" + account + ":user/" + user);
        return new Finding(
                Finding.fingerprint(account, FindingType.POLICY_DRIFT, p, "inline:deploy", "x"),
                FindingType.POLICY_DRIFT,
                Severity.CRITICAL,
                p,
                "inline:deploy",
                "inline:deploy grants more",
                "detail",
                Map.of("added", List.of("iam:*")),
                new Remediation(
                        List.of("aws iam delete-user-policy --user-name " + user + " --policy-name deploy"), null));
    }

    static AccountResult audited(MemberAccount a, int principals, List<Finding> alertable, int high) {
        return new AccountResult(
                "run-1",
                a.id(),
                a.name(),
                AccountResult.Status.AUDITED,
                null,
                null,
                1,
                principals,
                Map.of(Severity.CRITICAL, alertable.size(), Severity.HIGH, high),
                "s3://b/reports/" + a.id() + "/r.json",
                alertable,
                Incidents.correlate(a.id(), alertable));
    }

    @Test
    void selectsActiveAccountsHonouringIncludeAndExcludeLists() {
        List<MemberAccount> all = List.of(C, A, new MemberAccount("444444444444", "gone", "SUSPENDED"), B);
        assertThat(AccountSelection.all().select(all))
                .extracting(MemberAccount::id)
                .containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(AccountSelection.parse("", "333333333333, 111111111111").select(all))
                .containsExactly(B);
        assertThat(AccountSelection.parse("111111111111 444444444444", null).select(all))
                .containsExactly(A);
    }

    @Test
    void rejectsAnAccountListEntryThatIsNotAnAccountId() {
        assertThatThrownBy(() -> AccountSelection.parse("", "111111111111,prod"))
                .hasMessageContaining("ORG_EXCLUDE_ACCOUNTS")
                .hasMessageContaining("\"prod\"");
    }

    @Test
    void reportsWhichExpectedAccountsHaveNoResultYet() {
        assertThat(OrgSummary.missing(MANIFEST, Set.of("222222222222")))
                .containsExactly("111111111111", "333333333333");
        assertThat(OrgSummary.complete(
                        MANIFEST, Set.of("111111111111", "222222222222", "333333333333", "555555555555")))
                .isTrue();
    }

    @Test
    void summaryCountsEachAccountAndMakesFailedAndMissingAccountsCriticalAuditIncomplete() {
        AccountResult a = audited(A, 12, List.of(drift(A.id(), "ci")), 2);
        AccountResult b = AccountResult.failed("run-1", B, "assume-role", "AccessDenied (Request ID: 123)", 3);
        OrgSummary s = OrgSummary.aggregate(MANIFEST, List.of(a, b), T0.plusSeconds(90), OrgSummary.DEADLINE);

        assertThat(s.accounts())
                .extracting(OrgSummary.Row::status)
                .containsExactly(
                        OrgSummary.AccountStatus.AUDITED,
                        OrgSummary.AccountStatus.FAILED,
                        OrgSummary.AccountStatus.MISSING);
        assertThat(s.incomplete())
                .hasSize(2)
                .allMatch(f -> f.type() == FindingType.AUDIT_INCOMPLETE && f.severity() == Severity.CRITICAL);
        assertThat(s.incomplete()).extracting(f -> f.principal().name()).containsExactly(B.id(), C.id());
        assertThat(s.findings()).containsEntry(Severity.CRITICAL, 3).containsEntry(Severity.HIGH, 2);
        assertThat(s.accounts().get(1).error()).contains("assume-role").contains("3 attempts");
        assertThat(s.toJson())
                .contains("\"accountsAudited\" : 1")
                .contains("\"accountsFailed\" : 1")
                .contains("\"accountsMissing\" : 1")
                .contains("\"principalsAudited\" : 12");
        assertThat(s.toMarkdown()).contains("| 333333333333 | sandbox | MISSING |");
    }

    @Test
    void auditIncompleteFindingIdIsStableAcrossRunsWhoseErrorTextsDiffer() {
        AccountResult first = AccountResult.failed("run-1", B, "assume-role", "AccessDenied (Request ID: 1)", 3);
        AccountResult second = AccountResult.failed("run-1", B, "assume-role", "AccessDenied (Request ID: 2)", 3);
        Finding f1 = OrgSummary.aggregate(MANIFEST, List.of(first), T0, "x")
                .incomplete()
                .get(0);
        Finding f2 = OrgSummary.aggregate(MANIFEST, List.of(second), T0, "x")
                .incomplete()
                .get(0);
        assertThat(f1.id()).isEqualTo(f2.id());
        assertThat(AlertPlanner.evidenceHash(f1)).isEqualTo(AlertPlanner.evidenceHash(f2));
    }

    @Test
    void accountResultAndManifestSurviveTheirJson() {
        AccountResult a = audited(A, 3, List.of(drift(A.id(), "ci")), 1);
        assertThat(a.incidents()).hasSize(1);
        assertThat(AccountResult.fromJson(a.toJson(), "s3://b/a.json")).isEqualTo(a);
        String before = a.toJson().replaceAll(",\"incidents\":\\[.*\\]}$", "}");
        assertThat(before).doesNotContain("\"incidents\"");
        assertThat(AccountResult.fromJson(before, "s3://b/old.json").incidents())
                .as("a result written before incidents")
                .isEmpty();
        assertThat(RunManifest.fromJson(MANIFEST.toJson(), "s3://b/expected.json"))
                .isEqualTo(MANIFEST);
        assertThatThrownBy(() -> AccountResult.fromJson("{\"runId\": 1}", "s3://b/x.json"))
                .hasMessageContaining("s3://b/x.json");
    }

    @Test
    void costModelRunsMembersInWavesOfTheReservedConcurrency() {
        var measured = new OrgCostModel.Measured(1000, 100, 2.0, 0.5, 6, 2, 4, 1, 3.0);
        var e50 = OrgCostModel.estimate(measured, OrgCostModel.Assumptions.defaults(50, 1024));
        var e100 = OrgCostModel.estimate(measured, OrgCostModel.Assumptions.defaults(100, 1024));
        assertThat(e50.waves()).isEqualTo(20);
        assertThat(e100.waves()).isEqualTo(10);
        assertThat(e100.wallSeconds()).isLessThan(e50.wallSeconds());
        assertThat(e100.gbSeconds()).isGreaterThan(0).isLessThan(e50.gbSeconds() * 1.2);
        assertThat(e50.sqsRequests()).isEqualTo(100 + 2000 + 3);
        assertThat(OrgCostModel.render(measured, OrgCostModel.Assumptions.defaults(50, 1024), e50))
                .contains("1000 accounts x 100 deployers")
                .contains("cost per run $");
    }
}
