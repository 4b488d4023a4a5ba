package io.iamdrift.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The one timestamp reader for snapshots, credential reports and reports.
 *
 * <p>Reads ISO-8601 with an offset or {@code Z} (AWS CLI v1 {@code 2024-01-15T10:20:30Z}, CLI v2 and the
 * credential report {@code 2024-01-15T10:20:30+00:00}, with or without fractions of a second) and Python's
 * {@code str(datetime)} form that boto3 users write with {@code json.dumps(..., default=str)}, e.g. cloudsplaining's
 * {@code download}: {@code 2023-03-09 10:41:45+00:00}. A time without an offset is refused: its zone is a guess.
 */
public final class Timestamps {

    private Timestamps() {}

    /**
     * @throws IllegalArgumentException {@code expected an ISO-8601 timestamp, found "..."} when it is none of those
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an ISO-8601 timestamp, found null");
        }
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("expected an ISO-8601 timestamp, found \"" + text + "\"", e);
        }
    }
}
