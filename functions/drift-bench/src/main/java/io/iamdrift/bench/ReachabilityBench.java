package io.iamdrift.bench;

import com.sun.management.OperatingSystemMXBean;
import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.audit.Auditor;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.TerraformActions;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.escalation.CatalogueCoverage;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.EscalationPaths;
import io.iamdrift.finding.FindingType;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the escalation and reachability analysis inside the audit: the same audit with the shipped escalation
 * table and with an empty one, on one snapshot and baseline directory. After a warm-up audit, each run audits
 * both ways (alternating which goes first) and measures wall time and the process's CPU time (the machine may be
 * shared: CPU time is what the analysis costs); the figures are the best of N and the reachability share is the
 * difference over the audit with the table. Also prints how many pathfinding.cloud catalogue files the table
 * covers. Usage: ReachabilityBench SNAPSHOT BASELINES [RUNS]
 */
public final class ReachabilityBench {

    private ReachabilityBench() {}

    /** Wall and process CPU nanoseconds of one audit. */
    private record Cost(long wall, long cpu) {}

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
        AuditResult result = with.audit(snapshot, baselines, AuditOptions.defaults()); // warm-up
        Cost bestWith = new Cost(Long.MAX_VALUE, Long.MAX_VALUE);
        Cost bestWithout = new Cost(Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < runs; i++) {
            boolean withFirst = i % 2 == 1;
            Cost first = time(withFirst ? with : without, snapshot, baselines);
            Cost second = time(withFirst ? without : with, snapshot, baselines);
            bestWith = best(bestWith, withFirst ? first : second);
            bestWithout = best(bestWithout, withFirst ? second : first);
        }
        long escalations = result.findings().stream()
                .filter(f -> f.type() == FindingType.PRIVILEGE_ESCALATION)
                .count();
        CatalogueCoverage coverage = EscalationPaths.coverage();
        System.out.printf(
                "principals audited: %d, users %d, roles %d, escalation paths in the table: %d%n",
                result.inventory().size(),
                snapshot.users().size(),
                snapshot.roles().size(),
                table.size());
        System.out.printf(
                "catalogue paths covered: %d of %d pathfinding.cloud files (data/paths/aws), %d explained as not"
                        + " realisable by a principal's own permissions%n",
                coverage.covered(table).size(),
                coverage.files().size(),
                coverage.notCovered().size());
        System.out.printf(
                "audit without escalation: %.2f s wall, %.2f s CPU; with escalation and reachability: %.2f s wall,"
                        + " %.2f s CPU (best of %d, %d cores)%n",
                bestWithout.wall() / 1e9,
                bestWithout.cpu() / 1e9,
                bestWith.wall() / 1e9,
                bestWith.cpu() / 1e9,
                runs,
                Runtime.getRuntime().availableProcessors());
        long wall = bestWith.wall() - bestWithout.wall();
        long cpu = bestWith.cpu() - bestWithout.cpu();
        System.out.printf(
                "reachability: %.2f s wall (%.0f%% of the audit), %.2f s CPU (%.0f%%) (goal < 2 s);"
                        + " PRIVILEGE_ESCALATION findings: %d%n",
                wall / 1e9, 100.0 * wall / bestWith.wall(), cpu / 1e9, 100.0 * cpu / bestWith.cpu(), escalations);
    }

    private static Cost time(Auditor auditor, AccountSnapshot snapshot, BaselineSet baselines) {
        System.gc();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        auditor.audit(snapshot, baselines, AuditOptions.defaults());
        return new Cost(System.nanoTime() - t0, os.getProcessCpuTime() - c0);
    }

    private static Cost best(Cost a, Cost b) {
        return new Cost(Math.min(a.wall(), b.wall()), Math.min(a.cpu(), b.cpu()));
    }
}
