package io.iamdrift.evaluation;

/** The outcome of evaluating one request, spelled as IAM's policy simulator spells it. */
public enum EvalDecision {
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String json;

    EvalDecision(String json) {
        this.json = json;
    }

    /** {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
    public String json() {
        return json;
    }
}
