package io.iamdrift.diff;

/**
 * IAM-style glob patterns ({@code *}: any run of characters, {@code ?}: one character) over action names and
 * resource ARNs: matching, containment between two patterns, and a conservative overlap test.
 *
 * <p>Policy variables ({@code ${aws:username}}) are compared as literal text: a pattern with a variable
 * contains another only if the other has the same variable at the same place, or the container has a
 * {@code *} there. That errs towards "not contained", which the diff reports as a change.
 */
public final class Glob {

    private Glob() {}

    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** Whether {@code text} (no wildcards of its own) matches {@code pattern}. */
    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        int pl = pattern.length();
        int tl = text.length();
        while (t < tl) {
            if (p < pl) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (pc == '?' || same(pc, text.charAt(t), ignoreCase)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            t = ++starT;
        }
        while (p < pl && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pl;
    }

    /**
     * Whether every string that {@code inner} matches is also matched by {@code outer}. Sound (a true answer
     * is always right) and exact for the patterns that appear in policies: {@code inner}'s {@code *} can only
     * be absorbed by a {@code *} of {@code outer}, its {@code ?} by a {@code ?} or {@code *}.
     */
    public static boolean covers(String outer, String inner, boolean ignoreCase) {
        if (outer.equals("*") || outer.equals(inner)) {
            return true;
        }
        if (!hasWildcard(outer)) {
            return ignoreCase && !hasWildcard(inner) && outer.equalsIgnoreCase(inner);
        }
        if (!hasWildcard(inner)) {
            return matches(outer, inner, ignoreCase);
        }
        int ol = outer.length();
        int il = inner.length();
        // next[j]: does outer[i+1..] cover inner[j..]; cur[j]: does outer[i..] cover inner[j..]
        boolean[] next = new boolean[il + 1];
        boolean[] cur = new boolean[il + 1];
        next[il] = true;
        for (int i = ol - 1; i >= 0; i--) {
            char oc = outer.charAt(i);
            cur[il] = oc == '*' && next[il];
            for (int j = il - 1; j >= 0; j--) {
                char ic = inner.charAt(j);
                boolean v;
                if (oc == '*') {
                    v = next[j] || cur[j + 1];
                } else if (oc == '?') {
                    v = ic != '*' && next[j + 1];
                } else {
                    v = ic != '*' && ic != '?' && same(oc, ic, ignoreCase) && next[j + 1];
                }
                cur[j] = v;
            }
            boolean[] t = next;
            next = cur;
            cur = t;
        }
        return next[0];
    }

    /**
     * Whether some string could match both patterns. Conservative: false only when the literal text before
     * the first wildcard, or after the last one, proves them disjoint.
     */
    public static boolean mayOverlap(String a, String b, boolean ignoreCase) {
        boolean wa = hasWildcard(a);
        boolean wb = hasWildcard(b);
        if (!wa && !wb) {
            return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
        }
        if (!wa) {
            return matches(b, a, ignoreCase);
        }
        if (!wb) {
            return matches(a, b, ignoreCase);
        }
        String pa = literalPrefix(a);
        String pb = literalPrefix(b);
        if (!prefixCompatible(pa, pb, ignoreCase)) {
            return false;
        }
        String sa = literalSuffix(a);
        String sb = literalSuffix(b);
        return suffixCompatible(sa, sb, ignoreCase);
    }

    private static String literalPrefix(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) != '*' && s.charAt(i) != '?') {
            i++;
        }
        return s.substring(0, i);
    }

    private static String literalSuffix(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) != '*' && s.charAt(i - 1) != '?') {
            i--;
        }
        return s.substring(i);
    }

    private static boolean prefixCompatible(String a, String b, boolean ic) {
        int n = Math.min(a.length(), b.length());
        return a.regionMatches(ic, 0, b, 0, n);
    }

    private static boolean suffixCompatible(String a, String b, boolean ic) {
        int n = Math.min(a.length(), b.length());
        return a.regionMatches(ic, a.length() - n, b, b.length() - n, n);
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
