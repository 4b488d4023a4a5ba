package io.iamdrift.report;

import static io.iamdrift.report.ReportFixtures.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void writesTheContractShapeInAStableKeyOrder() {
        Report report = ReportFixtures.report(List.of(ReportFixtures.policyDrift()));

        String json = ReportJson.write(report, false);

        assertThat(json).isEqualTo("""
                {"schemaVersion":1,"runId":"run-2025-01-31T10-00-00Z-7f3e","accountId":"123456789012",\
                "environment":"prod","startedAt":"2025-01-31T10:00:00Z","finishedAt":"2025-01-31T10:00:04.250Z",\
                "summary":{"principalsAudited":2,"findings":{"CRITICAL":1,"HIGH":0,"MEDIUM":0,"LOW":0,"INFO":0},\
                "requiredActions":{"checked":120,"allowed":118}},\
                "incidents":[{"id":"inc-85f7b823bde15f54","severity":"CRITICAL",\
                "title":"Inline policy deploy on ci-deployer-prod edited (WIDENED)","principals":["ci-deployer-prod"],\
                "findings":["a1b2c3d4e5f6a7b8c9d0"],"change":{"kind":"INLINE_POLICY_EDITED","object":"inline:deploy",\
                "grants":["+ iam:CreateUser on every resource"],"consequences":[],"detail":null},"actor":null,\
                "fix":["aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy \
                --policy-document file://deploy.json"]}],\
                "findings":[{"id":"a1b2c3d4e5f6a7b8c9d0","type":"POLICY_DRIFT","severity":"CRITICAL",\
                "principal":{"type":"user","name":"ci-deployer-prod","arn":"arn:aws:iam::123456789012:user/ci-deployer-prod"},\
                "policy":"inline:deploy","title":"Inline policy deploy now allows iam:CreateUser on *",\
                "detail":"The policy allows actions the baseline does not.\\nA deploy could create new users.",\
                "evidence":{"verdict":"WIDENED","added":[{"actions":["iam:CreateUser"],"resources":["*"]}],\
                "statementCount":3,"inBaseline":false},\
                "remediation":{"commands":["aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy \
                --policy-document file://deploy.json"],"note":"Update the baseline if this change was intended."},\
                "incidentId":"inc-85f7b823bde15f54"}],\
                "unaudited":[{"principal":{"type":"role","name":"legacy-deployer","arn":null},\
                "reason":"AccessDenied on GetRole after 5 attempts"}],\
                "principals":[{"principal":{"type":"user","name":"ci-deployer-prod",\
                "arn":"arn:aws:iam::123456789012:user/ci-deployer-prod"},"environment":"prod","source":"baseline",\
                "managedPolicies":["arn:aws:iam::123456789012:policy/CIDeployCore","arn:aws:iam::aws:policy/ReadOnlyAccess"],\
                "inlinePolicies":["deploy","tags"],"groups":["deployers"],\
                "permissionsBoundary":"arn:aws:iam::123456789012:policy/DeployerBoundary"},\
                {"principal":{"type":"role","name":"deployer","arn":"arn:aws:iam::123456789012:role/deployer"},\
                "environment":"prod","source":"discovery","managedPolicies":[],"inlinePolicies":[],"groups":[],\
                "permissionsBoundary":null}],"reachability":{"admin":{},"deployers":{}}}""");
    }

    @Test
    void prettyOutputIndentsByTwoSpacesAndEndsWithANewline() {
        String json = ReportJson.write(ReportFixtures.sample(), true);

        assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"runId\": ");
        assertThat(json)
                .contains(
                        "\n  \"summary\": {\n    \"principalsAudited\": 2,\n    \"findings\": {\n"
                                + "      \"CRITICAL\": 1,\n      \"HIGH\": 1,\n      \"MEDIUM\": 1,\n      \"LOW\": 0,\n      \"INFO\": 1\n");
        assertThat(json).contains("\"managedPolicies\": [],");
        assertThat(json).endsWith("}\n");
    }

    @Test
    void findingsRenderedInParallelBatchesKeepTheirOrderAndTheIndentationOfTheWholeTree() {
        Finding drift = ReportFixtures.policyDrift();
        List<Finding> findings = java.util.stream.IntStream.range(0, 1_100)
                .mapToObj(i -> new Finding(
                        "f%05d".formatted(i),
                        drift.type(),
                        drift.severity(),
                        drift.principal(),
                        drift.policy(),
                        drift.title(),
                        drift.detail(),
                        drift.evidence(),
                        drift.remediation()))
                .toList();
        Report report = ReportFixtures.report(findings);

        String pretty = ReportJson.write(report, true);

        assertThat(pretty).isEqualTo(ReportJson.serialize(ReportJson.parse(pretty), true));
        assertThat(ReportJson.read(pretty).findings())
                .extracting(Finding::id)
                .containsExactlyElementsOf(findings.stream().map(Finding::id).toList());
    }

    @Test
    void readsBackWhatItWrote() {
        Report report = ReportFixtures.sample();

        Report back = ReportJson.read(ReportJson.write(report));

        assertThat(back).isEqualTo(report);
        assertThat(ReportJson.write(back)).isEqualTo(ReportJson.write(report));
    }

    @Test
    void roundTripsAReportWithNoFindingsAndNullTimes() {
        Report empty = new Report(
                1,
                null,
                "123456789012",
                null,
                null,
                null,
                new Report.Summary(0, Report.countBySeverity(List.of()), new Report.RequiredActions(0, 0)),
                List.of(),
                List.of(),
                List.of());

        assertThat(ReportJson.read(ReportJson.write(empty, false))).isEqualTo(empty);
    }

    @Test
    void redactedFormMasksAccessKeyIdsButTheSourceOfTruthKeepsThem() {
        Report report = ReportFixtures.report(List.of(ReportFixtures.staleKey()));

        assertThat(ReportJson.write(report, false)).contains(ACCESS_KEY);
        String redacted = ReportJson.writeRedacted(report, false);
        assertThat(redacted).doesNotContain(ACCESS_KEY).contains("****************MPLE");
    }

    @Test
    void acceptsOffsetTimesAndMissingOptionalSections() {
        Report r = ReportJson.read("""
                {"schemaVersion":1,"accountId":"123456789012","startedAt":"2025-01-31T12:00:00+02:00",
                 "findings":[{"id":"x","type":"MISSING_SID","severity":"LOW",
                              "principal":{"type":"user","name":"u"}}]}""");

        assertThat(r.startedAt()).hasToString("2025-01-31T10:00:00Z");
        assertThat(r.summary().findings()).containsEntry(Severity.LOW, 1);
        Finding f = r.findings().get(0);
        assertThat(f.evidence()).isEmpty();
        assertThat(f.remediation()).isNull();
        assertThat(r.unaudited()).isEmpty();
    }

    @Test
    void namesThePointerOfAMalformedField() {
        String json = ReportJson.write(ReportFixtures.sample(), false)
                .replace("\"severity\":\"HIGH\"", "\"severity\":\"SEVERE\"");

        assertThatThrownBy(() -> ReportJson.read(json))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("/findings/1/severity: unknown Severity \"SEVERE\"")
                .extracting(e -> ((ReportFormatException) e).pointer())
                .isEqualTo("/findings/1/severity");
    }

    @Test
    void namesTheLineAndColumnOfASyntaxError() {
        assertThatThrownBy(() -> ReportJson.read("{\n  \"schemaVersion\": 1,\n  \"findings\": [\n}"))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("not valid JSON at line 4, column");
    }

    @Test
    void refusesAnUnknownSchemaVersion() {
        assertThatThrownBy(() -> ReportJson.read("{\"schemaVersion\":2}"))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("/schemaVersion: unsupported schemaVersion 2");
    }

    @Test
    void findingJsonRoundTripsOneFinding() {
        Finding f = ReportFixtures.staleKey();

        assertThat(FindingJson.read(FindingJson.write(f))).isEqualTo(f);
    }

    @Test
    void evidenceDigestIgnoresKeyOrderButSeesChangedValues() {
        Finding f = ReportFixtures.staleKey();
        java.util.Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("limitDays", 90);
        reordered.put("ageDays", 412);
        reordered.put("accessKeyId", ACCESS_KEY);
        Finding sameEvidence = new Finding(
                f.id(),
                f.type(),
                f.severity(),
                f.principal(),
                f.policy(),
                f.title(),
                f.detail(),
                reordered,
                f.remediation());

        assertThat(FindingJson.evidenceDigest(sameEvidence))
                .isEqualTo(FindingJson.evidenceDigest(f))
                .hasSize(32);
        assertThat(FindingJson.evidenceDigest(f.withEvidence("ageDays", 413)))
                .isNotEqualTo(FindingJson.evidenceDigest(f));
    }
}
