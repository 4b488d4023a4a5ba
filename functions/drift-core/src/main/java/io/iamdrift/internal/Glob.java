package io.iamdrift.internal;

import java.util.Arrays;

/**
 * The one wildcard matcher of the core: IAM's {@code *} (any run of characters) and {@code ?} (any one
 * character) over action names, resource ARNs, condition values, baseline names and issuer URLs, in one of three
 * dialects.
 *
 * <ul>
 *   <li>{@link Mode#PLAIN}: {@code *} matches any run of characters, {@code ?} any one character (StringLike,
 *       Action, after case folding when {@code ignoreCase}).</li>
 *   <li>{@link Mode#RESOURCE}: the Resource element. Wildcards work within the colon-separated ARN segments;
 *       a {@code *} that is the last character of a segment "can expand to match beyond the colon
 *       boundaries", and the sixth segment (resource) may itself hold colons (IAM User Guide, "IAM JSON
 *       policy elements: Resource", Using wildcards in resource ARNs).</li>
 *   <li>{@link Mode#ARN_LIKE}: ArnLike/ArnEquals. "Each of the six colon-delimited components of the ARN is
 *       checked separately": wildcards in the first five segments never match a colon (IAM User Guide,
 *       "Condition operators", Amazon Resource Name (ARN) condition operators).</li>
 * </ul>
 *
 * <p>Segment rules apply only to patterns that begin with {@code arn:}; anything else is a plain glob.
 * {@link #compile} interns: a pattern text that repeats across a fleet's policies is compiled once. Matching
 * allocates nothing: fast paths for exact, prefix and match-all patterns, and a bit-parallel NFA (one
 * {@code long} per 63 tokens) for the rest. {@link #covers} and {@link #overlaps} decide containment and
 * intersection of two patterns. No regular expressions. Immutable and thread-safe.
 */
public final class Glob {

    /** The pattern dialect. */
    public enum Mode {
        PLAIN,
        RESOURCE,
        ARN_LIKE
    }

    /** A literal character. */
    public static final byte LIT = 0;
    /** {@code *} that matches anything. */
    public static final byte ANY = 1;
    /** {@code *} that does not match {@code :}. */
    static final byte SEG = 2;
    /** {@code ?} that matches any one character. */
    public static final byte ONE = 3;
    /** {@code ?} that matches one character other than {@code :}. */
    static final byte ONE_SEG = 4;

    /**
     * Characters that stand for a policy variable in a glob built only to decide containment
     * ({@link #covers}): equal only to the same variable, never absorbed by a {@code ?} or a segment-bound
     * {@code *} (a variable's value has any length and may hold colons). Unicode's private use area.
     */
    public static final char FIRST_VARIABLE = '\uE000';

    public static final char LAST_VARIABLE = '\uF8FF';

    /** Interned patterns, one cache per (mode, ignoreCase): pattern text repeats across a fleet's policies. */
    private static final BoundedCache<String, Glob>[] INTERNED = interned();

    private static final int SHAPE_ALL = 0;
    private static final int SHAPE_EXACT = 1;
    private static final int SHAPE_PREFIX = 2;
    private static final int SHAPE_GENERAL = 3;

    private final char[] chars;
    private final byte[] kinds;
    private final boolean ignoreCase;
    private final int shape;
    /** Literal text before the first wildcard (folded when ignoreCase). */
    private final String prefix;
    /** Literal text after the last wildcard, when the pattern ends in literals. */
    private final String suffix;
    // NFA tables over the tokens after the prefix
    private final int nfaStart;
    private final int nfaLength;
    private final long anyMask;
    private final long segMask;
    private final long oneMask;
    private final long oneSegMask;
    private final long[] asciiMasks;

    private Glob(char[] chars, byte[] kinds, boolean ignoreCase) {
        this.chars = chars;
        this.kinds = kinds;
        this.ignoreCase = ignoreCase;
        int n = kinds.length;
        int firstWild = 0;
        while (firstWild < n && kinds[firstWild] == LIT) {
            firstWild++;
        }
        prefix = new String(chars, 0, firstWild);
        int lastWild = n - 1;
        while (lastWild >= 0 && kinds[lastWild] == LIT) {
            lastWild--;
        }
        suffix = lastWild < 0 ? "" : new String(chars, lastWild + 1, n - lastWild - 1);
        if (n == 1 && kinds[0] == ANY) {
            shape = SHAPE_ALL;
        } else if (firstWild == n) {
            shape = SHAPE_EXACT;
        } else if (firstWild == n - 1 && kinds[n - 1] == ANY) {
            shape = SHAPE_PREFIX;
        } else {
            shape = SHAPE_GENERAL;
        }
        nfaStart = firstWild;
        nfaLength = n - firstWild;
        long any = 0;
        long seg = 0;
        long one = 0;
        long oneSeg = 0;
        // Only general shapes run the bit-parallel NFA; exact, prefix and match-all patterns (most of them) need no
        // table.
        long[] ascii = shape == SHAPE_GENERAL && nfaLength < 64 ? new long[128] : null;
        if (ascii != null) {
            for (int i = 0; i < nfaLength; i++) {
                long bit = 1L << i;
                switch (kinds[nfaStart + i]) {
                    case ANY -> any |= bit;
                    case SEG -> seg |= bit;
                    case ONE -> one |= bit;
                    case ONE_SEG -> oneSeg |= bit;
                    default -> {
                        char c = chars[nfaStart + i];
                        if (c < 128) {
                            ascii[c] |= bit;
                        }
                    }
                }
            }
        }
        anyMask = any;
        segMask = seg;
        oneMask = one;
        oneSegMask = oneSeg;
        asciiMasks = ascii;
    }

    @SuppressWarnings("unchecked")
    private static BoundedCache<String, Glob>[] interned() {
        BoundedCache<String, Glob>[] caches = new BoundedCache[Mode.values().length * 2];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new BoundedCache<>(16_384);
        }
        return caches;
    }

    /**
     * The compiled pattern text where every {@code *} and {@code ?} is a wildcard; interned, so a text that
     * repeats is compiled once.
     */
    public static Glob compile(String pattern, Mode mode, boolean ignoreCase) {
        return INTERNED[mode.ordinal() * 2 + (ignoreCase ? 1 : 0)].get(pattern, p -> parse(p, mode, ignoreCase));
    }

    /** True when the text holds an IAM wildcard character ({@code *} or {@code ?}). */
    public static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    private static Glob parse(String pattern, Mode mode, boolean ignoreCase) {
        char[] c = pattern.toCharArray();
        byte[] k = new byte[c.length];
        for (int i = 0; i < c.length; i++) {
            k[i] = c[i] == '*' ? ANY : c[i] == '?' ? ONE : LIT;
        }
        return of(c, k, mode, ignoreCase);
    }

    /**
     * Builds a glob from characters and kinds ({@link #LIT}, {@link #ANY} for {@code *}, {@link #ONE} for
     * {@code ?}); the mode decides which wildcards stay inside an ARN segment.
     */
    public static Glob of(char[] chars, byte[] kinds, Mode mode, boolean ignoreCase) {
        char[] c = chars.clone();
        byte[] k = kinds.clone();
        if (ignoreCase) {
            for (int i = 0; i < c.length; i++) {
                c[i] = Character.toLowerCase(c[i]);
            }
        }
        if (mode != Mode.PLAIN && startsWithArn(c, k)) {
            classifySegments(c, k, mode);
        }
        // merge runs of stars: ANY absorbs SEG
        int n = 0;
        for (int i = 0; i < c.length; i++) {
            boolean star = k[i] == ANY || k[i] == SEG;
            if (star && n > 0 && (k[n - 1] == ANY || k[n - 1] == SEG)) {
                if (k[i] == ANY) {
                    k[n - 1] = ANY;
                }
                continue;
            }
            c[n] = c[i];
            k[n] = k[i];
            n++;
        }
        return new Glob(Arrays.copyOf(c, n), Arrays.copyOf(k, n), ignoreCase);
    }

    private static boolean startsWithArn(char[] c, byte[] k) {
        if (c.length < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (k[i] != LIT || Character.toLowerCase(c[i]) != "arn:".charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void classifySegments(char[] c, byte[] k, Mode mode) {
        int colons = 0;
        int total = 0;
        for (int i = 0; i < c.length; i++) {
            if (k[i] == LIT && c[i] == ':') {
                total++;
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (k[i] == LIT) {
                if (c[i] == ':') {
                    colons++;
                }
                continue;
            }
            if (colons >= 5) {
                continue; // the resource segment: wildcards may span colons
            }
            boolean lastOfSegment = i + 1 == c.length || (k[i + 1] == LIT && c[i + 1] == ':');
            if (k[i] == ONE) {
                k[i] = ONE_SEG;
            } else if (k[i] == ANY) {
                if (mode == Mode.RESOURCE) {
                    if (!lastOfSegment) {
                        k[i] = SEG;
                    }
                } else if (!(i + 1 == c.length && total < 5)) {
                    // ArnLike: a trailing * of a pattern with fewer than six segments stands for the rest
                    k[i] = SEG;
                }
            }
        }
    }

    /** Whether the whole of {@code s} matches. */
    public boolean matches(String s) {
        return matches(s, 0);
    }

    /** Whether {@code s.substring(from)} matches, without allocating it. */
    public boolean matches(String s, int from) {
        int len = s.length() - from;
        switch (shape) {
            case SHAPE_ALL:
                return true;
            case SHAPE_EXACT:
                return len == prefix.length() && s.regionMatches(ignoreCase, from, prefix, 0, len);
            case SHAPE_PREFIX:
                return len >= prefix.length() && s.regionMatches(ignoreCase, from, prefix, 0, prefix.length());
            default:
                if (len < prefix.length() || !s.regionMatches(ignoreCase, from, prefix, 0, prefix.length())) {
                    return false;
                }
                if (len - prefix.length() < suffix.length()
                        || !s.regionMatches(ignoreCase, s.length() - suffix.length(), suffix, 0, suffix.length())) {
                    return false;
                }
                return nfaLength < 64 ? nfa(s, from + prefix.length()) : nfaWide(s, from + prefix.length());
        }
    }

    private boolean nfa(String s, int from) {
        long stars = anyMask | segMask;
        long state = 1L;
        state |= (state & stars) << 1;
        long accept = 1L << nfaLength;
        for (int i = from, end = s.length(); i < end; i++) {
            char c = s.charAt(i);
            if (ignoreCase) {
                c = Character.toLowerCase(c);
            }
            long lit = c < 128 ? asciiMasks[c] : literalMaskSlow(c);
            boolean colon = c == ':';
            long step = lit | oneMask | (colon ? 0L : oneSegMask);
            long stay = anyMask | (colon ? 0L : segMask);
            long next = ((state & step) << 1) | (state & stay);
            next |= (next & stars) << 1;
            if (next == 0) {
                return false;
            }
            state = next;
        }
        return (state & accept) != 0;
    }

    private long literalMaskSlow(char c) {
        long m = 0;
        for (int i = 0; i < nfaLength; i++) {
            if (kinds[nfaStart + i] == LIT && chars[nfaStart + i] == c) {
                m |= 1L << i;
            }
        }
        return m;
    }

    /** The NFA for patterns of 64 or more tokens (rare: allocates its state sets). */
    private boolean nfaWide(String s, int from) {
        int m = nfaLength;
        boolean[] state = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        state[0] = true;
        closure(state);
        for (int i = from, end = s.length(); i < end; i++) {
            char c = s.charAt(i);
            if (ignoreCase) {
                c = Character.toLowerCase(c);
            }
            Arrays.fill(next, false);
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (!state[j]) {
                    continue;
                }
                byte k = kinds[nfaStart + j];
                switch (k) {
                    case ANY -> next[j] = true;
                    case SEG -> next[j] |= c != ':';
                    case ONE -> next[j + 1] = true;
                    case ONE_SEG -> next[j + 1] |= c != ':';
                    default -> next[j + 1] |= chars[nfaStart + j] == c;
                }
            }
            closure(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] t = state;
            state = next;
            next = t;
        }
        return state[m];
    }

    private void closure(boolean[] st) {
        for (int j = 0; j < nfaLength; j++) {
            byte k = kinds[nfaStart + j];
            if (st[j] && (k == ANY || k == SEG)) {
                st[j + 1] = true;
            }
        }
    }

    /**
     * Whether every string this glob's {@code other} matches is matched by this glob (language containment).
     * Sound but not complete: {@code true} is always right; {@code false} may mean "could not prove it".
     */
    public boolean covers(Glob other) {
        if (ignoreCase != other.ignoreCase) {
            return false;
        }
        if (shape == SHAPE_ALL) {
            return true;
        }
        int m = kinds.length;
        int n = other.kinds.length;
        byte[] memo = new byte[(m + 1) * (n + 1)];
        return covers(other, 0, 0, memo, n + 1);
    }

    private boolean covers(Glob q, int i, int j, byte[] memo, int stride) {
        int idx = i * stride + j;
        if (memo[idx] != 0) {
            return memo[idx] == 1;
        }
        boolean r = coversUncached(q, i, j, memo, stride);
        memo[idx] = (byte) (r ? 1 : 2);
        return r;
    }

    private boolean coversUncached(Glob q, int i, int j, byte[] memo, int stride) {
        int m = kinds.length;
        int n = q.kinds.length;
        if (i == m) {
            return j == n;
        }
        byte p = kinds[i];
        if (j == n) {
            return (p == ANY || p == SEG) && covers(q, i + 1, j, memo, stride);
        }
        byte t = q.kinds[j];
        char qc = q.chars[j];
        // one character that is not a colon (a variable's value may be longer, or hold colons)
        boolean plainChar = t == LIT && !isVariable(qc);
        switch (p) {
            case ANY:
                return covers(q, i + 1, j, memo, stride) || covers(q, i, j + 1, memo, stride);
            case SEG: {
                boolean absorbs = (plainChar && qc != ':') || t == ONE_SEG || t == SEG;
                return covers(q, i + 1, j, memo, stride) || (absorbs && covers(q, i, j + 1, memo, stride));
            }
            case ONE:
                return (plainChar || t == ONE || t == ONE_SEG) && covers(q, i + 1, j + 1, memo, stride);
            case ONE_SEG:
                return ((plainChar && qc != ':') || t == ONE_SEG) && covers(q, i + 1, j + 1, memo, stride);
            default:
                return t == LIT && qc == chars[i] && covers(q, i + 1, j + 1, memo, stride);
        }
    }

    private static boolean isVariable(char c) {
        return c >= FIRST_VARIABLE && c <= LAST_VARIABLE;
    }

    /**
     * Whether some string matches both this glob and {@code other} (their languages intersect). Exact: a walk
     * over pairs of pattern positions, one character at a time, where two tokens can step together when some
     * character satisfies both. Globs of different case rules are assumed to overlap.
     */
    public boolean overlaps(Glob other) {
        if (ignoreCase != other.ignoreCase) {
            return true;
        }
        if (shape == SHAPE_ALL || other.shape == SHAPE_ALL) {
            return true;
        }
        if (shape == SHAPE_EXACT) {
            return other.matches(prefix);
        }
        if (other.shape == SHAPE_EXACT) {
            return matches(other.prefix);
        }
        int m = kinds.length;
        int n = other.kinds.length;
        int stride = n + 1;
        boolean[] seen = new boolean[(m + 1) * stride];
        int[] stack = new int[(m + 1) * stride];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int at = stack[--top];
            int i = at / stride;
            int j = at % stride;
            if (i == m && j == n) {
                return true;
            }
            boolean starA = i < m && (kinds[i] == ANY || kinds[i] == SEG);
            boolean starB = j < n && (other.kinds[j] == ANY || other.kinds[j] == SEG);
            // a star may match nothing
            top = visit(starA ? at + stride : -1, seen, stack, top);
            top = visit(starB ? at + 1 : -1, seen, stack, top);
            // both consume one character: a star stays where it is, any other token moves on
            if (i < m && j < n && compatible(kinds[i], chars[i], other.kinds[j], other.chars[j])) {
                int next = (starA ? i : i + 1) * stride + (starB ? j : j + 1);
                top = visit(next == at ? -1 : next, seen, stack, top);
            }
        }
        return false;
    }

    private static int visit(int state, boolean[] seen, int[] stack, int top) {
        if (state < 0 || seen[state]) {
            return top;
        }
        seen[state] = true;
        stack[top] = state;
        return top + 1;
    }

    /** Whether one character can satisfy both tokens. */
    private static boolean compatible(byte a, char ac, byte b, char bc) {
        if (a == LIT && b == LIT) {
            return ac == bc;
        }
        if (a == LIT) {
            return ac != ':' || b == ANY || b == ONE;
        }
        if (b == LIT) {
            return bc != ':' || a == ANY || a == ONE;
        }
        return true; // two wildcards: any letter satisfies both
    }

    /** True when the pattern is a lone {@code *}. */
    public boolean matchesEverything() {
        return shape == SHAPE_ALL;
    }

    /** The pattern as text ({@code *} and {@code ?} for wildcards; folded when case-insensitive). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(chars.length);
        for (int i = 0; i < chars.length; i++) {
            sb.append(
                    switch (kinds[i]) {
                        case ANY, SEG -> '*';
                        case ONE, ONE_SEG -> '?';
                        default -> chars[i];
                    });
        }
        return sb.toString();
    }
}
