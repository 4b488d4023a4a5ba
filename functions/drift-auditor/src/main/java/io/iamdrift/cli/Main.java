package io.iamdrift.cli;

import io.iamdrift.catalog.ActionCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code drift-auditor.jar}. Exit codes: 0 clean, 2 findings at or above --fail-on, 1 usage or input error. */
@Command(name = "drift-auditor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audits IAM deployer principals against baselines and reports drift.",
        subcommands = {AuditCommand.class, SimulateCommand.class, DiffCommand.class, LintCommand.class,
                CaptureCommand.class, InvokeCommand.class, BaselineCommand.class,
                OrganizationPoliciesCommand.class, SnapshotCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int INPUT_ERROR = 1;
    public static final int FINDINGS = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests in-process). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return INPUT_ERROR;
            }
            cmd.getErr().println("error: " + e);
            if (System.getenv("DRIFT_AUDITOR_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return INPUT_ERROR;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return INPUT_ERROR;
        });
        cli.setExitCodeExceptionMapper(e -> INPUT_ERROR);
        return cli.execute(args);
    }

    /** {@code --version}: the tool version and the action catalog's source and date. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "drift-auditor " + (v == null ? "development" : v),
                "action catalog: " + ActionCatalog.defaults().dataVersion()
            };
        }
    }
}
