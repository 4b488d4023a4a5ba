package io.iamdrift.audit;

import io.iamdrift.catalog.ActionPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A principal's Allow statements by the service their actions name, so that "which statements may allow
 * {@code s3:GetObject}?" tries the few naming {@code s3} (and those whose service is a wildcard, or NotAction),
 * not all of them. Candidates come in policy order, as the evaluator's "first allowing statement" needs.
 */
final class GrantIndex {

    private final List<RunContext.AllowGrant> grants;
    /** Positions in {@link #grants}, ascending, per lower-case service prefix. */
    private final Map<String, int[]> byService = new HashMap<>();
    /** Positions of the grants that may name any service (NotAction, {@code *}, a wildcard in the service). */
    private final int[] anyService;

    private static final int[] NONE = {};

    GrantIndex(List<RunContext.AllowGrant> grants) {
        this.grants = grants;
        Map<String, List<Integer>> services = new HashMap<>();
        List<Integer> any = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            RunContext.AllowGrant g = grants.get(i);
            boolean anyServiceGrant = g.notAction();
            for (ActionPattern p : g.patterns()) {
                String service = p.literalService().orElse(null);
                if (service == null) {
                    anyServiceGrant = true;
                } else {
                    List<Integer> at = services.computeIfAbsent(service, k -> new ArrayList<>());
                    if (at.isEmpty() || at.get(at.size() - 1) != i) {
                        at.add(i);
                    }
                }
            }
            if (anyServiceGrant) {
                any.add(i);
            }
        }
        services.forEach((k, v) ->
                byService.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        anyService = any.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The grants that may name the action: a superset of those that do, in policy order. */
    List<RunContext.AllowGrant> candidates(String action) {
        String service = ActionPattern.literalServiceOf(action);
        if (service == null) {
            return grants; // an action without a plain service part: try every statement
        }
        int[] named = byService.getOrDefault(service, NONE);
        List<RunContext.AllowGrant> out = new ArrayList<>(named.length + anyService.length);
        int i = 0;
        int j = 0;
        int last = -1;
        while (i < named.length || j < anyService.length) {
            int next = j >= anyService.length || (i < named.length && named[i] < anyService[j])
                    ? named[i++]
                    : anyService[j++];
            if (next != last) {
                out.add(grants.get(next));
                last = next;
            }
        }
        return out;
    }
}
