package io.iamdrift.policy;

/**
 * A policy document that IAM would reject, or that is not JSON. The message names the source, the place
 * (JSON pointer, and line and column for syntax errors) and the reason, e.g.
 * {@code deployer.json: /Statement/1/Effect: unknown Effect "Alow" (expected "Allow" or "Deny")}.
 */
public final class PolicyParseException extends RuntimeException {

    private final String source;
    private final String pointer;
    private final int line;
    private final int column;
    private final String reason;

    public PolicyParseException(String source, String pointer, int line, int column, String reason) {
        super(format(source, pointer, line, column, reason));
        this.source = source;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String source, String pointer, int line, int column, String reason) {
        StringBuilder sb = new StringBuilder(source == null ? "policy" : source).append(": ");
        if (line > 0) {
            sb.append("line ").append(line).append(", column ").append(column).append(": ");
        }
        if (pointer != null && !pointer.isEmpty()) {
            sb.append(pointer).append(": ");
        }
        return sb.append(reason).toString();
    }

    /** Where the document came from (file name, S3 URI, {@code inline:name}). */
    public String source() {
        return source;
    }

    /** JSON pointer of the offending element ({@code ""} for the whole document). */
    public String pointer() {
        return pointer;
    }

    /** One-based line of a syntax error, or 0 when the error is about structure. */
    public int line() {
        return line;
    }

    /** One-based column of a syntax error, or 0. */
    public int column() {
        return column;
    }

    /** The reason alone, without source and place. */
    public String reason() {
        return reason;
    }
}
