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

class TextRendererTest {

    private final String text = TextRenderer.renderPlain(ReportFixtures.sample());

    @Test
    void startsWithAHeaderOfAccountEnvironmentPrincipalsAndCounts() {
        assertThat(text).startsWith("""
                IAM drift audit: account 123456789012 (prod), 2 principals audited
                Findings: CRITICAL 1, HIGH 1, MEDIUM 1, LOW 0, INFO 1
                Required actions: 120 checked, 118 allowed (98.3%)
                Run: run-2025-01-31T10-00-00Z-7f3e from 2025-01-31T10:00:00Z to 2025-01-31T10:00:04.250Z
                """);
    }

    @Test
    void showsEachFindingWithDetailFixCommandsAndNote() {
        assertThat(text).contains("""
                CRITICAL (1)
                [CRITICAL] user/ci-deployer-prod  POLICY_DRIFT  inline:deploy \u2014 Inline policy deploy now allows iam:CreateUser on *
                  The policy allows actions the baseline does not.
                  A deploy could create new users.
                  $ aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy --policy-document file://deploy.json
                  Note: Update the baseline if this change was intended.
                """);
    }

    @Test
    void groupsFindingsMostSevereFirst() {
        assertThat(text.indexOf("CRITICAL (1)")).isLessThan(text.indexOf("HIGH (1)"));
        assertThat(text.indexOf("HIGH (1)")).isLessThan(text.indexOf("MEDIUM (1)"));
        assertThat(text.indexOf("MEDIUM (1)")).isLessThan(text.indexOf("INFO (1)"));
        assertThat(text).doesNotContain("LOW (");
    }

    @Test
    void sortsFindingsThatArriveOutOfOrder() {
        String out = TextRenderer.renderPlain(ReportFixtures.report(
                List.of(ReportFixtures.equivalent(), ReportFixtures.wildcard(), ReportFixtures.policyDrift())));

        assertThat(out.indexOf("[CRITICAL]")).isLessThan(out.indexOf("[MEDIUM]"));
        assertThat(out.indexOf("[MEDIUM]")).isLessThan(out.indexOf("[INFO]"));
    }

    @Test
    void summarisesInfoFindingsOnOneLine() {
        assertThat(text).contains("""
                INFO (1)
                [INFO] user/ci-deployer-prod  POLICY_DRIFT  inline:tags \u2014 Inline policy tags was rewritten without changing what it allows

                Unaudited principals (1)
                """);
        assertThat(text).doesNotContain("Only statement order and Sids differ.");
    }

    @Test
    void listsUnauditedPrincipalsLast() {
        assertThat(text).endsWith("""
                Unaudited principals (1)
                  role/legacy-deployer: AccessDenied on GetRole after 5 attempts
                """);
    }

    @Test
    void masksAccessKeyIdsInTitlesDetailsAndCommands() {
        assertThat(text).doesNotContain(ACCESS_KEY);
        assertThat(text)
                .contains(
                        "[HIGH] user/ci-deployer-prod  ACCESS_KEY_STALE \u2014 Access key ****************MPLE is 412 days old");
        assertThat(text)
                .contains(
                        "  $ aws iam update-access-key --user-name ci-deployer-prod --access-key-id ****************MPLE --status Inactive");
    }

    @Test
    void usesNoAnsiColoursUnlessAsked() {
        assertThat(text).doesNotContain("\u001b[");

        String colored = new TextRenderer(true).render(ReportFixtures.sample());

        assertThat(colored).contains("\u001b[31;1m[CRITICAL]\u001b[0m user/ci-deployer-prod");
    }

    @Test
    void stripsControlCharactersAHostileValueCouldUseToDriveTheTerminal() {
        Finding hostile = new Finding(
                "id",
                FindingType.UNEXPECTED_POLICY,
                Severity.HIGH,
                ReportFixtures.PROD_USER,
                "inline:evil\u001b[2J",
                "Title\u001b]0;owned\u0007 here",
                "detail",
                Map.of(),
                Remediation.of(null));

        String out = TextRenderer.renderPlain(ReportFixtures.report(List.of(hostile)));

        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").contains("inline:evil[2J");
    }

    @Test
    void saysSoWhenThereAreNoFindings() {
        assertThat(TextRenderer.renderPlain(ReportFixtures.report(List.of()))).contains("\nNo findings.\n");
    }
}
