package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/drift-auditor}: finds a Java 21+, says how to get one or how to build the jar, lets options override. */
class LauncherIT {

    static final Path LAUNCHER =
            Path.of("../../bin/drift-auditor").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {}

    static Run launch(Map<String, String> env, String... args) throws Exception {
        File out = File.createTempFile("launcher-out", ".txt");
        File err = File.createTempFile("launcher-err", ".txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    /** A PATH holding the shell tools the launcher uses and a {@code java} that says it is version 17. */
    static String pathWithJava17(Path dir) throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "awk", "dirname", "readlink", "ls", "sort", "cat")) {
            Path real = Stream.of("/usr/bin/", "/bin/")
                    .map(p -> Path.of(p + tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Path java = Files.createDirectories(dir.resolve("jdk17/bin")).resolve("java");
        Files.writeString(java, "#!/bin/bash\necho 'openjdk version \"17.0.13\" 2024-10-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java.getParent() + File.pathSeparator + tools;
    }

    @Test
    void withOnlyAJava17ItSaysHowToGetAJava21() throws Exception {
        Path dir = Files.createTempDirectory("launcher-");
        Run run = launch(
                Map.of(
                        "PATH",
                        pathWithJava17(dir),
                        "JAVA_HOME",
                        dir.resolve("jdk17").toString(),
                        "JAVA_SEARCH_DIRS",
                        dir.resolve("nothing-here/*").toString()),
                "--version");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("no Java 21 or newer found")
                .contains("jdk17")
                .contains("https://adoptium.net/")
                .contains("set JAVA_HOME");
    }

    @Test
    void withAJava17FirstOnThePathItFindsTheJava21InTheJvmFolders(@TempDir Path dir) throws Exception {
        String jdks = Path.of(System.getProperty("java.home")).toRealPath().getParent() + "/*";
        Run run = launch(Map.of("PATH", pathWithJava17(dir), "JAVA_SEARCH_DIRS", jdks), "--version");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("drift-auditor ");
    }

    @Test
    void missingJarNamesTheCommandThatBuildsIt() throws Exception {
        Run run = launch(Map.of("DRIFT_AUDITOR_JAR", "/nonexistent/drift-auditor.jar"), "--version");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("/nonexistent/drift-auditor.jar is not built")
                .contains("mvn -q -DskipTests package");
    }

    @Test
    void everyCommandRunsOnTheClientCompilerAloneUnlessTheUserBringsC2Back() throws Exception {
        Map<String, String> flags = Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        String c1Only = "TieredStopAtLevel\\s+= 1\\s";
        assertThat(launch(flags, "--version").out()).containsPattern(c1Only);
        assertThat(launch(flags, "simulate", "--help").out()).containsPattern(c1Only);
        assertThat(launch(flags, "audit", "--help").out()).containsPattern(c1Only);
        Run restored = launch(
                Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal"), "audit", "--help");
        assertThat(restored.out()).containsPattern("TieredStopAtLevel\\s+= 4\\s");
    }

    @Test
    void theParallelCollectorWithHalfTheHeapYoungIsTheDefault() throws Exception {
        String out = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version")
                .out();
        assertThat(out).containsPattern("UseParallelGC\\s+= true\\s").containsPattern("NewRatio\\s+= 1\\s");
    }

    @Test
    void survivorsAreTenuredAtOnceInAHeapThatStartsAtItsFullSize() throws Exception {
        String out = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version")
                .out();
        assertThat(out)
                .containsPattern("MaxTenuringThreshold\\s+= 0\\s")
                .containsPattern("InitialHeapSize\\s+= 805306368\\s");
    }

    @Test
    void simulateRunsWithASmallYoungGenerationSinceItKeepsNothingBetweenRequests() throws Exception {
        String out = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "simulate", "--help")
                .out();
        assertThat(out).containsPattern("NewSize\\s+= 50331648\\s").containsPattern("MaxHeapSize\\s+= 805306368\\s");
        String audit = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "audit", "--help")
                .out();
        assertThat(audit).doesNotContainPattern("\\bNewSize\\s+= 50331648\\s");
    }

    @Test
    void aSmallerCeilingTheUserSetsStartsWithoutTheDefaultInitialSize() throws Exception {
        Run smaller = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-Xmx256m -XX:+PrintFlagsFinal"), "--version");
        assertThat(smaller.code()).isZero();
        assertThat(smaller.out()).containsPattern("MaxHeapSize\\s+= 268435456\\s");
    }

    @Test
    void userJvmOptionsComeAfterTheDefaultsAndWin() throws Exception {
        Run defaults = launch(Map.of("DRIFT_AUDITOR_JAVA_OPTS", "-XshowSettings:vm"), "--version");
        assertThat(defaults.err()).contains("Max. Heap Size: 768.00M");
        Run overridden = launch(
                Map.of("JAVA_OPTS", "-Xmx1g", "DRIFT_AUDITOR_JAVA_OPTS", "-Xmx3g -XshowSettings:vm"), "--version");
        assertThat(overridden.code()).isZero();
        assertThat(overridden.err()).contains("Max. Heap Size: 3.00G");
    }
}
