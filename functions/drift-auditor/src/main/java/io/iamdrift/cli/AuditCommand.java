package io.iamdrift.cli;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.audit.Auditor;
import io.iamdrift.finding.Severity;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.report.Report;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the offline audit of a snapshot file, or {@code --live} the same code path the Lambda runs. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description =
                "Audits deployer principals against baselines: offline on a snapshot file, or --live against the account.")
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--snapshot", paramLabel = "FILE", description = "snapshot file (repeatable: pages are merged)")
    List<String> snapshots = List.of();

    @Option(names = "--baselines", paramLabel = "PATH", description = "a baseline file or a directory of them")
    String baselines;

    @Option(
            names = "--terraform-state",
            paramLabel = "FILE|s3://BUCKET/KEY",
            description =
                    "build the baselines from this Terraform/OpenTofu state (repeatable); --baselines then adds the hand-written part")
    List<String> terraformStates = List.of();

    @Option(
            names = "--live",
            description =
                    "collect from AWS and read baselines from S3, configured by the Lambda's environment variables")
    boolean live;

    @Option(
            names = "--notify",
            description = "with --live: send the run's alert to ALERT_TOPIC_ARN, as the scheduled Lambda does")
    boolean notify;

    @Option(names = "--principal", paramLabel = "NAME", description = "audit only these principals (repeatable)")
    List<String> principals = List.of();

    @Option(
            names = "--organization-policies",
            paramLabel = "FILE",
            description =
                    "the SCPs and RCPs over the account (written by organization-policies): effective access is judged within them")
    String organizationPolicies;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text, json, markdown, sarif or ocsf (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report here instead of standard output")
    String output;

    @Option(
            names = "--fail-on",
            defaultValue = "CRITICAL",
            paramLabel = "SEVERITY",
            description = "exit 2 when a finding is at or above this severity (default: ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() {
        Severity threshold = Severity.parse(failOn);
        ReportFormat fmt = ReportFormat.parse(format);
        Guardrails guardrails =
                organizationPolicies == null ? Guardrails.NONE : OrganizationPoliciesCommand.read(organizationPolicies);
        Report report;
        if (live) {
            if (!snapshots.isEmpty()
                    || baselines != null
                    || !terraformStates.isEmpty()
                    || organizationPolicies != null) {
                throw new InputException(
                        "--live reads the account and S3: do not combine it with --snapshot, --baselines or --organization-policies");
            }
            report = LiveMode.audit(Set.copyOf(principals), notify);
        } else if (!terraformStates.isEmpty()) {
            report = TerraformAudit.offline(
                    snapshots,
                    terraformStates,
                    baselines,
                    new AuditOptions(null, Set.copyOf(principals)).withGuardrails(guardrails));
        } else {
            if (snapshots.isEmpty() || baselines == null) {
                throw new InputException(
                        "audit needs --snapshot FILE and --baselines PATH or --terraform-state FILE (or --live)");
            }
            Instant started = Instant.now();
            OfflineInputs.Audited inputs = OfflineInputs.snapshotAndBaselines(snapshots, baselines);
            AuditResult result = Auditor.withDefaults()
                    .audit(
                            inputs.snapshot(),
                            inputs.baselines(),
                            new AuditOptions(null, Set.copyOf(principals)).withGuardrails(guardrails));
            report = result.toReport(UUID.randomUUID().toString(), started, Instant.now());
        }
        requireEveryPrincipalNamed(report);
        fmt.write(report, output);
        return report.findings().stream().anyMatch(f -> f.severity().atLeast(threshold)) ? Main.FINDINGS : Main.OK;
    }

    /**
     * A {@code --principal} that names no user or role the run saw (audited, unaudited, or a finding's subject,
     * e.g. PRINCIPAL_MISSING for a baselined name) is a typo, not a clean run: exit 1 as {@code capture} does.
     */
    private void requireEveryPrincipalNamed(Report report) {
        Set<String> seen = new HashSet<>();
        report.principals().forEach(p -> seen.add(p.principal().name()));
        report.unaudited().forEach(u -> seen.add(u.principal().name()));
        report.findings().forEach(f -> seen.add(f.principal().name()));
        List<String> nobody =
                principals.stream().filter(n -> !seen.contains(n)).distinct().toList();
        if (!nobody.isEmpty()) {
            throw new InputException(
                    nobody.stream().map(n -> "--principal " + n).collect(Collectors.joining(", "))
                            + " names no user or role in the snapshot or the baselines (names are case-sensitive)");
        }
    }
}
