package io.iamdrift.cli;

import picocli.CommandLine.Option;

/** The options of every command that writes a baseline: its environment name and where it goes. */
final class BaselineOutput {

    @Option(names = "--environment", paramLabel = "NAME", description = "the baseline's environment name")
    String environment;

    @Option(names = "--output", paramLabel = "FILE", description = "file to write the baseline to (default: stdout)")
    String output;

    void write(String baselineJson) {
        Inputs.write(output, baselineJson);
    }
}
