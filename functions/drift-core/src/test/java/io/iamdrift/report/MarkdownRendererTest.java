package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final String md = MarkdownRenderer.render(ReportFixtures.sample());

    @Test
    void followsTheAuditProcedureLayout() {
        assertThat(md).startsWith("## IAM Permissions Audit Report\n");
        List<String> headings = md.lines().filter(l -> l.startsWith("### ")).toList();
        assertThat(headings)
                .containsExactly(
                        "### Incidents",
                        "### IAM Users Inventory",
                        "### Critical Issues",
                        "### Findings by severity",
                        "### Coverage Summary",
                        "### Unaudited");
    }

    @Test
    void putsIncidentsFirstWithTheirGrantDiffAndFixCommands() {
        assertThat(md).contains("""
                ### Incidents

                1. **[CRITICAL] Inline policy deploy on ci-deployer-prod edited (WIDENED)**""");
        assertThat(md).contains("""
                   ```diff
                   + iam:CreateUser on every resource
                   ```
                """);
        assertThat(md.indexOf("### Incidents")).isLessThan(md.indexOf("### Critical Issues"));
    }

    @Test
    void showsRunMetadata() {
        assertThat(md)
                .contains(
                        "| **Account** | 123456789012 |\n",
                        "| **Environment** | prod |\n",
                        "| **Principals audited** | 2 |\n",
                        "| **Findings** | CRITICAL 1, HIGH 1, MEDIUM 1, LOW 0, INFO 1 |\n");
    }

    @Test
    void tabulatesTheInventory() {
        assertThat(md).contains("""
                | Environment | Principal | Source | Managed policies | Inline | Groups | Boundary |
                |---|---|---|---|---|---|---|
                | prod | user/ci-deployer-prod | baseline | CIDeployCore<br>ReadOnlyAccess (AWS managed) | deploy<br>tags | deployers | DeployerBoundary |
                | prod | role/deployer | discovery | \u2014 | \u2014 | \u2014 | \u2014 |
                """);
    }

    @Test
    void numbersTheCriticalIssues() {
        assertThat(md).contains("""
                ### Critical Issues

                1. [CRITICAL] user/ci-deployer-prod POLICY_DRIFT (inline:deploy): Inline policy deploy now allows iam:CreateUser on \\*
                """);
    }

    @Test
    void tabulatesEachSeverityAndGivesTheFixInABashBlock() {
        assertThat(md).contains("""
                #### HIGH (1)

                | Principal | Type | Policy | Title |
                |---|---|---|---|
                | user/ci-deployer-prod | ACCESS_KEY_STALE | \u2014 | Access key \\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*MPLE is 412 days old |
                """);
        assertThat(md).contains("""
                ```bash
                aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy --policy-document file://deploy.json
                ```
                """);
        assertThat(md).contains("> **Note:** Update the baseline if this change was intended.\n");
        assertThat(md.indexOf("#### CRITICAL")).isLessThan(md.indexOf("#### HIGH"));
        assertThat(md.indexOf("#### MEDIUM")).isLessThan(md.indexOf("#### INFO"));
    }

    @Test
    void summarisesCoverage() {
        assertThat(md).contains("""
                ### Coverage Summary

                - Required IAM actions checked: 120
                - Allowed by current policies: 118
                - Missing actions: 2
                - Coverage: 118/120 (98.3%)
                """);
    }

    @Test
    void listsUnauditedPrincipals() {
        assertThat(md).endsWith("""
                ### Unaudited

                | Principal | Reason |
                |---|---|
                | role/legacy-deployer | AccessDenied on GetRole after 5 attempts |
                """);
    }

    @Test
    void escapesPipesNewlinesAndHtmlInTableCells() {
        Finding f = new Finding(
                "id",
                FindingType.UNEXPECTED_POLICY,
                Severity.HIGH,
                ReportFixtures.PROD_USER,
                "inline:a|b",
                "Two\nlines | and <script>",
                "d",
                Map.of(),
                Remediation.of(null));

        String out = MarkdownRenderer.render(ReportFixtures.report(List.of(f)));

        assertThat(out)
                .contains(
                        "| user/ci-deployer-prod | UNEXPECTED_POLICY | inline:a\\|b | Two<br>lines \\| and &lt;script&gt; |\n");
        assertThat(MarkdownRenderer.cell("a|b\r\nc")).isEqualTo("a\\|b<br>c");
    }

    @Test
    void masksAccessKeyIdsEverywhere() {
        assertThat(md).doesNotContain(ACCESS_KEY);
        assertThat(md).contains("--access-key-id ****************MPLE --status Inactive");
    }

    @Test
    void usesALongerFenceWhenACommandContainsBackticks() {
        Finding f = new Finding(
                "id",
                FindingType.POLICY_DRIFT,
                Severity.HIGH,
                ReportFixtures.PROD_USER,
                null,
                "t",
                null,
                Map.of(),
                Remediation.of(null, "echo ```nested```"));

        assertThat(MarkdownRenderer.render(ReportFixtures.report(List.of(f))))
                .contains("````bash\necho ```nested```\n````\n");
    }

    @Test
    void reportsCoverageAsNotApplicableWhenNothingWasChecked() {
        Report r = new Report(
                1,
                "r",
                "1",
                "dev",
                null,
                null,
                new Report.Summary(0, Report.countBySeverity(List.of()), new Report.RequiredActions(0, 0)),
                List.of(),
                List.of(),
                List.of());

        String out = MarkdownRenderer.render(r);

        assertThat(out)
                .contains(
                        "- Coverage: 0/0 (n/a)",
                        "### Critical Issues\n\nNone.\n",
                        "All principals were audited in full.");
    }
}
