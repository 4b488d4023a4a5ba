package io.iamdrift.report;

/**
 * A report (or finding) JSON document that cannot be read: not JSON, or a field missing or of the wrong kind.
 * The message names the JSON pointer (and the line and column for syntax errors), so the command line can
 * report it as an input error (exit code 1).
 */
public class ReportFormatException extends IllegalArgumentException {

    private final String pointer;

    public ReportFormatException(String pointer, String message) {
        super((pointer == null || pointer.isEmpty() ? "/" : pointer) + ": " + message);
        this.pointer = pointer == null || pointer.isEmpty() ? "/" : pointer;
    }

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
        this.pointer = null;
    }

    /** The JSON pointer of the offending value, or {@code null} for a syntax error. */
    public String pointer() {
        return pointer;
    }
}
