package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void readsEveryTextAsTheJdksIsoReaderDoes() {
        List<String> texts = new ArrayList<>(List.of(
                "2024-02-29T23:59:59Z",
                "2023-02-29T10:00:00Z",
                "2023-04-31T10:00:00Z",
                "2023-13-01T10:00:00Z",
                "2023-00-10T10:00:00Z",
                "2023-01-10T24:00:00Z",
                "2023-01-10T23:60:00Z",
                "2023-01-10T23:59:60Z",
                "2023-01-10T10:20Z",
                "2023-01-10T10:20:30.Z",
                "2023-01-10T10:20:30.123456789Z",
                "2023-01-10T10:20:30.1234567891Z",
                "2023-01-10T10:20:30.5-05:30",
                "2023-01-10T10:20:30+18:00",
                "2023-01-10T10:20:30+18:01",
                "2023-01-10T10:20:30-00:00",
                "2023-01-10T10:20:30+0000",
                "2023-01-10T10:20:30+00",
                "2023-01-10T10:20:30+00:00:00",
                "2023-01-10T10:20:30z",
                "2023-01-10t10:20:30Z",
                "+2023-01-10T10:20:30Z",
                "2023-1-10T10:20:30Z",
                "0000-01-01T00:00:00Z",
                "2023-01-10T10:20:30Z "));
        Random random = new Random(14);
        String alphabet = "0123456789-:T .Z+";
        for (int i = 0; i < 20_000; i++) {
            char[] t = "2023-03-09T10:41:45.250+02:00".toCharArray();
            for (int k = random.nextInt(3); k >= 0; k--) {
                t[random.nextInt(t.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            texts.add(new String(t, 0, 19 + random.nextInt(t.length - 18)));
        }
        for (String text : texts) {
            Instant expected = jdkReading(text);
            if (expected == null) {
                assertThatThrownBy(() -> Timestamps.parse(text))
                        .as(text)
                        .hasMessage("expected an ISO-8601 timestamp, found \"" + text + "\"");
            } else {
                assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
            }
        }
    }

    /** The reading the class documents: {@link OffsetDateTime#parse} after boto3's space becomes a T. */
    private static Instant jdkReading(String text) {
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
