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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Loads snapshot files and baseline paths for the offline commands, turning bad input into exit code 1. */
final class OfflineInputs {

    private OfflineInputs() {}

    /** The two inputs of an offline audit. */
    record Audited(AccountSnapshot snapshot, BaselineSet baselines) {}

    /**
     * Reads the snapshot files and the baselines at the same time (independent files; the baselines on a thread of
     * their own), with the errors a one-after-the-other read gives: a snapshot error first, then a baseline one.
     */
    static Audited snapshotAndBaselines(List<String> snapshotFiles, String baselinePath) {
        FutureTask<BaselineSet> baselines = new FutureTask<>(() -> baselines(baselinePath));
        Thread.ofPlatform().name("baselines").daemon().start(baselines);
        AccountSnapshot snapshot;
        try {
            snapshot = snapshot(snapshotFiles);
        } catch (RuntimeException | Error e) {
            baselines.cancel(true);
            throw e;
        }
        return new Audited(snapshot, outcome(baselines));
    }

    private static BaselineSet outcome(FutureTask<BaselineSet> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while reading the baselines", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static AccountSnapshot snapshot(List<String> files) {
        List<AccountSnapshot> parts = new ArrayList<>();
        for (String f : files) {
            try {
                if (f.equals("-")) {
                    parts.add(SnapshotReader.read(f, Inputs.read(f)));
                } else if (!Files.isRegularFile(Path.of(f))) {
                    throw new InputException(f + (Files.exists(Path.of(f)) ? ": not a file" : ": no such file"));
                } else {
                    parts.add(
                            SnapshotReader.read(f, Path.of(f))); // streamed: an 80 MB account never becomes one String
                }
            } catch (SnapshotException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
        requireOneAccount(files, parts);
        try {
            return parts.size() == 1 ? parts.get(0) : SnapshotReader.merge(parts);
        } catch (SnapshotException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** Several --snapshot files describe one account: name the two files that disagree. */
    private static void requireOneAccount(List<String> files, List<AccountSnapshot> parts) {
        int first = -1;
        for (int i = 0; i < parts.size(); i++) {
            String account = parts.get(i).accountId();
            if (account == null) {
                continue;
            }
            if (first < 0) {
                first = i;
            } else if (!account.equals(parts.get(first).accountId())) {
                throw new InputException(files.get(i) + " is a snapshot of account " + account + ", but "
                        + files.get(first) + " is of account "
                        + parts.get(first).accountId() + ": an audit reads one account (give its files only)");
            }
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
