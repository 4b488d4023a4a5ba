package io.iamdrift.evaluation;

/**
 * A SimulateCustomPolicy request that cannot be evaluated. The message names the place, e.g.
 * {@code line 3: PolicyInputList[1]: /Statement/0/Effect: unknown Effect "Alow" ...} or
 * {@code ActionNames: required}.
 */
public final class SimulateInputException extends IllegalArgumentException {

    private final int line;

    public SimulateInputException(String message) {
        this(message, 0, null);
    }

    public SimulateInputException(String message, int line, Throwable cause) {
        super(line > 0 ? "line " + line + ": " + message : message, cause);
        this.line = line;
    }

    /** One-based line of the request in its input (JSON Lines), or 0 when not known. */
    public int line() {
        return line;
    }

    /** The same error located at a line of the input. */
    SimulateInputException atLine(int newLine) {
        String msg = getMessage();
        if (line > 0) {
            msg = msg.substring(msg.indexOf(": ") + 2);
        }
        return new SimulateInputException(msg, newLine, getCause() != null ? getCause() : this);
    }
}
