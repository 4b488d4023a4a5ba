package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

    private static final String URI = "s3://drift-reports/reports/123456789012/2025/01/31/run-7f3e.json";

    private static Report reportIn(String environment) {
        return new Report(
                1,
                "run-7f3e",
                "123456789012",
                environment,
                Instant.parse("2025-01-31T10:00:00Z"),
                Instant.parse("2025-01-31T10:00:04Z"),
                new Report.Summary(1, Report.countBySeverity(List.of()), new Report.RequiredActions(0, 0)),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void subjectNamesHighestSeverityCountAccountAndEnvironment() {
        AlertMessage m = AlertMessage.build(
                reportIn("prod"), List.of(ReportFixtures.staleKey(), ReportFixtures.policyDrift()), URI);

        assertThat(m.subject()).isEqualTo("IAM drift CRITICAL: 2 new incidents in 123456789012 (prod)");
    }

    @Test
    void subjectUsesTheSingularForOneFinding() {
        AlertMessage m = AlertMessage.build(reportIn("prod"), List.of(ReportFixtures.staleKey()), URI);

        assertThat(m.subject()).isEqualTo("IAM drift HIGH: 1 new incident in 123456789012 (prod)");
    }

    @Test
    void subjectStaysShortAndAsciiWithALongUnicodeEnvironmentName() {
        String env = "producción-東京-\u00e9quipe-plateforme\u2014d\u00e9ploiement 🚀 \n" + "x".repeat(300);

        AlertMessage m = AlertMessage.build(reportIn(env), List.of(ReportFixtures.policyDrift()), URI);

        assertThat(m.subject().length()).isLessThanOrEqualTo(100).isLessThan(100);
        assertThat(m.subject()).matches("[\\x20-\\x7e]+");
        assertThat(m.subject())
                .startsWith("IAM drift CRITICAL: 1 new incident in 123456789012 (produccion-??-equipe-plateforme");
        assertThat(m.subject()).endsWith("...)");
    }

    @Test
    void subjectDropsAccentsAndReplacesOtherNonAscii() {
        assertThat(AlertMessage.ascii("pr\u00e9-prod \u6771\u4eac\t\u0000x")).isEqualTo("pre-prod ?? x");
    }

    @Test
    void attributesCarrySeverityAccountAndCount() {
        AlertMessage m = AlertMessage.build(
                reportIn("prod"), List.of(ReportFixtures.wildcard(), ReportFixtures.staleKey()), URI);

        assertThat(m.attributes())
                .containsExactly(
                        Map.entry("severity", "HIGH"),
                        Map.entry("accountId", "123456789012"),
                        Map.entry("findingCount", "2"),
                        Map.entry("incidentCount", "2"));
    }

    @Test
    void bodyTellsWhoWhatWhyAndHowToFixThenWhereTheReportIs() {
        AlertMessage m = AlertMessage.build(reportIn("prod"), List.of(ReportFixtures.policyDrift()), URI);

        assertThat(m.body()).contains("""
                NEW (1)

                1. [CRITICAL] Inline policy deploy on ci-deployer-prod edited (WIDENED)
                   + iam:CreateUser on every resource
                   Fix:
                     $ aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy --policy-document file://deploy.json
                """);
        assertThat(m.body()).contains("Full report: " + URI + "\n");
        assertThat(m.body().indexOf("NEW (1)")).isLessThan(m.body().indexOf("Full report: "));
        assertThat(m.body())
                .doesNotContain("more:")
                .doesNotContain("STILL OPEN")
                .doesNotContain("RESOLVED");
    }

    @Test
    void bodyListsTheMostSevereFindingsFirst() {
        AlertMessage m = AlertMessage.build(
                reportIn("prod"),
                List.of(ReportFixtures.wildcard(), ReportFixtures.policyDrift(), ReportFixtures.staleKey()),
                URI);

        assertThat(m.body()).contains("1. [CRITICAL]", "2. [HIGH]", "3. [MEDIUM]");
    }

    @Test
    void bodyMasksAccessKeyIds() {
        AlertMessage m = AlertMessage.build(reportIn("prod"), List.of(ReportFixtures.staleKey()), URI);

        assertThat(m.body())
                .doesNotContain(ACCESS_KEY)
                .contains("--access-key-id ****************MPLE --status Inactive")
                .contains("[HIGH] Access key ****************MPLE is 412 days old");
    }

    @Test
    void aHugeRunIsCutAtTheEmailBudgetAfterTheMostSevereIncidentsWithAPointerToTheReport() {
        List<Finding> many = new ArrayList<>();
        String big = "The policy now allows s3:PutObject on arn:aws:s3:::bucket-\u00e9t\u00e9/* and more. ".repeat(20);
        for (int i = 0; i < 5_000; i++) {
            PrincipalRef p = PrincipalRef.user("ci-deployer-" + i, "arn:aws:iam::123456789012:user/ci-deployer-" + i);
            many.add(new Finding(
                    String.format("%020d", i),
                    FindingType.POLICY_DRIFT,
                    i < 4_000 ? Severity.HIGH : Severity.CRITICAL,
                    p,
                    "inline:deploy",
                    "Inline policy deploy widened",
                    big,
                    Map.of("n", i),
                    Remediation.of(
                            "Update the baseline if intended.",
                            "aws iam put-user-policy --user-name ci-deployer-" + i
                                    + " --policy-name deploy --policy-document file://deploy.json")));
        }

        AlertMessage m = AlertMessage.build(reportIn("prod"), many, URI);

        int bytes = m.body().getBytes(StandardCharsets.UTF_8).length
                + m.attributes().entrySet().stream()
                        .mapToInt(e -> e.getKey().length()
                                + "String".length()
                                + e.getValue().length())
                        .sum();
        assertThat(bytes)
                .isEqualTo(m.sizeInBytes())
                .isLessThanOrEqualTo(AlertMessage.MAX_EMAIL_BYTES)
                .isLessThanOrEqualTo(48 * 1024);
        Matcher more = Pattern.compile(
                        "\n\\.\\.\\. (\\d+) more incidents: see the report at " + Pattern.quote(URI) + "\n")
                .matcher(m.body());
        assertThat(more.find()).as(m.body()).isTrue();
        List<String> included = m.body()
                .lines()
                .filter(l -> l.matches("\\d+\\. \\[[A-Z]+] Inline policy deploy on .*"))
                .toList();
        assertThat(included).hasSizeGreaterThan(10).allMatch(l -> l.contains("[CRITICAL]"));
        assertThat(included.size() + Integer.parseInt(more.group(1)))
                .as("every incident is shown or counted")
                .isEqualTo(5_000);
        assertThat(m.body())
                .endsWith("Full report: " + URI + "\n"
                        + "You receive this because you subscribed to the IAM drift auditor's alert topic.\n");
        assertThat(m.attributes()).containsEntry("findingCount", "5000");
        // the cut falls near the budget, not far below it
        assertThat(bytes).isGreaterThan(AlertMessage.MAX_EMAIL_BYTES - 3_000);
    }

    @Test
    void cutsASingleHugeFindingInsteadOfDroppingEverything() {
        Finding huge = new Finding(
                "id",
                FindingType.POLICY_DRIFT,
                Severity.CRITICAL,
                ReportFixtures.PROD_USER,
                "inline:deploy",
                "Huge",
                "\u6771".repeat(400_000),
                Map.of(),
                Remediation.of(null));

        AlertMessage m = AlertMessage.build(reportIn("prod"), List.of(huge, ReportFixtures.staleKey()), URI);

        assertThat(m.sizeInBytes()).isLessThanOrEqualTo(AlertMessage.MAX_EMAIL_BYTES);
        assertThat(m.body())
                .contains("[cut: this entry is too long for an email; see the report]", "2. [HIGH] Access key")
                .doesNotContain("\uFFFD");
    }

    @Test
    void resolutionsAloneMakeAShortResolvedMessage() {
        AlertMessage m = AlertMessage.build(
                reportIn("prod"),
                new AlertMessage.Sections(
                        List.of(),
                        List.of(),
                        List.of(new AlertMessage.Resolved(
                                "inc-1",
                                Severity.CRITICAL,
                                "AdministratorAccess attached to ci",
                                Instant.parse("2025-01-30T10:00:00Z"),
                                null))),
                List.of(),
                URI);

        assertThat(m.subject()).isEqualTo("IAM drift RESOLVED: 1 incident resolved in 123456789012 (prod)");
        assertThat(m.body())
                .contains("RESOLVED SINCE THE LAST ALERT (1)\n"
                        + "  [CRITICAL] AdministratorAccess attached to ci (inc-1, open since 2025-01-30T10:00:00Z)\n");
        assertThat(m.attributes()).containsEntry("incidentCount", "0");
    }

    @Test
    void theAccountAndOrganizationAlertsFoldToAsciiAlike() {
        assertThat(SnsBody.subject("IAM drift", "pr\u00e9-prod")).isEqualTo("IAM drift (pre-prod)");
    }

    @Test
    void refusesToBuildAnEmptyAlert() {
        assertThatThrownBy(() -> AlertMessage.build(reportIn("prod"), List.of(), URI))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
