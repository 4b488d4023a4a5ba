package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events/example/EXPECTED.md is what render_expected.py makes of expected-findings.json, its one source. */
class ExpectedPageTest {

    static final Path EXAMPLE = Path.of("../../events/example").toAbsolutePath().normalize();

    static CliTest.Run check(Path dir) throws Exception {
        File out = File.createTempFile("render", ".txt");
        Process p = new ProcessBuilder(
                        "python3", dir.resolve("render_expected.py").toString(), "--check")
                .redirectOutput(out)
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliTest.Run(p.exitValue(), Files.readString(out.toPath()), "");
    }

    @Test
    void expectedPageIsRenderedFromTheExpectedFindings() throws Exception {
        CliTest.Run run = check(EXAMPLE);
        assertThat(run.code()).as(run.out()).isZero();
    }

    @Test
    void aChangedFindingThatThePageDoesNotShowFailsTheCheck(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"render_expected.py", "expected-findings.json", "EXPECTED.md"}) {
            Files.copy(EXAMPLE.resolve(f), dir.resolve(f));
        }
        Path json = dir.resolve("expected-findings.json");
        Files.writeString(json, Files.readString(json).replace("\"MULTIPLE_ACTIVE_KEYS\"", "\"ACCESS_KEY_UNUSED\""));
        CliTest.Run run = check(dir);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("render_expected.py");
    }
}
