package io.iamdrift.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.List;

/**
 * Runs many SimulateCustomPolicy requests from one input.
 *
 * <ul>
 *   <li>One JSON object (possibly pretty-printed over many lines): one response object, pretty-printed when
 *       the request spanned several lines.</li>
 *   <li>JSON Lines (one request per line; blank lines skipped): one compact response per line, in input
 *       order, streamed as each request is evaluated.</li>
 * </ul>
 *
 * <p>Documents repeated across requests are parsed and compiled once ({@link PolicyCache}). An invalid
 * request stops the run with a {@link SimulateInputException} naming its line; the responses of the lines
 * before it have been written and flushed.
 */
public final class BulkSimulator {

    private static final JsonFactory FACTORY = SimulateCustomPolicy.MAPPER.getFactory();

    private final PolicyCache cache;

    public BulkSimulator() {
        this(new PolicyCache());
    }

    public BulkSimulator(PolicyCache cache) {
        this.cache = cache;
    }

    /** Runs with a fresh cache. */
    public static void run(Reader in, Writer out) throws IOException {
        new BulkSimulator().process(in, out);
    }

    /** Reads every request from {@code in} and writes the responses to {@code out} (flushed, not closed). */
    public void process(Reader in, Writer out) throws IOException {
        Writer w = out instanceof BufferedWriter || out instanceof java.io.StringWriter ? out : new BufferedWriter(out, 1 << 16);
        try (JsonParser p = FACTORY.createParser(in)) {
            process(p, FACTORY.createGenerator(w));
        } finally {
            w.flush();
        }
    }

    /**
     * Byte-stream variant (UTF-8), faster than the character one for large inputs: the CLI's choice for
     * files and standard input.
     */
    public void process(InputStream in, OutputStream out) throws IOException {
        OutputStream o = out instanceof BufferedOutputStream || out instanceof java.io.ByteArrayOutputStream
                ? out : new BufferedOutputStream(out, 1 << 16);
        InputStream i = in instanceof BufferedInputStream || in instanceof java.io.ByteArrayInputStream
                ? in : new BufferedInputStream(in, 1 << 16);
        try (JsonParser p = FACTORY.createParser(i)) {
            process(p, FACTORY.createGenerator(o, com.fasterxml.jackson.core.JsonEncoding.UTF8));
        } finally {
            o.flush();
        }
    }

    /** Runs with a fresh cache over byte streams. */
    public static void run(InputStream in, OutputStream out) throws IOException {
        new BulkSimulator().process(in, out);
    }

    private void process(JsonParser p, JsonGenerator g) throws IOException {
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
        String msg = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage().split("\n")[0];
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
