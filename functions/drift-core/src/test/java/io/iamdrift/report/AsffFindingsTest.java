package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ASFF findings and their Security Hub lifecycle, validated against the ASFF schema generated from the Security Hub
 * API model (test resource asff/, see its README) and the limits the ASFF page documents.
 */
class AsffFindingsTest {

    static JsonSchema asff;
    static final AsffFindings.Target TARGET = new AsffFindings.Target("eu-west-1", "aws");
    static final Instant T1 = Instant.parse("2025-01-31T10:00:05Z");
    static final Instant T2 = Instant.parse("2025-01-31T11:00:05Z");

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = AsffFindingsTest.class.getResourceAsStream("/asff/asff-finding.schema.json")) {
            asff = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    static void assertValidAsff(ObjectNode n) {
        assertThat(asff.validate(n)).as(n.toPrettyString()).isEmpty();
        assertThat(n.get("Title").asText()).hasSizeLessThanOrEqualTo(256);
        assertThat(n.get("Description").asText()).hasSizeLessThanOrEqualTo(1024);
        assertThat(n.get("Id").asText()).hasSizeLessThanOrEqualTo(512);
        assertThat(n.at("/Remediation/Recommendation/Text").asText()).hasSizeLessThanOrEqualTo(512);
        String[] type = n.get("Types").get(0).asText().split("/");
        assertThat(type).hasSizeGreaterThanOrEqualTo(2);
        assertThat(type[0])
                .isIn(
                        "Software and Configuration Checks",
                        "TTPs",
                        "Effects",
                        "Unusual Behaviors",
                        "Sensitive Data Identifications");
    }

    static String idOfIncidentWith(Report report, String findingId) {
        return report.incidents().stream()
                .filter(i -> i.findings().contains(findingId))
                .map(i -> AsffFindings.id(report.accountId(), i))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void exportsOneValidAsffFindingPerCriticalOrHighIncident() {
        Report sample = ReportFixtures.sample();
        long highIncidents = sample.incidents().stream()
                .filter(i -> i.severity().atLeast(Severity.HIGH))
                .count();
        AsffFindings.Plan plan = AsffFindings.plan(sample, TARGET, Map.of(), true, T1);
        assertThat(highIncidents).isEqualTo(2);
        assertThat(plan.findings()).hasSize(2);
        assertThat(plan.active()).isEqualTo(2);
        plan.findings().forEach(AsffFindingsTest::assertValidAsff);
        ObjectNode drift = plan.findings().get(0);
        assertThat(drift.get("ProductArn").asText())
                .isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
        assertThat(drift.get("Id").asText()).isEqualTo(idOfIncidentWith(sample, "a1b2c3d4e5f6a7b8c9d0"));
        assertThat(drift.at("/ProductFields/iam-drift-auditor~1findingIds").asText())
                .contains("a1b2c3d4e5f6a7b8c9d0");
        assertThat(drift.get("Description").asText()).contains("Inline policy deploy now allows iam:CreateUser on *");
        assertThat(drift.at("/Severity/Label").asText()).isEqualTo("CRITICAL");
        assertThat(drift.at("/Resources/0/Type").asText()).isEqualTo("AwsIamUser");
        assertThat(drift.at("/Resources/0/Id").asText()).isEqualTo("arn:aws:iam::123456789012:user/ci-deployer-prod");
        assertThat(drift.get("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(plan.findings().get(1).toString())
                .as("access keys are masked")
                .doesNotContain(ACCESS_KEY);
    }

    @Test
    void aFindingSeenAgainKeepsItsCreationTimeAndOneNoLongerReportedIsArchived() {
        AsffFindings.Plan first = AsffFindings.plan(ReportFixtures.sample(), TARGET, Map.of(), true, T1);
        Report later = ReportFixtures.report(List.of(ReportFixtures.policyDrift(), ReportFixtures.wildcard()));
        AsffFindings.Plan second = AsffFindings.plan(
                later, TARGET, AsffFindings.readState(AsffFindings.stateJson(first.state())), true, T2);
        assertThat(second.active()).isEqualTo(1);
        assertThat(second.archived()).isEqualTo(1);
        ObjectNode updated = second.findings().get(0);
        assertThat(updated.get("CreatedAt").asText()).isEqualTo("2025-01-31T10:00:05Z");
        assertThat(updated.get("UpdatedAt").asText()).isEqualTo("2025-01-31T11:00:05Z");
        ObjectNode archived = second.findings().get(1);
        assertThat(archived.get("RecordState").asText()).isEqualTo("ARCHIVED");
        assertThat(archived.get("Id").asText())
                .isEqualTo(idOfIncidentWith(ReportFixtures.sample(), "00112233445566778899"));
        assertValidAsff(archived);
        assertThat(second.state()).hasSize(1).containsKey(idOfIncidentWith(later, "a1b2c3d4e5f6a7b8c9d0"));
        AsffFindings.Plan third = AsffFindings.plan(later, TARGET, second.state(), true, T2.plusSeconds(3600));
        assertThat(third.archived()).as("archived once").isZero();
    }

    @Test
    void aScopedRunArchivesNothing() {
        AsffFindings.Plan first = AsffFindings.plan(ReportFixtures.sample(), TARGET, Map.of(), true, T1);
        AsffFindings.Plan scoped =
                AsffFindings.plan(ReportFixtures.report(List.of()), TARGET, first.state(), false, T2);
        assertThat(scoped.findings()).isEmpty();
        assertThat(scoped.state()).isEqualTo(first.state());
    }

    @Test
    void longTextsAreCutToTheAsffLimitsAndAccountIncidentsNameTheAccount() {
        String longText = "x".repeat(3000);
        Finding f = new Finding(
                "0123456789abcdef0123",
                FindingType.AUDIT_INCOMPLETE,
                Severity.CRITICAL,
                io.iamdrift.finding.PrincipalRef.account("123456789012"),
                null,
                longText,
                longText,
                Map.of(),
                Remediation.of(longText, "aws iam get-account-authorization-details"));
        ObjectNode n = AsffFindings.plan(ReportFixtures.report(List.of(f)), TARGET, Map.of(), true, T1)
                .findings()
                .get(0);
        assertValidAsff(n);
        assertThat(n.at("/Resources/0/Type").asText()).isEqualTo("AwsAccount");
        assertThat(n.at("/Resources/0/Id").asText()).isEqualTo("AWS::::Account:123456789012");
    }

    @Test
    void theSchemaRejectsAFindingWithoutItsRequiredMembersOrWithAWrongRecordState() {
        ObjectNode n = AsffFindings.plan(ReportFixtures.sample(), TARGET, Map.of(), true, T1)
                .findings()
                .get(0);
        n.remove("ProductArn");
        n.put("RecordState", "OPEN");
        assertThat(asff.validate(n)).hasSizeGreaterThanOrEqualTo(2);
    }
}
