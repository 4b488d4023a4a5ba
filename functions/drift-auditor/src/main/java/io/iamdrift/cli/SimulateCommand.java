package io.iamdrift.cli;

import io.iamdrift.evaluation.BulkSimulator;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: SimulateCustomPolicy-shaped evaluation, one request or JSON Lines in bulk. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates requests against policies like IAM's SimulateCustomPolicy (one JSON request, or JSON Lines).",
            "In JSON Lines a line that cannot be evaluated is answered by {\"Error\": {\"Line\", \"Message\"}} and the"
                    + " others still are; the exit code is then 1."
        })
final class SimulateCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "request JSON or JSON Lines; - for stdin")
    String input;

    @Override
    public Integer call() throws Exception {
        InputStream in;
        try {
            in = input.equals("-") ? System.in : new FileInputStream(input);
        } catch (FileNotFoundException e) {
            throw new InputException(input + ": no such file");
        }
        try (in) {
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            int failed;
            try {
                failed = BulkSimulator.run(in, out);
            } catch (RuntimeException e) {
                out.flush();
                throw new InputException(input + ": " + e.getMessage(), e);
            }
            out.flush();
            if (failed > 0) {
                System.err.println(
                        "error: " + input + ": " + failed + " request(s) could not be evaluated; each is answered"
                                + " in its place by an {\"Error\": {\"Line\", \"Message\"}} object");
                return Main.INPUT_ERROR;
            }
        }
        return Main.OK;
    }
}
