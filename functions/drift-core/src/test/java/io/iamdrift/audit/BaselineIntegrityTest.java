package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.audit.BaselineIntegrity.Seen;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineIntegrityTest {

    static final String ACCOUNT = "123456789012";
    static final String URI = "s3://drift/baselines/123456789012/ci.json";

    static String baseline(String action, String resource) {
        return "{\"schemaVersion\": 1, \"principals\": [{\"type\": \"user\", \"name\": \"ci-deployer\", \"inlinePolicies\": [{"
                + "\"name\": \"deploy\", \"document\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": \"" + action + "\", \"Resource\": \"" + resource + "\"}]}}]}]}";
    }

    static Seen seen(String version, String text) {
        return Seen.of(URI, version, text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Seen> memory(Seen... s) {
        return BaselineIntegrity.check(ACCOUNT, null, List.of(s), List.of()).remembered();
    }

    @Test
    void reportsNothingOnTheFirstRunAndRemembersWhatItRead() {
        Seen v1 = seen("v1", baseline("lambda:UpdateFunctionCode", "*"));
        BaselineIntegrity.Result r = BaselineIntegrity.check(ACCOUNT, null, List.of(v1), List.of());
        assertThat(r.findings()).isEmpty();
        assertThat(r.remembered()).containsEntry(URI, v1);
        assertThat(BaselineIntegrity.fromJson(BaselineIntegrity.toJson(r.remembered())))
                .isEqualTo(r.remembered());
    }

    @Test
    void reportsNothingWhenTheSameVersionIsReadAgain() {
        Seen v1 = seen("v1", baseline("lambda:UpdateFunctionCode", "*"));
        assertThat(BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(v1), List.of())
                        .findings())
                .isEmpty();
    }

    @Test
    void reportsANewVersionAsHighWithBothVersionIdsAndHowToFindTheWriter() {
        Seen v1 = seen("v1", baseline("lambda:UpdateFunctionCode", "*"));
        Seen v2 = seen(
                "v2", baseline("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:shop-*"));
        List<Finding> findings = BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(v2), List.of())
                .findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.BASELINE_CHANGED);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.evidence()).containsEntry("previousVersionId", "v1").containsEntry("versionId", "v2");
            assertThat(f.remediation().commands())
                    .anyMatch(c -> c.contains("list-object-versions"))
                    .anyMatch(c -> c.contains("--version-id v1"));
            assertThat(f.remediation().note()).contains("PutObject").contains("data events");
        });
    }

    @Test
    void reportsABaselineThatNowAllowsMoreAsCritical() {
        Seen v1 = seen(
                "v1", baseline("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:shop-*"));
        Seen v2 = seen("v2", baseline("*", "*"));
        List<Finding> findings = BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(v2), List.of())
                .findings();
        assertThat(findings)
                .extracting(Finding::type)
                .containsExactlyInAnyOrder(FindingType.BASELINE_CHANGED, FindingType.BASELINE_WIDENED);
        assertThat(findings)
                .filteredOn(f -> f.type() == FindingType.BASELINE_WIDENED)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.principal().name()).isEqualTo("ci-deployer");
                    assertThat(f.evidence()).containsEntry("verdict", "WIDENED");
                });
    }

    @Test
    void aWidenedGroupInTheGroupsSectionWidensTheBaselineOfItsMembers() {
        String member = baseline("lambda:UpdateFunctionCode", "*")
                .replace("\"name\": \"ci-deployer\",", "\"name\": \"ci-deployer\", \"groups\": [\"deployers\"],");
        String group =
                ", \"groups\": [{\"name\": \"deployers\", \"inlinePolicies\": [{\"name\": \"read\", \"document\": "
                        + "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"%s\", \"Resource\": \"*\"}]}}]}]}";
        Seen v1 = seen("v1", member.substring(0, member.length() - 1) + group.formatted("logs:GetLogEvents"));
        Seen v2 = seen("v2", member.substring(0, member.length() - 1) + group.formatted("*"));

        List<Finding> findings = BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(v2), List.of())
                .findings();

        assertThat(findings)
                .filteredOn(f -> f.type() == FindingType.BASELINE_WIDENED)
                .singleElement()
                .satisfies(f -> assertThat(f.principal().name()).isEqualTo("ci-deployer"));
    }

    @Test
    void reportsAnAddedAndARemovedObjectAndAnAddedPrincipalAsWidened() {
        Seen v1 = seen("v1", baseline("lambda:UpdateFunctionCode", "*"));
        Seen other = Seen.of(
                "s3://drift/baselines/123456789012/new.json",
                "n1",
                baseline("iam:*", "*").replace("ci-deployer", "sneaky").getBytes(StandardCharsets.UTF_8));
        List<Finding> findings = BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(other), List.of())
                .findings();
        assertThat(findings)
                .extracting(f -> f.type() + " " + f.title())
                .anyMatch(t -> t.startsWith("BASELINE_CHANGED") && t.contains("new.json was added"))
                .anyMatch(t -> t.startsWith("BASELINE_CHANGED") && t.contains("ci.json was removed"))
                .anyMatch(t -> t.startsWith("BASELINE_WIDENED") && t.contains("sneaky"));
    }

    @Test
    void keepsTheMemoryOfAnObjectThatCouldNotBeReadThisTime() {
        Seen v1 = seen("v1", baseline("lambda:UpdateFunctionCode", "*"));
        BaselineIntegrity.Result r = BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(), List.of(URI));
        assertThat(r.findings()).isEmpty();
        assertThat(r.remembered()).containsEntry(URI, v1);
    }

    @Test
    void narrowingIsAChangeButNotWidened() {
        Seen v1 = seen("v1", baseline("lambda:*", "*"));
        Seen v2 = seen("v2", baseline("lambda:UpdateFunctionCode", "*"));
        assertThat(BaselineIntegrity.check(ACCOUNT, memory(v1), List.of(v2), List.of())
                        .findings())
                .extracting(Finding::type)
                .containsExactly(FindingType.BASELINE_CHANGED);
    }

    @Test
    void rejectsAnUnreadableMemoryWithAClearMessage() {
        assertThatThrownBy(() -> BaselineIntegrity.fromJson("{\"objects\": 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remembered baseline state is not readable");
    }
}
