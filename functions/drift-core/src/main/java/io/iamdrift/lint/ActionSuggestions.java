package io.iamdrift.lint;

import io.iamdrift.diff.ActionSpace;
import io.iamdrift.internal.Glob;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Did you mean" for action names the catalog does not know. A suggestion never steers towards a more
 * destructive action: it never drops a qualifier ({@code s3:DeleteBucket} for {@code s3:DeleteBucketCORS}
 * widens a configuration change into deleting the bucket), and it never turns another verb into Delete,
 * Remove or Terminate. An API name that is not a permission name ({@code DeleteBucketCors}) is answered with
 * the permission of the same resource that AWS documents for it when one exists ({@code s3:PutBucketCORS}).
 */
final class ActionSuggestions {

    private static final Pattern VERB =
            Pattern.compile("^(Delete|Remove|Put|Get|Create|Update|List|Describe|Set|Attach|Detach|Terminate)(.+)$");
    private static final Set<String> DESTRUCTIVE = Set.of("delete", "remove", "terminate", "detach");

    private final ActionSpace space;
    private final Map<String, String> memo = new ConcurrentHashMap<>();
    private volatile Set<String> prefixes;

    ActionSuggestions(ActionSpace space) {
        this.space = space;
    }

    /** Why a pattern matches nothing, with the likely intended name; memoised (edit distances are costly). */
    String hint(String pattern) {
        return memo.computeIfAbsent(pattern, this::compute);
    }

    private String compute(String p) {
        int colon = p.indexOf(':');
        if (colon <= 0) {
            return " is not of the form service:Action.";
        }
        String prefix = p.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!Glob.hasWildcard(prefix) && !prefixes().contains(prefix)) {
            String near = closest(prefix, prefixes(), prefix);
            return " names an unknown service prefix \"" + prefix + "\""
                    + (near == null ? "." : "; did you mean \"" + near + "\"?");
        }
        String near = Glob.hasWildcard(p) ? null : suggest(p, space.service(prefix));
        return " matches no known action" + (near == null ? "." : "; did you mean " + near + "?");
    }

    /** The permission meant by an unknown action name, or {@code null} when no safe suggestion exists. */
    static String suggest(String typed, Set<String> serviceActions) {
        String name = typed.substring(typed.indexOf(':') + 1);
        Matcher m = VERB.matcher(name);
        if (m.matches() && DESTRUCTIVE.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            // The API that removes a configuration is often authorised by the permission that writes it.
            String object = m.group(2).toLowerCase(Locale.ROOT);
            for (String a : serviceActions) {
                String an = a.substring(a.indexOf(':') + 1);
                if (an.equalsIgnoreCase("Put" + object)) {
                    return a;
                }
            }
        }
        return closest(typed, serviceActions, typed);
    }

    /** The closest candidate by edit distance (case-insensitive) that is no more destructive than the typed name. */
    static String closest(String word, Iterable<String> candidates, String typed) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (moreDestructive(c, typed)) {
                continue;
            }
            int d = distance(w, c.toLowerCase(Locale.ROOT), bestD);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, w.length() / 4) ? best : null;
    }

    /** Whether suggesting {@code candidate} for {@code typed} would widen what the statement does. */
    static boolean moreDestructive(String candidate, String typed) {
        String c = candidate.toLowerCase(Locale.ROOT);
        String t = typed.toLowerCase(Locale.ROOT);
        if (t.startsWith(c) && t.length() > c.length()) {
            return true; // drops a qualifier: DeleteBucket for DeleteBucketCORS
        }
        String cv = verb(candidate);
        String tv = verb(typed);
        return cv != null && DESTRUCTIVE.contains(cv) && !cv.equals(tv);
    }

    private static String verb(String action) {
        Matcher m = VERB.matcher(action.substring(action.indexOf(':') + 1));
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private Set<String> prefixes() {
        Set<String> p = prefixes;
        if (p == null) {
            p = new TreeSet<>();
            for (String a : space.all()) {
                p.add(a.substring(0, a.indexOf(':')));
            }
            prefixes = p;
        }
        return p;
    }

    private static int distance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) >= cap) {
            return cap;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
