package io.iamdrift.bench;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.audit.Auditor;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.TerraformActions;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.EscalationPaths;
import io.iamdrift.finding.FindingType;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the escalation and reachability analysis inside the audit: the same audit with the shipped escalation
 * table and with an empty one, best of N runs each, on one snapshot and baseline directory.
 * Usage: ReachabilityBench SNAPSHOT BASELINES [RUNS]
 */
public final class ReachabilityBench {

    private ReachabilityBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ReachabilityBench SNAPSHOT BASELINES [RUNS]");
            System.exit(1);
        }
        AccountSnapshot snapshot = SnapshotReader.read(Path.of(args[0]));
        BaselineSet baselines = new BaselineLoader().load(Path.of(args[1]));
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<EscalationPath> table = EscalationPaths.defaults();
        Auditor with = new Auditor(ActionCatalog.defaults(), TerraformActions.defaults(), table);
        Auditor without = new Auditor(ActionCatalog.defaults(), TerraformActions.defaults(), List.of());
        long bestWith = Long.MAX_VALUE;
        long bestWithout = Long.MAX_VALUE;
        AuditResult result = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            without.audit(snapshot, baselines, AuditOptions.defaults());
            long t1 = System.nanoTime();
            result = with.audit(snapshot, baselines, AuditOptions.defaults());
            long t2 = System.nanoTime();
            bestWithout = Math.min(bestWithout, t1 - t0);
            bestWith = Math.min(bestWith, t2 - t1);
        }
        long escalations = result.findings().stream().filter(f -> f.type() == FindingType.PRIVILEGE_ESCALATION).count();
        System.out.printf("principals audited: %d, users %d, roles %d, escalation paths in the table: %d%n",
                result.inventory().size(), snapshot.users().size(), snapshot.roles().size(), table.size());
        System.out.printf("audit without escalation: %.2f s, with escalation and reachability: %.2f s (best of %d)%n",
                bestWithout / 1e9, bestWith / 1e9, runs);
        System.out.printf("reachability time: %.2f s (goal < 2 s); PRIVILEGE_ESCALATION findings: %d%n",
                (bestWith - bestWithout) / 1e9, escalations);
    }
}
