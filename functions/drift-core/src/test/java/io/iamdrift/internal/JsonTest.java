package io.iamdrift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void aDuplicateKeyIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> Json.MAPPER.readTree("{\"Effect\":\"Deny\",\"Effect\":\"Allow\"}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'Effect'");
    }

    @Test
    void textAfterTheValueIsAnError() {
        assertThatThrownBy(() -> Json.MAPPER.readTree("{\"a\":1} {\"b\":2}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Trailing token");
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNamingTheLimit() throws IOException {
        String deep = "[".repeat(Json.MAX_NESTING + 1) + "]".repeat(Json.MAX_NESTING + 1);
        String ok = "[".repeat(Json.MAX_NESTING) + "]".repeat(Json.MAX_NESTING);

        assertThatThrownBy(() -> Json.MAPPER.readTree(deep)).hasMessageContaining("nesting depth");
        assertThat(Json.MAPPER.readTree(ok).isArray()).isTrue();
    }

    @Test
    void aWriterFlushesAStreamButLeavesItOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        Json.MAPPER.writeValue(out, Map.of("a", 1));

        assertThat(out.toString()).isEqualTo("{\"a\":1}");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void theExactReaderKeepsDecimalsAsWritten() throws IOException {
        JsonNode exact = Json.EXACT.readTree("{\"n\":1.50,\"big\":0.1000000000000000055511151231257827}");
        JsonNode plain = Json.MAPPER.readTree("{\"n\":1.50}");

        assertThat(exact.get("n").decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(exact.get("big").decimalValue()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(exact.toString()).isEqualTo("{\"n\":1.50,\"big\":0.1000000000000000055511151231257827}");
        assertThat(plain.get("n").isDouble()).isTrue();
    }
}
