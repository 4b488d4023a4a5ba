package io.iamdrift.snapshot;

/**
 * A snapshot that cannot be read. The message names the file and either {@code line:column} (JSON syntax) or
 * the JSON pointer (shape), e.g. {@code snapshot.json: /UserDetailList/3/UserName: required string is missing}.
 */
public class SnapshotException extends Exception {

    private final String source;
    private final String pointer;

    public SnapshotException(String source, String pointer, String message) {
        this(source, pointer, message, null);
    }

    public SnapshotException(String source, String pointer, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.pointer = pointer;
    }

    /** The file (or other source name) that could not be read. */
    public String source() {
        return source;
    }

    /** The JSON pointer of the offending value, or {@code null} for syntax and file-level errors. */
    public String pointer() {
        return pointer;
    }
}
