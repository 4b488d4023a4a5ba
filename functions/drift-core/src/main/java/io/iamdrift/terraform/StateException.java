package io.iamdrift.terraform;

import io.iamdrift.baseline.BaselineProblem;

/** A state file that cannot be used at all; the message names the file and the JSON pointer. */
public final class StateException extends Exception {

    private final transient BaselineProblem problem;

    public StateException(String source, String pointer, String reason) {
        super(new BaselineProblem(source, pointer, reason).toString());
        this.problem = new BaselineProblem(source, pointer, reason);
    }

    /** The same, as a baseline problem (becomes BASELINE_INVALID in an audit). */
    public BaselineProblem problem() {
        return problem;
    }
}
