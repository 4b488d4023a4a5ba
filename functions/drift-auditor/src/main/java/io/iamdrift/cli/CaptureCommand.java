package io.iamdrift.cli;

import io.iamdrift.audit.Auditor;
import io.iamdrift.audit.BaselineCapture;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code capture}: prints a baseline that describes principals as they are in a snapshot. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Prints a baseline (valid against baseline.schema.json) for the named principals, or every discovered deployer.")
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "snapshot file (repeatable)")
    List<String> snapshots;

    @Option(names = "--principal", paramLabel = "NAME", description = "principal to capture (repeatable); default: every discovered deployer")
    List<String> principals = List.of();

    @Option(names = "--environment", paramLabel = "NAME", description = "the baseline's environment name")
    String environment;

    @Option(names = "--output", paramLabel = "FILE")
    String output;

    @Override
    public Integer call() {
        var baseline = new BaselineCapture(Auditor.withDefaults())
                .capture(OfflineInputs.snapshot(snapshots), principals, null, environment);
        Inputs.write(output, baseline.toPrettyString());
        return Main.OK;
    }
}
