package io.iamdrift.bench;

import io.iamdrift.evaluation.BulkSimulator;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-process rate of bulk simulate (JVM start and file reading excluded): runs {@link BulkSimulator} over
 * the JSON Lines of FILE, held in memory, ROUNDS times (the first ones warm the JIT) and prints the best round's
 * requests per second. Usage: BulkRate FILE [ROUNDS=5]. Used by scripts/bench-simulate.sh.
 */
public final class BulkRate {
    public static void main(String[] args) throws Exception {
        byte[] input = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long lines = 0;
        for (byte b : input) {
            lines += b == '\n' ? 1 : 0;
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            new BulkSimulator().process(new ByteArrayInputStream(input), OutputStream.nullOutputStream());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(
                "%d requests in %.3f s (best of %d rounds): %.0f requests/s%n", lines, best, rounds, lines / best);
    }

    private BulkRate() {}
}
