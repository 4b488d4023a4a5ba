package io.iamdrift.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A compiled IAM action glob, e.g. {@code s3:Get*}, {@code ec2:Describe?ags}, {@code *}: {@code *} matches any
 * sequence of characters (including none, and including {@code :}), {@code ?} exactly one; everything else,
 * service prefix and action name alike, matches case-insensitively.
 *
 * <p>Immutable and thread-safe. {@link #matches(String)} allocates nothing: exact names, {@code prefix*} and
 * {@code *} take fast paths, other globs a linear backtracking match over a pre-lower-cased pattern.
 */
public final class ActionPattern {

    private enum Kind { ANY, EXACT, PREFIX, GLOB }

    private final String pattern;
    private final char[] glob;
    private final String literal;
    private final Kind kind;
    private final String literalService;

    private ActionPattern(String pattern) {
        this.pattern = pattern;
        this.glob = fold(pattern).toCharArray();
        int firstWildcard = firstWildcard(pattern);
        if (firstWildcard < 0) {
            kind = Kind.EXACT;
            literal = pattern;
        } else if (isAllStars(glob)) {
            kind = Kind.ANY;
            literal = "";
        } else if (firstWildcard == pattern.length() - 1 && glob[firstWildcard] == '*') {
            kind = Kind.PREFIX;
            literal = pattern.substring(0, firstWildcard);
        } else {
            kind = Kind.GLOB;
            literal = null;
        }
        int colon = pattern.indexOf(':');
        literalService = colon > 0 && (firstWildcard < 0 || firstWildcard > colon)
                ? fold(pattern.substring(0, colon)) : null;
    }

    /** Compiles a pattern as written in a policy's Action or NotAction. */
    public static ActionPattern compile(String pattern) {
        return new ActionPattern(Objects.requireNonNull(pattern, "pattern"));
    }

    /** True when {@code action} (a full name such as {@code s3:GetObject}) matches; case-insensitive. */
    public boolean matches(String action) {
        return switch (kind) {
            case ANY -> true;
            case EXACT -> literal.equalsIgnoreCase(action);
            case PREFIX -> action.regionMatches(true, 0, literal, 0, literal.length());
            case GLOB -> globMatches(action);
        };
    }

    private boolean globMatches(String action) {
        final char[] g = glob;
        final int m = g.length;
        final int n = action.length();
        int p = 0;
        int a = 0;
        int starP = -1;
        int starA = 0;
        while (a < n) {
            if (p < m && g[p] != '*' && (g[p] == '?' || g[p] == fold(action.charAt(a)))) {
                p++;
                a++;
            } else if (p < m && g[p] == '*') {
                starP = p++;
                starA = a;
            } else if (starP >= 0) {
                p = starP + 1;
                a = ++starA;
            } else {
                return false;
            }
        }
        while (p < m && g[p] == '*') {
            p++;
        }
        return p == m;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** True when the pattern contains {@code *} or {@code ?}. */
    public boolean hasWildcard() {
        return kind != Kind.EXACT;
    }

    /** True when the pattern matches every action ({@code *}). */
    public boolean matchesEverything() {
        return kind == Kind.ANY;
    }

    /**
     * The service prefix in lower case when the pattern has the form {@code service:...} with no wildcard before
     * the colon: every action it matches belongs to that service (lets callers index patterns by service).
     */
    public Optional<String> literalService() {
        return Optional.ofNullable(literalService);
    }

    /** True when the text contains an IAM wildcard character ({@code *} or {@code ?}). */
    public static boolean hasWildcard(String text) {
        return firstWildcard(text) >= 0;
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAllStars(char[] chars) {
        for (char c : chars) {
            if (c != '*') {
                return false;
            }
        }
        return chars.length > 0;
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionPattern that && java.util.Arrays.equals(glob, that.glob);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(glob);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
