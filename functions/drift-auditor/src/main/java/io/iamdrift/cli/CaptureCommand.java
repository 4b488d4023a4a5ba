package io.iamdrift.cli;

import io.iamdrift.audit.Auditor;
import io.iamdrift.audit.BaselineCapture;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capture}: prints a baseline that describes principals as they are in a snapshot. */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        description =
                "Prints a baseline (valid against baseline.schema.json) for the named principals, or every discovered deployer, with the policies of their groups (the groups section).")
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "snapshot file (repeatable)")
    List<String> snapshots;

    @Option(
            names = "--principal",
            paramLabel = "NAME",
            description = "principal to capture (repeatable); default: every discovered deployer")
    List<String> principals = List.of();

    @Mixin
    BaselineOutput out;

    @Override
    public Integer call() {
        var baseline = new BaselineCapture(Auditor.withDefaults())
                .capture(OfflineInputs.snapshot(snapshots), principals, null, out.environment);
        out.write(baseline.toPrettyString());
        return Main.OK;
    }
}
