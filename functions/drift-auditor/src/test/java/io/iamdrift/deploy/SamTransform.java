package io.iamdrift.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CloudFormation template AWS SAM makes of a SAM template: runs {@code scripts/sam-transform.py}
 * (aws-sam-translator, the library behind {@code sam validate} and {@code sam deploy}) with the first
 * {@code python3} found on PATH or in {@code ~/.pyenv/shims}.
 */
final class SamTransform {

    /** The repository root, seen from the drift-auditor module where Maven runs its tests. */
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path FORWARDER = ROOT.resolve("deploy/iam-event-forwarder.yaml");

    private SamTransform() {}

    /**
     * @param codeUri the artifact's S3 location, as {@code sam package} sets it (null: SAM's placeholder)
     * @param overrides parameter overrides, {@code KEY=VALUE}
     */
    static JsonNode transform(Path template, String codeUri, String... overrides)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(python(), ROOT.resolve("scripts/sam-transform.py").toString(), template.toString()));
        if (codeUri != null) {
            cmd.addAll(List.of("--code-uri", codeUri));
        }
        cmd.addAll(List.of(overrides));
        File out = File.createTempFile("sam-transform", ".json");
        File err = File.createTempFile("sam-transform", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the SAM transform of " + template + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the SAM transform of " + template + " failed (" + p.exitValue()
                        + "):\n" + Files.readString(err.toPath()));
            }
            return Json.MAPPER.readTree(out);
        } finally {
            out.delete();
            err.delete();
        }
    }

    static String python() {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add(System.getProperty("user.home") + "/.pyenv/shims");
        for (String dir : dirs) {
            Path exe = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(exe)) {
                return exe.toString();
            }
        }
        throw new IllegalStateException("python3 is not installed (looked on PATH and in ~/.pyenv/shims); the template "
                + "tests need it with aws-sam-translator: pip install aws-sam-translator");
    }
}
