package io.iamdrift.cli;

import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.S3TerraformStateStore;
import io.iamdrift.aws.StoredObject;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.terraform.StateSource;
import io.iamdrift.terraform.TerraformBaselines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads state files (local or {@code s3://bucket/key}) and hand-written baselines for the Terraform options. */
final class TerraformInputs {

    private TerraformInputs() {}

    /** Builds the merged baselines; {@code accountId} null takes it from the states. */
    static TerraformBaselines.Result build(List<String> states, String handWritten, String accountId) {
        return TerraformBaselines.build(
                states(states), handWritten == null ? List.of() : handWritten(handWritten), accountId);
    }

    static List<StateSource> states(List<String> names) {
        List<StateSource> out = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("s3://")) {
                StoredObject o = S3TerraformStateStore.get(AwsClients.shared().s3(), name);
                if (!o.readable()) {
                    throw new InputException(o.error());
                }
                out.add(new StateSource(o.uri(), o.bytes()));
            } else {
                out.add(new StateSource(name, bytes(Path.of(name))));
            }
        }
        return out;
    }

    /** One baseline file, or every {@code *.json} directly in a directory, by name. */
    static List<BaselineSource> handWritten(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new InputException(path + ": no such file or directory");
        }
        if (!Files.isDirectory(p)) {
            return List.of(new BaselineSource(path, bytes(p)));
        }
        try (Stream<Path> files = Files.list(p)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .map(f -> new BaselineSource(f.toString(), bytes(f)))
                    .toList();
        } catch (IOException e) {
            throw new InputException(path + ": cannot list: " + e.getMessage());
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(p + ": no such file");
        } catch (IOException e) {
            throw new InputException(p + ": cannot read: " + e.getMessage());
        }
    }
}
