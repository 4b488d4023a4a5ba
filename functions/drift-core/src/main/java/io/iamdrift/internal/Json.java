package io.iamdrift.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The application's one Jackson mapper, strictly configured, and the readers derived from it. Everything that
 * reads or writes JSON (policies, baselines, Terraform state, reports, alert state, simulate requests, SDK-side
 * payloads) goes through it, so one set of rules holds everywhere:
 *
 * <ul>
 *   <li>a duplicate key is an error (IAM rejects such a policy; elsewhere the last value would silently win);</li>
 *   <li>text after the first JSON value is an error;</li>
 *   <li>nesting deeper than {@value #MAX_NESTING} is an error (no input of ours comes near it);</li>
 *   <li>a stream handed to a writer is flushed, never closed: its owner closes it.</li>
 * </ul>
 *
 * <p>Callers that need other settings derive a reader or writer ({@code MAPPER.reader().with(...)},
 * {@code MAPPER.writer().with(...)}) instead of building a mapper. Thread-safe.
 */
public final class Json {

    /** The deepest nesting of arrays and objects accepted in any input. */
    public static final int MAX_NESTING = 256;

    /** The shared mapper. Do not reconfigure it: derive a reader or writer. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /**
     * Reads numbers with a fraction as exact {@link java.math.BigDecimal}s, as written ({@code 1.50} stays
     * {@code 1.50}): policy documents, whose numeric condition values must compare as IAM compares them.
     */
    public static final ObjectReader EXACT = MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JsonNodeFactory.withExactBigDecimals(true));

    private Json() {}
}
