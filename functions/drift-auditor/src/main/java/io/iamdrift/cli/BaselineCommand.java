package io.iamdrift.cli;

import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.terraform.TerraformBaselines;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baseline}: commands that produce baselines. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Builds baselines.",
        subcommands = BaselineCommand.FromTerraform.class)
final class BaselineCommand {

    /** {@code baseline from-terraform}: a baseline from Terraform/OpenTofu state, merged with hand-written ones. */
    @Command(
            name = "from-terraform",
            mixinStandardHelpOptions = true,
            description =
                    "Prints a baseline built from the IAM resources of Terraform/OpenTofu state files, merged with "
                            + "hand-written baselines for what state cannot say (required and forbidden actions, credentials, "
                            + "exceptions, discovery). Exits 1, writing nothing, when a state or baseline cannot be used or they conflict.")
    static final class FromTerraform implements Callable<Integer> {

        @Option(
                names = "--state",
                required = true,
                paramLabel = "FILE|s3://BUCKET/KEY",
                description = "state file (format version 4, Terraform or OpenTofu); repeatable")
        List<String> states;

        @Option(
                names = "--merge",
                paramLabel = "BASELINE_FILE_OR_DIR",
                description =
                        "hand-written baseline(s) supplying requiredActions, requiredForResourceTypes, forbiddenActions, "
                                + "credentials, exceptions and discovery")
        String merge;

        @Option(
                names = "--account",
                paramLabel = "ID",
                description = "baseline only this account's principals (by ARN)")
        String account;

        @Mixin
        BaselineOutput out;

        @Override
        public Integer call() {
            TerraformBaselines.Result r = TerraformInputs.build(states, merge, account);
            if (out.environment != null) {
                r.document().put("environment", out.environment);
            }
            PrintStream err = System.err;
            r.notes().forEach(n -> err.println("note: " + n));
            List<BaselineProblem> problems = r.toBaselineSet().problems();
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("error: " + p));
                return Main.INPUT_ERROR;
            }
            err.println(r.document().withArray("principals").size() + " principals from " + states.size()
                    + " state file(s)");
            out.write(r.document().toPrettyString());
            return Main.OK;
        }
    }
}
