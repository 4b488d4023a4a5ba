package io.iamdrift.cli;

import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotException;
import io.iamdrift.snapshot.SnapshotReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads snapshot files and baseline paths for the offline commands, turning bad input into exit code 1. */
final class OfflineInputs {

    private OfflineInputs() {}

    static AccountSnapshot snapshot(List<String> files) {
        List<AccountSnapshot> parts = new ArrayList<>();
        for (String f : files) {
            try {
                if (f.equals("-")) {
                    parts.add(SnapshotReader.read(f, Inputs.read(f)));
                } else if (!Files.isRegularFile(Path.of(f))) {
                    throw new InputException(f + (Files.exists(Path.of(f)) ? ": not a file" : ": no such file"));
                } else {
                    parts.add(SnapshotReader.read(f, Path.of(f)));   // streamed: an 80 MB account never becomes one String
                }
            } catch (SnapshotException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
        try {
            return parts.size() == 1 ? parts.get(0) : SnapshotReader.merge(parts);
        } catch (SnapshotException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    static BaselineSet baselines(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new InputException(path + ": no such file or directory");
        }
        return new BaselineLoader().load(p);
    }
}
