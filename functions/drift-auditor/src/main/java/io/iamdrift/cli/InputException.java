package io.iamdrift.cli;

/** A usage or input error: the message names the file and the place in it; exit code 1. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
