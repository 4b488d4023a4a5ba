package io.iamdrift.diff;

import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.policy.ResourceSet;
import io.iamdrift.policy.Statement;
import java.util.List;
import java.util.TreeSet;

/**
 * What one statement says about each action it names: the resources (or, for NotResource, the excluded
 * resources) and the canonical condition block. Resources are compared with the evaluator's own ARN rules
 * ({@link ArnPattern}), so the diff and the evaluator never disagree on what a pattern reaches.
 *
 * @param compiled the patterns compiled, in the same order
 */
record Entry(boolean notResource, List<String> patterns, List<ArnPattern> compiled, ConditionBlock conditions) {

    static Entry of(Statement s, boolean variablesEnabled) {
        ResourceSet rs = s.resources();
        boolean neg = rs != null && rs.negated();
        List<String> patterns = rs == null ? List.of("*") : List.copyOf(new TreeSet<>(rs.patterns()));
        List<ArnPattern> compiled = patterns.stream()
                .map(p -> ArnPattern.compile(p, variablesEnabled))
                .toList();
        return new Entry(neg, patterns, compiled, ConditionBlock.of(s.conditions(), s.principals()));
    }

    /** Whether this entry applies to every resource matching {@code pattern}, whenever {@code cond} holds. */
    boolean coversPattern(ArnPattern pattern, ConditionBlock cond) {
        if (!conditions.impliedBy(cond)) {
            return false;
        }
        if (notResource) {
            for (ArnPattern excluded : compiled) {
                if (excluded.mayOverlap(pattern)) {
                    return false;
                }
            }
            return true;
        }
        for (ArnPattern p : compiled) {
            if (p.covers(pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this entry applies to every resource outside {@code excluded} (a NotResource entry), whenever
     * {@code cond} holds.
     */
    boolean coversAllBut(List<ArnPattern> excluded, ConditionBlock cond) {
        if (!conditions.impliedBy(cond)) {
            return false;
        }
        if (notResource) {
            // my exclusions must lie inside theirs
            for (ArnPattern mine : compiled) {
                boolean inside = false;
                for (ArnPattern theirs : excluded) {
                    if (theirs.covers(mine)) {
                        inside = true;
                        break;
                    }
                }
                if (!inside) {
                    return false;
                }
            }
            return true;
        }
        for (ArnPattern p : compiled) {
            if (p.matchesEverything()) {
                return true;
            }
        }
        return false;
    }
}
