package io.iamdrift.diff;

import io.iamdrift.policy.ResourceSet;
import io.iamdrift.policy.Statement;
import java.util.List;
import java.util.TreeSet;

/**
 * What one statement says about each action it names: the resources (or, for NotResource, the excluded
 * resources) and the canonical condition block.
 */
record Entry(boolean notResource, List<String> patterns, ConditionBlock conditions) {

    static Entry of(Statement s) {
        ResourceSet rs = s.resources();
        boolean neg = rs != null && rs.negated();
        List<String> patterns = rs == null ? List.of("*") : List.copyOf(new TreeSet<>(rs.patterns()));
        return new Entry(neg, patterns, ConditionBlock.of(s.conditions(), s.principals()));
    }

    /** Whether this entry applies to every resource matching {@code pattern}, whenever {@code cond} holds. */
    boolean coversPattern(String pattern, ConditionBlock cond) {
        if (!conditions.impliedBy(cond)) {
            return false;
        }
        if (notResource) {
            for (String excluded : patterns) {
                if (Glob.mayOverlap(excluded, pattern, false)) {
                    return false;
                }
            }
            return true;
        }
        for (String p : patterns) {
            if (Glob.covers(p, pattern, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this entry applies to every resource outside {@code excluded} (a NotResource entry), whenever
     * {@code cond} holds.
     */
    boolean coversAllBut(List<String> excluded, ConditionBlock cond) {
        if (!conditions.impliedBy(cond)) {
            return false;
        }
        if (notResource) {
            // my exclusions must lie inside theirs
            for (String mine : patterns) {
                boolean inside = false;
                for (String theirs : excluded) {
                    if (Glob.covers(theirs, mine, false)) {
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
        for (String p : patterns) {
            if (isAllStars(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean isAllStars(String p) {
        if (p.isEmpty()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }
}
