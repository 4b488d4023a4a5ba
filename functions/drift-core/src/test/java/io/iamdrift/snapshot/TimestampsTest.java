package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    static final Instant T = Instant.parse("2023-03-09T10:41:45Z");

    @Test
    void readsTheCliTheCredentialReportAndBoto3Forms() {
        assertThat(Timestamps.parse("2023-03-09T10:41:45Z")).isEqualTo(T);
        assertThat(Timestamps.parse("2023-03-09T10:41:45+00:00")).isEqualTo(T);
        assertThat(Timestamps.parse("2023-03-09 10:41:45+00:00"))
                .as("boto3 json.dumps(default=str)")
                .isEqualTo(T);
        assertThat(Timestamps.parse("2023-03-09 12:41:45.250000+02:00")).isEqualTo(T.plusMillis(250));
    }

    @Test
    void refusesATimeWithoutAZoneAndText() {
        assertThatThrownBy(() -> Timestamps.parse("2023-03-09 10:41:45"))
                .hasMessage("expected an ISO-8601 timestamp, found \"2023-03-09 10:41:45\"");
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("\"yesterday\"");
    }
}
