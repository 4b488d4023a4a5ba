package io.iamdrift.audit;

import io.iamdrift.catalog.ActionPattern;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A principal's Allow statements by the service their actions name, so that "which statements may allow
 * {@code s3:GetObject}?" tries the few naming {@code s3} (and those whose service is a wildcard, or NotAction),
 * not all of them. Candidates come in policy order, as the evaluator's "first allowing statement" needs; each
 * service's list is built once, so a question allocates nothing.
 */
final class GrantIndex {

    private final List<RunContext.AllowGrant> grants;
    /** The candidates per lower-case service prefix: the grants naming it and those that may name any service. */
    private final Map<String, List<RunContext.AllowGrant>> byService = new HashMap<>();
    /** The grants that may name any service (NotAction, {@code *}, a wildcard in the service). */
    private final List<RunContext.AllowGrant> anyService;

    GrantIndex(List<RunContext.AllowGrant> grants) {
        this.grants = grants;
        Map<String, BitSet> services = new HashMap<>();
        BitSet any = new BitSet(grants.size());
        for (int i = 0; i < grants.size(); i++) {
            RunContext.AllowGrant g = grants.get(i);
            if (g.notAction()) {
                any.set(i);
            }
            for (ActionPattern p : g.patterns()) {
                String service = p.literalService().orElse(null);
                if (service == null) {
                    any.set(i);
                } else {
                    services.computeIfAbsent(service, k -> new BitSet(grants.size()))
                            .set(i);
                }
            }
        }
        this.anyService = inOrder(any);
        services.forEach((service, named) -> {
            named.or(any);
            byService.put(service, inOrder(named));
        });
    }

    private List<RunContext.AllowGrant> inOrder(BitSet positions) {
        List<RunContext.AllowGrant> out = new ArrayList<>(positions.cardinality());
        positions.stream().forEach(i -> out.add(grants.get(i)));
        return List.copyOf(out);
    }

    /** The grants that may name the action: a superset of those that do, in policy order. */
    List<RunContext.AllowGrant> candidates(String action) {
        String service = ActionPattern.literalServiceOf(action);
        if (service == null) {
            return grants; // an action without a plain service part: try every statement
        }
        return byService.getOrDefault(service, anyService);
    }

    /** Whether some grant may allow the action (a necessary condition for it to be allowed). */
    boolean mayAllow(String action) {
        for (RunContext.AllowGrant g : candidates(action)) {
            if (g.mayAllow(action)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some grant may allow an action the pattern matches: false only when the pattern names one service
     * and no grant may name that service.
     */
    boolean mayAllowSome(ActionPattern pattern) {
        return pattern.literalService()
                .map(s -> !byService.getOrDefault(s, anyService).isEmpty())
                .orElse(!grants.isEmpty());
    }
}
