package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale benchmark's correctness half, small enough for every test run: a generated account with drifts
 * injected at known places (scripts/generate-scale-account.py) audited offline through the CLI, and the report
 * checked against the injected drifts (scripts/check-scale-report.py). The 10,000-deployer timing is
 * scripts/bench-scale.sh. Runs with the emulator tests because it needs python3.
 */
class ScaleAccountAuditIT {

    static final Path SCRIPTS = Path.of("../../scripts");

    @Test
    void everyInjectedDriftIsFoundAndUntouchedDeployersStayQuiet(@TempDir Path dir) throws Exception {
        python(
                SCRIPTS.resolve("generate-scale-account.py").toString(),
                "--deployers",
                "700",
                "--drift-every",
                "13",
                "--per-file",
                "250",
                "--out",
                dir.toString());
        Path report = dir.resolve("report.json");

        CliTest.Run r = CliTest.run(
                "audit",
                "--snapshot",
                dir.resolve("snapshot.json").toString(),
                "--baselines",
                dir.resolve("baselines").toString(),
                "--format",
                "json",
                "--output",
                report.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(Main.FINDINGS);
        String check = python(
                SCRIPTS.resolve("check-scale-report.py").toString(),
                dir.resolve("expected-drifts.json").toString(),
                report.toString());
        assertThat(check)
                .contains("checked 53 injected drifts and 647 untouched principals; 700 audited")
                .contains("OK: every injected drift found");
    }

    /** Runs a python3 script; fails the test with its output when it exits non-zero. */
    private static String python(String... args) throws IOException, InterruptedException {
        List<String> command =
                Stream.concat(Stream.of("python3"), Stream.of(args)).toList();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("python3 %s finished", args[0])
                .isTrue();
        assertThat(p.exitValue())
                .as("python3 %s exit code; output:%n%s", List.of(args), out)
                .isZero();
        return out;
    }
}
