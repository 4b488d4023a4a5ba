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

    /** Per service slot, the patterns with a wildcard in the action part. */
    private final Glob[][] byService;
    /**
     * Per service slot, the literal action names (as written; open addressing, power-of-two size, null
     * slots empty): an Action element listing twenty names of a service is one look-up, not twenty comparisons.
     */
    private final String[][] namesByService;

    private final int mask;

    private ActionMatcher(List<String> patterns) {
        boolean matchAll = false;
        List<Glob> wholeList = new ArrayList<>();
        Map<String, List<String>> map = new LinkedHashMap<>();
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
                    .add(p.substring(colon + 1));
        }
        all = matchAll;
        whole = wholeList.toArray(new Glob[0]);
        int size = Integer.highestOneBit(Math.max(1, map.size()) * 2 - 1) * 2;
        services = new String[size];
        byService = new Glob[size][];
        namesByService = new String[size][];
        mask = size - 1;
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            String s = e.getKey();
            int h = hash(s, 0, s.length()) & mask;
            while (services[h] != null) {
                h = (h + 1) & mask;
            }
            services[h] = s;
            List<Glob> globs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String name : e.getValue()) {
                if (Glob.hasWildcard(name)) {
                    globs.add(glob(name));
                } else {
                    names.add(name);
                }
            }
            byService[h] = globs.toArray(new Glob[0]);
            namesByService[h] = names.isEmpty() ? null : table(names);
        }
    }

    /** An open-addressing table of the names, at most half full. */
    private static String[] table(List<String> names) {
        String[] table = new String[Integer.highestOneBit(names.size() * 2 - 1) * 2];
        int m = table.length - 1;
        for (String name : names) {
            int h = hash(name, 0, name.length()) & m;
            while (table[h] != null) {
                if (table[h].equals(name)) {
                    break;
                }
                h = (h + 1) & m;
            }
            table[h] = name;
        }
        return table;
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
            int h = hash(action, 0, colon) & mask;
            String s;
            while ((s = services[h]) != null) {
                if (s.length() == colon && action.regionMatches(true, 0, s, 0, colon)) {
                    if (named(namesByService[h], action, colon + 1)) {
                        return true;
                    }
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

    /** Whether the table holds {@code action.substring(from)}, compared as {@link String#regionMatches} ignores case. */
    private static boolean named(String[] table, String action, int from) {
        if (table == null) {
            return false;
        }
        int len = action.length() - from;
        int m = table.length - 1;
        int h = hash(action, from, action.length()) & m;
        String name;
        while ((name = table[h]) != null) {
            if (name.length() == len && action.regionMatches(true, from, name, 0, len)) {
                return true;
            }
            h = (h + 1) & m;
        }
        return false;
    }

    /**
     * A hash of {@code s[from, to)} that agrees with {@link String#regionMatches}'s case-insensitive equality: it
     * folds each character as that comparison does (upper case, then lower case), so equal texts hash alike.
     */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            } else if (c >= 128) {
                c = Character.toLowerCase(Character.toUpperCase(c));
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }
}
