package io.iamdrift.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The one timestamp reader for snapshots, credential reports and reports.
 *
 * <p>Reads ISO-8601 with an offset or {@code Z} (AWS CLI v1 {@code 2024-01-15T10:20:30Z}, CLI v2 and the
 * credential report {@code 2024-01-15T10:20:30+00:00}, with or without fractions of a second) and Python's
 * {@code str(datetime)} form that boto3 users write with {@code json.dumps(..., default=str)}, e.g. cloudsplaining's
 * {@code download}: {@code 2023-03-09 10:41:45+00:00}. A time without an offset is refused: its zone is a guess.
 *
 * <p>A snapshot holds tens of thousands of timestamps, nearly all in the forms above: those are read field by
 * field (digits at fixed places, ranges checked by {@link LocalDate#of}); anything else goes to
 * {@link OffsetDateTime#parse}, which decides what the fast reading declines, so both accept the same texts.
 */
public final class Timestamps {

    private static final int SECONDS_PER_DAY = 86_400;

    private Timestamps() {}

    /**
     * @throws IllegalArgumentException {@code expected an ISO-8601 timestamp, found "..."} when it is none of those
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an ISO-8601 timestamp, found null");
        }
        Instant fast = common(text);
        if (fast != null) {
            return fast;
        }
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("expected an ISO-8601 timestamp, found \"" + text + "\"", e);
        }
    }

    /**
     * {@code yyyy-MM-dd(T| )HH:mm:ss[.f{1,9}](Z|±HH:mm)} read without a formatter, or {@code null} when the text
     * is not exactly that (or names no real date and time: the general reader then says why).
     */
    private static Instant common(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(
                epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
