package io.iamdrift.evaluation;

/** A compiled Resource-element pattern (ARN glob). */
public final class ArnPattern {

    private final String pattern;

    private ArnPattern(String pattern) {
        this.pattern = pattern;
    }

    public static ArnPattern compile(String pattern) {
        return new ArnPattern(pattern);
    }

    public boolean matches(String arn) {
        return pattern.equals(arn);
    }

    public boolean covers(ArnPattern other) {
        return pattern.equals(other.pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
