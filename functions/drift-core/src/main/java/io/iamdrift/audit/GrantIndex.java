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
    /**
     * The lower-case service prefixes the grants name and, at the same position, their candidates: the grants
     * naming the service and those that may name any service. A principal's grants name a few services: a scan
     * compares them in place, where a map look-up would cut the service out of every action asked.
     */
    private final String[] services;

    private final List<List<RunContext.AllowGrant>> candidates;
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
        this.services = services.keySet().toArray(String[]::new);
        List<List<RunContext.AllowGrant>> lists = new ArrayList<>(this.services.length);
        for (String service : this.services) {
            BitSet named = services.get(service);
            named.or(any);
            lists.add(inOrder(named));
        }
        this.candidates = List.copyOf(lists);
    }

    private List<RunContext.AllowGrant> inOrder(BitSet positions) {
        List<RunContext.AllowGrant> out = new ArrayList<>(positions.cardinality());
        positions.stream().forEach(i -> out.add(grants.get(i)));
        return List.copyOf(out);
    }

    /** The grants that may name the action: a superset of those that do, in policy order. */
    List<RunContext.AllowGrant> candidates(String action) {
        int colon = ActionPattern.literalServiceEnd(action);
        if (colon < 0) {
            return grants; // an action without a plain service part: try every statement
        }
        for (int i = 0; i < services.length; i++) {
            String service = services[i];
            if (service.length() == colon && action.regionMatches(true, 0, service, 0, colon)) {
                return candidates.get(i);
            }
        }
        return anyService;
    }

    /** Whether some grant may allow the action (a necessary condition for it to be allowed). */
    boolean mayAllow(String action) {
        List<RunContext.AllowGrant> candidates = candidates(action);
        for (int i = 0, n = candidates.size(); i < n; i++) {
            if (candidates.get(i).mayAllow(action)) {
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
        return pattern.literalService().isPresent()
                ? !candidates(pattern.pattern()).isEmpty()
                : !grants.isEmpty();
    }
}
