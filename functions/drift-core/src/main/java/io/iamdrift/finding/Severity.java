package io.iamdrift.finding;

import java.util.Locale;

/** Finding severities, most severe first. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** True when this severity is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** The less severe of the two. */
    public Severity capAt(Severity cap) {
        return atLeast(cap) ? cap : this;
    }

    /** Parses a severity name case-insensitively; throws IllegalArgumentException naming the valid values. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown severity \"" + text + "\" (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)");
        }
    }
}
