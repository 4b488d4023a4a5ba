package io.iamdrift.diff;

/** The outcome of a semantic diff (contract section 6). */
public enum Verdict {
    /** Neither document allows anything the other does not. */
    EQUIVALENT,
    /** The new document allows more and nothing less. */
    WIDENED,
    /** The new document allows less and nothing more. */
    NARROWED,
    /** Both: something gained, something lost. */
    CHANGED;

    /** Whether the new document may allow something the old one did not. */
    public boolean allowsMore() {
        return this == WIDENED || this == CHANGED;
    }
}
