package io.iamdrift.catalog;

import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Glob;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled IAM action glob, e.g. {@code s3:Get*}, {@code ec2:Describe?ags}, {@code *}: {@code *} matches any
 * sequence of characters (including none, and including {@code :}), {@code ?} exactly one; everything else,
 * service prefix and action name alike, matches case-insensitively ("action names are not case sensitive").
 *
 * <p>A view of the core's one matcher ({@link Glob}, plain mode, case folded) with what callers ask of an action
 * pattern (its service, whether it names everything). Interned, immutable and thread-safe; {@link #matches}
 * allocates nothing.
 */
public final class ActionPattern {

    private static final BoundedCache<String, ActionPattern> INTERNED = new BoundedCache<>(16_384);

    private final String pattern;
    private final String folded;
    private final Glob glob;
    private final boolean wildcard;
    private final Optional<String> literalService;

    private ActionPattern(String pattern) {
        this.pattern = pattern;
        this.folded = fold(pattern);
        this.glob = Glob.compile(pattern, Glob.Mode.PLAIN, true);
        this.wildcard = hasWildcard(pattern);
        int serviceEnd = literalServiceEnd(pattern);
        this.literalService = serviceEnd < 0 ? Optional.empty() : Optional.of(fold(pattern.substring(0, serviceEnd)));
    }

    /**
     * Where the service prefix of an action name or pattern as written ends (the position of its colon) when it
     * has the form {@code service:...} with a non-empty service and no wildcard before the colon; else -1. Reads
     * the text in place, so a hot path can compare prefixes without cutting one out.
     */
    public static int literalServiceEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            if (c == '*' || c == '?') {
                return -1;
            }
        }
        return -1;
    }

    /** Compiles a pattern as written in a policy's Action or NotAction (interned: a repeated text is compiled once). */
    public static ActionPattern compile(String pattern) {
        return INTERNED.get(Objects.requireNonNull(pattern, "pattern"), ActionPattern::new);
    }

    /** True when {@code action} (a full name such as {@code s3:GetObject}) matches; case-insensitive. */
    public boolean matches(String action) {
        return glob.matches(action);
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** True when the pattern contains {@code *} or {@code ?}. */
    public boolean hasWildcard() {
        return wildcard;
    }

    /** True when the pattern matches every action ({@code *}). */
    public boolean matchesEverything() {
        return glob.matchesEverything();
    }

    /**
     * The service prefix in lower case when the pattern has the form {@code service:...} with no wildcard before
     * the colon: every action it matches belongs to that service (lets callers index patterns by service).
     */
    public Optional<String> literalService() {
        return literalService; // built once: asked per grant of every principal
    }

    /** True when the text contains an IAM wildcard character ({@code *} or {@code ?}). */
    public static boolean hasWildcard(String text) {
        return Glob.hasWildcard(text);
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String s) {
        int first = 0;
        while (first < s.length() && fold(s.charAt(first)) == s.charAt(first)) {
            first++;
        }
        if (first == s.length()) {
            return s; // already folded, as most service prefixes and actions in lower case are
        }
        char[] chars = s.toCharArray();
        for (int i = first; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionPattern that && folded.equals(that.folded);
    }

    @Override
    public int hashCode() {
        return folded.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
