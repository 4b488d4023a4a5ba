package io.iamdrift.bench;

import io.iamdrift.evaluation.BulkSimulator;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-in for {@code drift-auditor.jar simulate --input FILE} while the CLI is not there: SimulateCustomPolicy
 * requests (one JSON object or JSON Lines) from FILE or {@code -}, responses to standard output.
 */
public final class BulkMain {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BulkMain FILE|-");
            System.exit(1);
        }
        try (InputStream in = args[0].equals("-") ? System.in : Files.newInputStream(Path.of(args[0]));
                OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)) {
            new BulkSimulator().process(in, out);
        }
    }

    private BulkMain() {}
}
