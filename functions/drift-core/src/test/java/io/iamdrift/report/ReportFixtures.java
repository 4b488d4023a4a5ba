package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports and findings shared by the renderer tests. */
final class ReportFixtures {

    static final String ACCOUNT = "123456789012";
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final PrincipalRef PROD_USER =
            PrincipalRef.user("ci-deployer-prod", "arn:aws:iam::123456789012:user/ci-deployer-prod");
    static final PrincipalRef DEPLOY_ROLE = PrincipalRef.role("deployer", "arn:aws:iam::123456789012:role/deployer");

    private ReportFixtures() {}

    static Finding policyDrift() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("verdict", "WIDENED");
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("actions", List.of("iam:CreateUser"));
        grant.put("resources", List.of("*"));
        evidence.put("added", List.of(grant));
        evidence.put("statementCount", 3);
        evidence.put("inBaseline", false);
        return new Finding(
                "a1b2c3d4e5f6a7b8c9d0",
                FindingType.POLICY_DRIFT,
                Severity.CRITICAL,
                PROD_USER,
                "inline:deploy",
                "Inline policy deploy now allows iam:CreateUser on *",
                "The policy allows actions the baseline does not.\nA deploy could create new users.",
                evidence,
                Remediation.of(
                        "Update the baseline if this change was intended.",
                        "aws iam put-user-policy --user-name ci-deployer-prod --policy-name deploy --policy-document file://deploy.json"));
    }

    static Finding staleKey() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("accessKeyId", ACCESS_KEY);
        evidence.put("ageDays", 412);
        evidence.put("limitDays", 90);
        return new Finding(
                "00112233445566778899",
                FindingType.ACCESS_KEY_STALE,
                Severity.HIGH,
                PROD_USER,
                null,
                "Access key " + ACCESS_KEY + " is 412 days old",
                "Key " + ACCESS_KEY + " was created 412 days ago; the baseline allows 90.",
                evidence,
                Remediation.of(
                        "Rotate the key in the pipeline's secret store first.",
                        "aws iam update-access-key --user-name ci-deployer-prod --access-key-id " + ACCESS_KEY
                                + " --status Inactive"));
    }

    static Finding wildcard() {
        return new Finding(
                "ffeeddccbbaa99887766",
                FindingType.WILDCARD_RESOURCE,
                Severity.MEDIUM,
                DEPLOY_ROLE,
                "arn:aws:iam::123456789012:policy/CIDeployCore",
                "s3:PutObject on Resource *",
                "Statement Write allows s3:PutObject on every bucket.",
                Map.of("sid", "Write"),
                Remediation.of(
                        "Scope the resource to the state bucket.",
                        "aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/CIDeployCore --policy-document file://core.json --set-as-default"));
    }

    static Finding equivalent() {
        return new Finding(
                "99999999999999999999",
                FindingType.POLICY_DRIFT,
                Severity.INFO,
                PROD_USER,
                "inline:tags",
                "Inline policy tags was rewritten without changing what it allows",
                "Only statement order and Sids differ.",
                Map.of("verdict", "EQUIVALENT"),
                Remediation.of("Capture a new baseline to silence this."));
    }

    static Report report(List<Finding> findings) {
        return new Report(
                Report.SCHEMA_VERSION,
                "run-2025-01-31T10-00-00Z-7f3e",
                ACCOUNT,
                "prod",
                Instant.parse("2025-01-31T10:00:00Z"),
                Instant.parse("2025-01-31T10:00:04.250Z"),
                new Report.Summary(2, Report.countBySeverity(findings), new Report.RequiredActions(120, 118)),
                findings,
                List.of(new Report.Unaudited(
                        PrincipalRef.role("legacy-deployer", null), "AccessDenied on GetRole after 5 attempts")),
                List.of(
                        new Report.InventoryEntry(
                                PROD_USER,
                                "prod",
                                "baseline",
                                List.of(
                                        "arn:aws:iam::123456789012:policy/CIDeployCore",
                                        "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                                List.of("deploy", "tags"),
                                List.of("deployers"),
                                "arn:aws:iam::123456789012:policy/DeployerBoundary"),
                        new Report.InventoryEntry(
                                DEPLOY_ROLE, "prod", "discovery", List.of(), List.of(), List.of(), null)));
    }

    static Report sample() {
        return report(List.of(policyDrift(), staleKey(), wildcard(), equivalent()));
    }
}
