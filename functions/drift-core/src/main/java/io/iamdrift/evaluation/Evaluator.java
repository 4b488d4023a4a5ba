package io.iamdrift.evaluation;

import java.util.List;

/** Evaluates requests against policy sets following AWS's policy evaluation logic. */
public final class Evaluator {

    private Evaluator() {}

    public static Decision evaluate(PolicySet set, Request request) {
        return new Decision(EvalDecision.IMPLICIT_DENY, List.of(), true, List.of());
    }
}
