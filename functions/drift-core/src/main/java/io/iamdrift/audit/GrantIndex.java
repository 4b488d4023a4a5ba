package io.iamdrift.audit;

import io.iamdrift.catalog.ActionPattern;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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
        int n = grants.size();
        List<String> named = new ArrayList<>(4);
        List<BitSet> naming = new ArrayList<>(4);
        BitSet any = new BitSet(n);
        for (int i = 0; i < n; i++) {
            RunContext.AllowGrant g = grants.get(i);
            if (g.notAction()) {
                any.set(i);
            }
            List<ActionPattern> patterns = g.patterns();
            for (int j = 0, m = patterns.size(); j < m; j++) {
                String service = patterns.get(j).literalService().orElse(null);
                if (service == null) {
                    any.set(i);
                    continue;
                }
                int k = named.indexOf(service); // a principal's grants name a few services
                if (k < 0) {
                    k = named.size();
                    named.add(service);
                    naming.add(new BitSet(n));
                }
                naming.get(k).set(i);
            }
        }
        this.anyService = inOrder(any);
        this.services = named.toArray(String[]::new);
        List<List<RunContext.AllowGrant>> lists = new ArrayList<>(services.length);
        for (BitSet b : naming) {
            b.or(any);
            lists.add(inOrder(b));
        }
        this.candidates = List.copyOf(lists);
    }

    private List<RunContext.AllowGrant> inOrder(BitSet positions) {
        List<RunContext.AllowGrant> out = new ArrayList<>(positions.cardinality());
        for (int i = positions.nextSetBit(0); i >= 0; i = positions.nextSetBit(i + 1)) {
            out.add(grants.get(i));
        }
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
