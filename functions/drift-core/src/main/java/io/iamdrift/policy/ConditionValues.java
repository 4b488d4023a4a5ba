package io.iamdrift.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reading typed condition values: numbers for the Numeric operators, dates for the Date operators. The parser
 * rejects a value these cannot read (unless it holds a policy variable), so that an unreadable value never
 * turns a Deny into a statement that silently matches nothing; the evaluator reads request values the same way.
 */
public final class ConditionValues {

    private ConditionValues() {}

    /** An integer or decimal number ({@code 10}, {@code -3}, {@code 3600.50}, {@code 1e3}); {@code null} if not. */
    public static BigDecimal number(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A date as {epoch seconds, nanos}: ISO 8601 ({@code 2024-01-31}, {@code 2024-01-31T12:00:00Z}, with
     * fractions or an offset; no offset means UTC) or epoch seconds ({@code 1706702400}); {@code null} if
     * neither.
     */
    public static long[] date(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        boolean digits = true;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(i == 0 && ch == '-')) {
                digits = false;
                break;
            }
        }
        if (digits && t.length() <= 18 && !t.equals("-")) { // a lone "-" is no number (found by fuzzing)
            return new long[] {Long.parseLong(t), 0};
        }
        try {
            Instant i;
            if (t.length() == 10) {
                i = LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else if (t.endsWith("Z") || t.endsWith("z")) {
                i = OffsetDateTime.parse(t.substring(0, t.length() - 1) + "Z").toInstant();
            } else if (hasOffset(t)) {
                i = OffsetDateTime.parse(t).toInstant();
            } else {
                i = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
            return new long[] {i.getEpochSecond(), i.getNano()};
        } catch (java.time.DateTimeException e) {
            return parseBasicDate(t);
        }
    }

    private static boolean hasOffset(String t) {
        int tIdx = t.indexOf('T');
        if (tIdx < 0) {
            return false;
        }
        return t.indexOf('+', tIdx) > 0 || t.indexOf('-', tIdx) > 0;
    }

    /** ISO 8601 basic format: {@code 20240131} or {@code 20240131T120000Z}. */
    private static long[] parseBasicDate(String t) {
        try {
            if (t.length() == 8) {
                LocalDate d = LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                return new long[] {d.atStartOfDay().toEpochSecond(ZoneOffset.UTC), 0};
            }
            if (t.length() == 16 && t.charAt(8) == 'T' && (t.endsWith("Z") || t.endsWith("z"))) {
                LocalDate d = LocalDate.parse(t.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                int h = Integer.parseInt(t.substring(9, 11));
                int mi = Integer.parseInt(t.substring(11, 13));
                int se = Integer.parseInt(t.substring(13, 15));
                return new long[] {d.atTime(h, mi, se).toEpochSecond(ZoneOffset.UTC), 0};
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
        return null;
    }
}
