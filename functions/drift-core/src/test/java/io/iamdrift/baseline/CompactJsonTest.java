package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                "{\"a\":[true,false,null,{},[]],\"b\":\"x y/{}[],:\u007f\"}"
            })
    void aCompactAsciiSpanIsWhatJacksonWrites(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(CompactJson.isCompact(bytes, 0, bytes.length)).isTrue();
        assertThat(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(json))).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": 1}",
                "{ \"a\":\"b\"}",
                "{\"a\":\"b\"}\n",
                "{\"a\":-0}",
                "{\"a\":1e3}",
                "{\"a\":[1.50]}",
                "{\"a\":\"x\\\"y\"}",
                "{\"a\":\"\\u0041\"}",
                "{\"a\":\"café\"}"
            })
    void aSpanJacksonMayWriteOtherwiseIsNotCompact(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(CompactJson.isCompact(bytes, 0, bytes.length)).isFalse();
    }
}
