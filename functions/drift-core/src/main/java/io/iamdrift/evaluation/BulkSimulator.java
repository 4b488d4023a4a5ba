package io.iamdrift.evaluation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs many SimulateCustomPolicy requests from one input.
 *
 * <ul>
 *   <li>One JSON object (possibly pretty-printed over many lines): one response object, pretty-printed when
 *       the request spanned several lines. An invalid request is a {@link SimulateInputException} naming its
 *       place.</li>
 *   <li>JSON Lines (one request per line; blank lines skipped): one compact response per line, in input
 *       order, streamed batch by batch (64 lines, answered on as many threads as the machine has cores). A line
 *       that cannot be read or evaluated is answered, in its place, with
 *       {@code {"Error": {"Line": n, "Message": "line n: ..."}}}, and the run goes on; the count of such lines is
 *       returned.</li>
 * </ul>
 *
 * <p>The input is JSON Lines when its first non-blank line is a request on its own (or is broken in a way other
 * than continuing on the next line). Documents repeated across requests are parsed and compiled once
 * ({@link PolicyCache}).
 */
public final class BulkSimulator {

    private static final JsonFactory FACTORY = SimulateCustomPolicy.MAPPER.getFactory();
    private static final ObjectReader ONE_OBJECT =
            SimulateCustomPolicy.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The longest first line kept to re-read a pretty-printed request (whose first line is short: "{"). */
    private static final int FIRST_LINE_MARK = 1 << 20;

    private final PolicyCache cache;
    private final int threads;

    /** A simulator with a fresh cache, answering JSON Lines on as many threads as the machine has cores. */
    public BulkSimulator() {
        this(new PolicyCache());
    }

    public BulkSimulator(PolicyCache cache) {
        this(cache, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many threads answer JSON Lines (1: the calling thread alone) */
    public BulkSimulator(PolicyCache cache, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.cache = cache;
        this.threads = threads;
    }

    /** Runs with a fresh cache; returns the number of JSON Lines requests answered with an error. */
    public static int run(Reader in, Writer out) throws IOException {
        return new BulkSimulator().process(in, out);
    }

    /** Runs with a fresh cache over byte streams (UTF-8). */
    public static int run(InputStream in, OutputStream out) throws IOException {
        return new BulkSimulator().process(in, out);
    }

    /**
     * Byte-stream variant (UTF-8) of {@link #process(Reader, Writer)}, the fast one: JSON Lines are cut as bytes
     * and each is read by Jackson's byte parser, with no decoding to characters in between.
     */
    public int process(InputStream in, OutputStream out) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(FIRST_LINE_MARK);
        ByteLines lines = new ByteLines(b);
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        try {
            First first = first(lines::next);
            if (continuesOnNextLine(first.line())) {
                b.reset();
                try (JsonParser p = FACTORY.createParser(b)) {
                    streamed(p, g);
                }
                return 0;
            }
            return jsonLines(first, lines::next, g);
        } finally {
            g.flush();
        }
    }

    /**
     * Reads every request from {@code in} and writes the responses to {@code out} (flushed, not closed).
     *
     * @return the number of JSON Lines requests answered with an error object (0 for a single request, which
     *     throws instead)
     */
    public int process(Reader in, Writer out) throws IOException {
        Writer w = out instanceof BufferedWriter || out instanceof java.io.StringWriter
                ? out
                : new BufferedWriter(out, 1 << 16);
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        Lines lines = () -> {
            String line = r.readLine();
            return line == null ? null : line.getBytes(StandardCharsets.UTF_8);
        };
        try {
            r.mark(FIRST_LINE_MARK);
            First first = first(lines);
            if (continuesOnNextLine(first.line())) {
                r.reset();
                try (JsonParser p = FACTORY.createParser(r)) {
                    streamed(p, FACTORY.createGenerator(w));
                }
                return 0;
            }
            return jsonLines(first, lines, FACTORY.createGenerator(w));
        } finally {
            w.flush();
        }
    }

    /** The input's lines as UTF-8 bytes, without their line breaks; {@code null} at the end. */
    @FunctionalInterface
    private interface Lines {
        byte[] next() throws IOException;
    }

    /** The first non-blank line and its number. */
    private record First(byte[] line, int lineNo) {}

    private static First first(Lines lines) throws IOException {
        int lineNo = 0;
        byte[] first;
        do {
            first = lines.next();
            lineNo++;
        } while (first != null && blank(first));
        if (first == null) {
            throw new SimulateInputException("the input holds no request (expected a JSON object or JSON Lines)");
        }
        return new First(first, lineNo);
    }

    private static boolean blank(byte[] line) {
        for (byte c : line) {
            if (c < 0 || !Character.isWhitespace((char) c)) {
                return false;
            }
        }
        return true;
    }

    /** True when the line alone is the start of a JSON value that goes on (a pretty-printed request). */
    private static boolean continuesOnNextLine(byte[] line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            while (p.nextToken() != null) {
                // read to the end: a complete value, or an error
            }
            return false;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * JSON Lines: the lines are cut into batches answered on {@link #threads} threads (each batch in order into
     * its own buffer), and the answers written in input order as soon as each batch is done. Input of one batch
     * is answered on the calling thread.
     */
    private int jsonLines(First first, Lines lines, JsonGenerator g) throws IOException {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        int failed = 0;
        Batch batch = Batch.read(first.line(), first.lineNo(), lines);
        if (batch.last() || threads == 1) {
            while (true) {
                failed += write(g, answer(batch));
                if (batch.last()) {
                    return failed;
                }
                batch = Batch.read(null, batch.nextLineNo(), lines);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Answers>> pending = new ArrayDeque<>();
            while (true) {
                Batch b = batch;
                pending.add(pool.submit(() -> answer(b)));
                if (pending.size() >= 2 * threads) {
                    failed += write(g, done(pending.poll()));
                }
                if (batch.last()) {
                    break;
                }
                batch = Batch.read(null, batch.nextLineNo(), lines);
            }
            while (!pending.isEmpty()) {
                failed += write(g, done(pending.poll()));
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Consecutive lines of the input (blank ones included, so that line numbers hold). */
    private record Batch(List<byte[]> lines, int firstLineNo, boolean last) {
        static final int LINES = 64;

        /** Up to {@link #LINES} lines, starting with {@code first} when given. */
        static Batch read(byte[] first, int firstLineNo, Lines lines) throws IOException {
            List<byte[]> batch = new ArrayList<>(LINES);
            byte[] line = first == null ? lines.next() : first;
            while (line != null) {
                batch.add(line);
                if (batch.size() == LINES) {
                    return new Batch(batch, firstLineNo, false);
                }
                line = lines.next();
            }
            return new Batch(batch, firstLineNo, true);
        }

        int nextLineNo() {
            return firstLineNo + lines.size();
        }
    }

    /** A batch's answers, one compact JSON value per non-blank line, and how many of them are errors. */
    private record Answers(byte[] json, int failed) {}

    private Answers answer(Batch batch) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 12);
        int failed = 0;
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            int lineNo = batch.firstLineNo();
            for (byte[] line : batch.lines()) {
                if (!blank(line)) {
                    try {
                        SimulateCustomPolicy.write(g, evaluate(new Item(readLine(line, lineNo), lineNo, lineNo)));
                    } catch (SimulateInputException e) {
                        failed++;
                        writeError(g, lineNo, e.getMessage());
                    }
                    g.writeRaw('\n');
                }
                lineNo++;
            }
        }
        return new Answers(buffer.toByteArray(), failed);
    }

    private static int write(JsonGenerator g, Answers answers) throws IOException {
        g.flush();
        Object target = g.getOutputTarget();
        if (target instanceof OutputStream out) {
            out.write(answers.json());
        } else {
            ((Writer) target).write(new String(answers.json(), StandardCharsets.UTF_8));
        }
        return answers.failed();
    }

    private static Answers done(Future<Answers> answers) throws IOException {
        try {
            return answers.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while simulating");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static JsonNode readLine(byte[] line, int lineNo) {
        try {
            JsonNode node = ONE_OBJECT.readValue(line);
            if (node == null || !node.isObject()) {
                throw new SimulateInputException("each request must be a JSON object", lineNo, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            SimulateInputException s = syntax(e);
            throw new SimulateInputException(
                    s.getMessage().substring(s.getMessage().indexOf("column ")), lineNo, e);
        } catch (IOException e) {
            throw new SimulateInputException("cannot read: " + e.getMessage(), lineNo, e);
        }
    }

    /** Lines cut from a byte stream at {@code \n}; a {@code \r} before it (Windows line breaks) is dropped. */
    private static final class ByteLines {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int start;
        private int end;
        private boolean eof;

        ByteLines(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buf[i] == '\n') {
                        byte[] line = Arrays.copyOfRange(buf, start, i > start && buf[i - 1] == '\r' ? i - 1 : i);
                        start = i + 1;
                        return line;
                    }
                }
                scanned = end;
                if (eof) {
                    if (start == end) {
                        return null;
                    }
                    byte[] line = Arrays.copyOfRange(buf, start, end > start && buf[end - 1] == '\r' ? end - 1 : end);
                    start = end;
                    return line;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    scanned -= start;
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            }
        }
    }

    private static void writeError(JsonGenerator g, int line, String message) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("Error");
        g.writeNumberField("Line", line);
        g.writeStringField("Message", message);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One request, or requests concatenated over lines: an invalid one stops the run, naming its line. */
    private void streamed(JsonParser p, JsonGenerator g) throws IOException {
        p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.setRootValueSeparator(null);
        try {
            Item current = next(p);
            if (current == null) {
                throw new SimulateInputException("the input holds no request (expected a JSON object or JSON Lines)");
            }
            boolean first = true;
            while (current != null) {
                List<SimulateCustomPolicy.Result> results = evaluate(current);
                Item following = next(p);
                boolean single = first && following == null;
                if (single && current.endLine > current.line) {
                    g.useDefaultPrettyPrinter();
                }
                SimulateCustomPolicy.write(g, results);
                g.writeRaw('\n');
                first = false;
                current = following;
            }
        } finally {
            g.flush(); // hands over what the generator buffered: responses before an error are kept
        }
    }

    private record Item(JsonNode node, int line, int endLine) {}

    private static Item next(JsonParser p) throws IOException {
        JsonToken t;
        try {
            t = p.nextToken();
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
        if (t == null) {
            return null;
        }
        int line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
            throw new SimulateInputException("each request must be a JSON object, found " + t.asString(), line, null);
        }
        try {
            JsonNode node = SimulateCustomPolicy.MAPPER.readTree(p);
            return new Item(node, line, p.currentLocation().getLineNr());
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
    }

    private static SimulateInputException syntax(JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        String msg = e.getOriginalMessage() == null
                ? "not valid JSON"
                : e.getOriginalMessage().split("\n")[0];
        return new SimulateInputException("column " + column + ": not valid JSON: " + msg, line, e);
    }

    private List<SimulateCustomPolicy.Result> evaluate(Item item) {
        try {
            return SimulateCustomPolicy.evaluate(SimulateCustomPolicy.read(item.node(), cache));
        } catch (SimulateInputException e) {
            throw e.atLine(item.line());
        }
    }
}
