package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's commands run as written: every block marked {@code <!-- runnable -->} (or {@code <!-- runnable: exit N
 * -->}) runs in bash, in a scratch directory that links the repository's top-level entries (so what a block writes
 * stays there), with a {@code PATH} and {@code JAVA_HOME} from which the JDK running the tests is removed (the
 * default {@code java} of this machine is 17), and must exit as marked. Needs the built jar: an IT.
 */
class ReadmeCommandsIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Pattern MARKER = Pattern.compile("<!-- runnable(?::\\s*exit\\s+(\\d+))?\\s*-->");

    /** One runnable block: where it starts, the exit code it must end with, and its text. */
    record Block(int line, int exit, String script) {}

    static List<Block> blocks(List<String> lines) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !lines.get(fence).strip().equals("```bash")) {
                throw new IllegalStateException(
                        "README.md:" + (i + 1) + ": a runnable marker must be followed by a ```bash block");
            }
            int end = fence + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            out.add(new Block(
                    fence + 2,
                    m.group(1) == null ? 0 : Integer.parseInt(m.group(1)),
                    String.join("\n", lines.subList(fence + 1, end))));
        }
        return out;
    }

    @Test
    void markersAreFoundAndNoCommandBypassesTheLauncher() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        assertThat(blocks(lines)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lines)
                .as("the README runs the jar through bin/drift-auditor")
                .noneMatch(l -> l.contains("java -jar"));
        assertThat(blocks(List.of("<!-- runnable: exit 2 -->", "```bash", "a", "b", "```")))
                .containsExactly(new Block(3, 2, "a\nb"));
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableBlockExitsAsMarked() throws IOException {
        Path scratch = Files.createTempDirectory("readme-");
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path e : entries.filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().equals("target"))
                    .toList()) {
                Files.createSymbolicLink(scratch.resolve(e.getFileName()), e);
            }
        }
        return blocks(Files.readAllLines(ROOT.resolve("README.md"))).stream()
                .map(b -> DynamicTest.dynamicTest(
                        "README.md:" + b.line() + " "
                                + b.script().lines().findFirst().orElse(""),
                        () -> run(scratch, b)));
    }

    static void run(Path dir, Block block) throws Exception {
        File out = File.createTempFile("readme-out", ".txt");
        File err = File.createTempFile("readme-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", block.script())
                .directory(dir.toFile())
                .redirectOutput(out)
                .redirectError(err);
        Map<String, String> env = pb.environment();
        String testJdk = Path.of(System.getProperty("java.home")).toRealPath().toString();
        env.put(
                "PATH",
                Arrays.stream(env.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                        .filter(p -> !realPath(p).startsWith(testJdk))
                        .collect(Collectors.joining(File.pathSeparator)));
        env.remove("JAVA_HOME");
        env.remove("AWS_ENDPOINT_URL");
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES))
                .as("README.md:%d still running after 15 minutes", block.line())
                .isTrue();
        assertThat(p.exitValue())
                .as(
                        "README.md:%d exit code\n--- stdout (tail)\n%s\n--- stderr (tail)\n%s",
                        block.line(), tail(out), tail(err))
                .isEqualTo(block.exit());
    }

    static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return p;
        }
    }

    static String tail(File f) throws IOException {
        List<String> lines = Files.readAllLines(f.toPath());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
