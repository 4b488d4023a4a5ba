package io.iamdrift.evaluation.internal;

import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Action/NotAction patterns of one statement, indexed by service prefix. Matching is case-insensitive
 * ("action names are not case sensitive", IAM User Guide, "IAM JSON policy elements: Action") and allocates
 * nothing: the service part of the request action is looked up with a case-insensitive hash over the
 * characters before the colon. Interned per list of patterns: the same Action element recurs across a fleet's
 * policies.
 */
public final class ActionMatcher {

    private static final BoundedCache<List<String>, ActionMatcher> INTERNED = new BoundedCache<>(32_768);

    private final boolean all;
    /** Patterns whose service part holds a wildcard: matched against the whole action. */
    private final Glob[] whole;
    /** Lower-case service prefixes (open addressing, power-of-two size), null slots empty. */
    private final String[] services;

    private final Glob[][] byService;
    private final int mask;

    private ActionMatcher(List<String> patterns) {
        boolean matchAll = false;
        List<Glob> wholeList = new ArrayList<>();
        Map<String, List<Glob>> map = new LinkedHashMap<>();
        for (String p : patterns) {
            if (p.equals("*")) {
                matchAll = true;
                continue;
            }
            int colon = p.indexOf(':');
            String service = colon < 0 ? p : p.substring(0, colon);
            if (colon < 0 || service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
                wholeList.add(glob(p));
                continue;
            }
            map.computeIfAbsent(service.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(glob(p.substring(colon + 1)));
        }
        all = matchAll;
        whole = wholeList.toArray(new Glob[0]);
        int size = Integer.highestOneBit(Math.max(1, map.size()) * 2 - 1) * 2;
        services = new String[size];
        byService = new Glob[size][];
        mask = size - 1;
        for (Map.Entry<String, List<Glob>> e : map.entrySet()) {
            String s = e.getKey();
            int h = hash(s, s.length()) & mask;
            while (services[h] != null) {
                h = (h + 1) & mask;
            }
            services[h] = s;
            byService[h] = e.getValue().toArray(new Glob[0]);
        }
    }

    private static Glob glob(String pattern) {
        return Glob.compile(pattern, Glob.Mode.PLAIN, true);
    }

    public static ActionMatcher compile(List<String> patterns) {
        return INTERNED.get(List.copyOf(patterns), ActionMatcher::new);
    }

    /** Whether one of the patterns matches the action. */
    public boolean matches(String action) {
        if (all) {
            return true;
        }
        int colon = action.indexOf(':');
        if (colon > 0) {
            int h = hash(action, colon) & mask;
            String s;
            while ((s = services[h]) != null) {
                if (s.length() == colon && action.regionMatches(true, 0, s, 0, colon)) {
                    for (Glob g : byService[h]) {
                        if (g.matches(action, colon + 1)) {
                            return true;
                        }
                    }
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        for (Glob g : whole) {
            if (g.matches(action)) {
                return true;
            }
        }
        return false;
    }

    private static int hash(String s, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            } else if (c >= 128) {
                c = Character.toLowerCase(c);
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }
}
