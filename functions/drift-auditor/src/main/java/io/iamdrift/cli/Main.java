package io.iamdrift.cli;

import io.iamdrift.catalog.ActionCatalog;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code drift-auditor.jar}. Exit codes: 0 clean, 2 findings at or above --fail-on, 1 usage or input error. */
@Command(
        name = "drift-auditor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Audits IAM deployer principals against baselines and reports drift.",
        subcommands = {
            AuditCommand.class,
            SimulateCommand.class,
            DiffCommand.class,
            LintCommand.class,
            CaptureCommand.class,
            InvokeCommand.class,
            BaselineCommand.class,
            OrganizationPoliciesCommand.class,
            SnapshotCommand.class
        })
public final class Main {

    public static final int OK = 0;
    public static final int INPUT_ERROR = 1;
    public static final int FINDINGS = 2;

    public static void main(String[] args) {
        CliLogging.configure();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests in-process). */
    public static int run(String... args) {
        CommandLine only = args.length == 0 ? null : only(args[0]);
        CommandLine cli = only == null ? new CommandLine(new Main()) : only;
        String[] rest = only == null ? args : Arrays.copyOfRange(args, 1, args.length);
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
        return cli.execute(rest);
    }

    /**
     * The command that the first argument names, alone under the tool's name, or {@code null} (root help, version,
     * an unknown command): picocli reads every command's options when it builds the whole tree, which costs a tenth
     * of a one-user audit's start-up.
     */
    static CommandLine only(String first) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            if (c.getAnnotation(Command.class).name().equals(first)) {
                CommandLine cli = new CommandLine(c);
                cli.setCommandName("drift-auditor " + first);
                return cli;
            }
        }
        return null;
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
