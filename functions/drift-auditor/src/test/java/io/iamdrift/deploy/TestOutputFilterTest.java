package io.iamdrift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test command's console output stays readable: scripts/test-output-filter.awk leaves out the thousands of
 * libFuzzer progress lines and Jazzer instrumentation notices of a fuzzing run, and keeps Maven's lines, test
 * failures and the per-target "Done" summary that scripts/test.sh reports.
 */
class TestOutputFilterTest {

    static final Path FILTER =
            Path.of("../../scripts/test-output-filter.awk").toAbsolutePath().normalize();

    @Test
    void fuzzingProgressIsSummarisedAndEverythingElseKept(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>(List.of(
                "[INFO] --- maven-surefire-plugin:3.5.4:test (fuzz-policy-parser) @ drift-core ---",
                "INFO: Seed: 1234567",
                "INFO: Loaded 1 modules   (512 inline 8-bit counters)",
                "WARN: Failed to instrument java/lang/String:",
                "java.lang.IllegalArgumentException: Unsupported class file major version 69",
                "\tat com.code_intelligence.jazzer.third_party.org.objectweb.asm.ClassReader.<init>(ClassReader.java:200)",
                "#2\tINITED cov: 120 ft: 130 corp: 12/420b exec/s: 0 rss: 310Mb"));
        for (int i = 0; i < 5_000; i++) {
            log.add("#" + (i * 37) + "\tNEW    cov: " + (130 + i)
                    + " ft: 400 corp: 20/1Kb lim: 48 exec/s: 29000 rss: 400Mb L: 12/40 MS: 2 ChangeBit-InsertByte-");
            log.add("#" + (i * 37 + 1) + "\tREDUCE cov: " + (130 + i)
                    + " ft: 400 corp: 20/1Kb lim: 48 exec/s: 29000 rss: 400Mb L: 11/40 MS: 1 EraseBytes-");
        }
        log.add("#600000\tDONE   cov: 900 ft: 3000 corp: 300/20Kb lim: 4096 exec/s: 28571 rss: 500Mb");
        log.add("Done 600000 runs in 21 second(s)");
        log.add("[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0");
        log.add("\tat io.iamdrift.policy.PolicyParserTest.parses(PolicyParserTest.java:42)");
        Path in = Files.write(dir.resolve("in.log"), log);
        File out = dir.resolve("out.txt").toFile();
        Process p = new ProcessBuilder(
                        "awk", "-v", "logfile=target/test-output.log", "-f", FILTER.toString(), in.toString())
                .redirectOutput(out)
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> shown = Files.readAllLines(out.toPath());
        assertThat(p.exitValue()).as(String.join("\n", shown)).isZero();
        assertThat(shown)
                .hasSizeLessThan(10)
                .contains(
                        "[INFO] --- maven-surefire-plugin:3.5.4:test (fuzz-policy-parser) @ drift-core ---",
                        "Done 600000 runs in 21 second(s)",
                        "[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0",
                        "\tat io.iamdrift.policy.PolicyParserTest.parses(PolicyParserTest.java:42)");
        assertThat(shown.get(shown.size() - 1))
                .contains("10004 lines of fuzzer progress")
                .contains("3 lines of Jazzer")
                .contains("target/test-output.log");
    }

    @Test
    void theTestCommandPipesMavenThroughTheFilterAndKeepsTheWholeLog() throws Exception {
        String script = Files.readString(Path.of("../../scripts/test.sh"));
        assertThat(script)
                .containsPattern(
                        "mvn [^\\n]*verify[^\\n]*\\| tee \"\\$log\" \\| awk [^\\n]*-f scripts/test-output-filter.awk");
    }
}
