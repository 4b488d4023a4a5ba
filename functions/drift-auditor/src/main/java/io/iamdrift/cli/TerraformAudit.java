package io.iamdrift.cli;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.audit.Auditor;
import io.iamdrift.report.Report;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.terraform.TerraformBaselines;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code audit --snapshot FILE --terraform-state FILE [--baselines PATH]}: state as the baseline, offline. */
final class TerraformAudit {

    private TerraformAudit() {}

    static Report offline(List<String> snapshots, List<String> states, String handWritten, AuditOptions options) {
        if (snapshots.isEmpty()) {
            throw new InputException("audit --terraform-state needs --snapshot FILE (or use the live option)");
        }
        Instant started = Instant.now();
        AccountSnapshot snapshot = OfflineInputs.snapshot(snapshots);
        TerraformBaselines.Result baselines = TerraformInputs.build(states, handWritten, snapshot.accountId());
        AuditResult result = Auditor.withDefaults().audit(snapshot, baselines.toBaselineSet(), options);
        return baselines.annotate(result).toReport(UUID.randomUUID().toString(), started, Instant.now());
    }
}
