package io.iamdrift.escalation;

import io.iamdrift.internal.Glob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resources the Allow statements naming an action may grant it on ({@link Access#resourcePatterns}): any
 * resource, or exact ARNs and wildcard patterns. A necessary condition only: a target it excludes cannot be
 * allowed, one it admits is still judged by the evaluator.
 *
 * @param any whether any resource may be allowed
 * @param exact the ARNs named without wildcards, as written (the evaluator matches resources case-sensitively)
 * @param patterns the patterns with wildcards
 */
public record ResourceScope(boolean any, Set<String> exact, List<Glob> patterns) {

    public ResourceScope {
        exact = Set.copyOf(exact);
        patterns = List.copyOf(patterns);
    }

    public static ResourceScope of(List<String> resourcePatterns) {
        Set<String> exact = new LinkedHashSet<>();
        List<Glob> patterns = new ArrayList<>();
        for (String p : resourcePatterns) {
            if (p.equals("*")) {
                return new ResourceScope(true, Set.of(), List.of());
            }
            if (Glob.hasWildcard(p)) {
                patterns.add(Glob.compile(p, Glob.Mode.RESOURCE, true));
            } else {
                exact.add(p);
            }
        }
        return new ResourceScope(false, exact, patterns);
    }

    /** Whether only exact ARNs are named: the candidates can be looked up instead of scanned. */
    public boolean onlyExact() {
        return !any && patterns.isEmpty();
    }

    public boolean mayMatch(String arn) {
        if (any || exact.contains(arn)) {
            return true;
        }
        for (Glob p : patterns) {
            if (p.matches(arn)) {
                return true;
            }
        }
        return false;
    }
}
