package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.AsffFindings;
import io.iamdrift.report.Report;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The Security Hub export against moto_server's BatchImportFindings and GetFindings (moto keeps what is imported
 * and updates a finding imported again with the same Id; it does not check the caller's product or account): new
 * findings are imported, a finding seen again is updated with its first CreatedAt, one no longer reported is
 * archived, and the export state in S3 carries this from run to run.
 */
@ExtendWith(MotoServer.class)
class SecurityHubExportIT {

    static final String BUCKET = "securityhub-export-it";
    static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    static final PrincipalRef USER = PrincipalRef.user("ci-deployer", "arn:aws:iam::" + ACCOUNT + ":user/ci-deployer");
    static final PrincipalRef OTHER =
            PrincipalRef.user("old-deployer", "arn:aws:iam::" + ACCOUNT + ":user/old-deployer");
    static AwsClients aws;
    static SecurityHubExport export;

    @BeforeAll
    static void setUp(MotoServer.Endpoint moto) {
        aws = moto.clients();
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        export = new SecurityHubExport(
                aws.securityHub(),
                new S3AlertStateStore(aws.s3(), BUCKET, "state/", "securityhub.json"),
                new AsffFindings.Target(MotoServer.REGION.id(), "aws"));
    }

    @AfterAll
    static void tearDown() {
        aws.close();
    }

    static Finding finding(String id, FindingType type, Severity severity, PrincipalRef who) {
        return new Finding(
                id,
                type,
                severity,
                who,
                null,
                type + " on ci-deployer",
                "what happened to ci-deployer",
                Map.of(),
                Remediation.of("Fix it.", "aws iam detach-user-policy --user-name ci-deployer --policy-arn x"));
    }

    static Report report(List<Finding> findings) {
        return new Report(
                Report.SCHEMA_VERSION,
                "run",
                ACCOUNT,
                "prod",
                Instant.parse("2026-11-28T08:00:00Z"),
                Instant.parse("2026-11-28T08:00:05Z"),
                new Report.Summary(1, Report.countBySeverity(findings), new Report.RequiredActions(0, 0)),
                findings,
                List.of(),
                List.of());
    }

    static String incidentOf(Report report, Finding f) {
        return report.incidents().stream()
                .filter(i -> i.findings().contains(f.id()))
                .map(i -> AsffFindings.id(ACCOUNT, i))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, AwsSecurityFinding> inSecurityHub() {
        return aws.securityHub().getFindings(b -> {}).findings().stream()
                .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f));
    }

    @Test
    void importsUpdatesAndArchivesAcrossRuns() {
        Finding admin = finding("aaaaaaaaaaaaaaaaaaaa", FindingType.ADMIN_ACCESS, Severity.CRITICAL, USER);
        Finding key = finding("bbbbbbbbbbbbbbbbbbbb", FindingType.ACCESS_KEY_STALE, Severity.HIGH, OTHER);
        Finding lint = finding("cccccccccccccccccccc", FindingType.MISSING_SID, Severity.LOW, OTHER);
        Instant t1 = Instant.parse("2026-11-28T08:00:06Z");
        Report all = report(List.of(admin, key, lint));
        SecurityHubExport.Result first = export.export(all, true, t1);
        assertThat(first.imported())
                .as("one per CRITICAL or HIGH incident: %s", all.incidents())
                .isEqualTo(2);
        assertThat(first.failed()).isEmpty();
        Map<String, AwsSecurityFinding> hub = inSecurityHub();
        String adminId = incidentOf(all, admin);
        String keyId = incidentOf(all, key);
        assertThat(hub).containsOnlyKeys(adminId, keyId);
        assertThat(hub.get(adminId).severity().label().toString()).isEqualTo("CRITICAL");
        assertThat(hub.get(adminId).resources().get(0).id()).isEqualTo(USER.arn());
        assertThat(hub.get(adminId).productArn())
                .isEqualTo("arn:aws:securityhub:us-east-1:" + ACCOUNT + ":product/" + ACCOUNT + "/default");

        Instant t2 = t1.plusSeconds(3600);
        SecurityHubExport.Result second = export.export(report(List.of(admin)), true, t2);
        assertThat(second.imported()).isEqualTo(1);
        assertThat(second.archived()).isEqualTo(1);
        hub = inSecurityHub();
        assertThat(hub.get(adminId).recordStateAsString()).isEqualTo("ACTIVE");
        assertThat(hub.get(adminId).createdAt()).isEqualTo("2026-11-28T08:00:06Z");
        assertThat(hub.get(adminId).updatedAt()).isEqualTo("2026-11-28T09:00:06Z");
        assertThat(hub.get(keyId).recordStateAsString()).isEqualTo("ARCHIVED");

        SecurityHubExport.Result third = export.export(report(List.of(admin)), true, t2.plusSeconds(3600));
        assertThat(third.archived()).as("archived once").isZero();
        assertThat(aws.s3()
                        .getObjectAsBytes(b -> b.bucket(BUCKET).key("state/" + ACCOUNT + "/securityhub.json"))
                        .asUtf8String())
                .contains(adminId)
                .doesNotContain(keyId);
    }
}
