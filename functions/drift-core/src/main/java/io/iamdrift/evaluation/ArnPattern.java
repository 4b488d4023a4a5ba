package io.iamdrift.evaluation;

import io.iamdrift.evaluation.internal.MissingKeys;
import io.iamdrift.evaluation.internal.Template;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Glob;
import java.util.List;
import java.util.Objects;

/**
 * A compiled Resource-element pattern: an ARN with {@code *} and {@code ?} wildcards and, optionally,
 * policy variables. Matching is case-sensitive. Wildcards work within the colon-separated segments; a
 * {@code *} that ends a segment may run past colons, and the resource segment may itself contain colons
 * (IAM User Guide, "IAM JSON policy elements: Resource"). Immutable and thread-safe.
 *
 * <p>The one resource matcher of the core: the evaluator, the semantic diff and the escalation reading all
 * match, contain ({@link #covers(ArnPattern)}) and intersect ({@link #mayOverlap(ArnPattern)}) resources
 * through it, so they never disagree. Compiled patterns are interned: a text that repeats across a fleet's
 * policies is compiled once.
 */
public final class ArnPattern {

    /** Interned patterns, one cache per (mode, variablesEnabled). */
    private static final List<BoundedCache<String, ArnPattern>> INTERNED = List.of(
            new BoundedCache<>(16_384),
            new BoundedCache<>(16_384),
            new BoundedCache<>(4_096),
            new BoundedCache<>(4_096));

    private final String text;
    private final Template template;
    /** The compiled glob when the pattern has no variables, else null. */
    private final Glob glob;

    private final Glob.Mode mode;
    /** For containment: variables as tokens only the same variable matches; null when that is impossible. */
    private final Glob symbolic;
    /** For intersection: variables as {@code *}. */
    private final Glob widened;

    private ArnPattern(String text, boolean variablesEnabled, Glob.Mode mode) {
        this.text = Objects.requireNonNull(text, "pattern");
        this.mode = mode;
        if (!variablesEnabled || !text.contains("${")) {
            // no policy variable can be written without "${": the text is the glob (what the template would build)
            this.template = null;
            this.glob = Glob.compile(text, mode, false);
            this.symbolic = glob;
            this.widened = glob;
            return;
        }
        this.template = Template.parse(text, true, variablesEnabled);
        this.glob = template.hasVariables() ? null : template.glob(mode, false);
        this.symbolic = glob != null ? glob : template.symbolic(mode, false);
        this.widened = glob != null ? glob : template.widened(mode, false);
    }

    private static ArnPattern intern(String pattern, boolean variablesEnabled, Glob.Mode mode) {
        Objects.requireNonNull(pattern, "pattern");
        int cache = (mode == Glob.Mode.RESOURCE ? 0 : 2) + (variablesEnabled ? 0 : 1);
        return INTERNED.get(cache).get(pattern, p -> new ArnPattern(p, variablesEnabled, mode));
    }

    /** A Resource pattern, with policy variables recognised (as under Version 2012-10-17). */
    public static ArnPattern compile(String pattern) {
        return compile(pattern, true);
    }

    /**
     * A Resource pattern.
     *
     * @param variablesEnabled false for Version 2008-10-17 documents, where {@code ${...}} is plain text
     */
    public static ArnPattern compile(String pattern, boolean variablesEnabled) {
        return intern(pattern, variablesEnabled, Glob.Mode.RESOURCE);
    }

    /**
     * An ArnLike/ArnEquals condition value: each of the six ARN segments is matched separately, so wildcards
     * in the first five never match a colon.
     */
    public static ArnPattern compileArnLike(String pattern, boolean variablesEnabled) {
        return intern(pattern, variablesEnabled, Glob.Mode.ARN_LIKE);
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** Whether the pattern holds policy variables such as {@code ${aws:username}}. */
    public boolean hasVariables() {
        return glob == null;
    }

    /** Whether the pattern is exactly {@code *}. */
    public boolean matchesEverything() {
        return glob != null && glob.matchesEverything();
    }

    /** Matches without a request context: a variable without a default matches nothing. */
    public boolean matches(String arn) {
        return matches(arn, RequestContext.empty());
    }

    /** Matches, substituting policy variables from the context. */
    public boolean matches(String arn, RequestContext context) {
        return matches(arn, context, null);
    }

    /** Matches, reporting variables without a value to {@code missing} (may be null). */
    public boolean matches(String arn, RequestContext context, MissingKeys missing) {
        if (glob != null) {
            return glob.matches(arn);
        }
        Glob g = template.resolveGlob(context, mode, false, missing);
        return g != null && g.matches(arn);
    }

    /**
     * Whether every ARN that {@code other} matches is also matched by this pattern (glob containment), under
     * any one request context. Conservative: {@code false} when containment cannot be shown. A policy
     * variable is covered by the same variable or by a {@code *} that may span colons.
     */
    public boolean covers(ArnPattern other) {
        if (text.equals(other.text) && mode == other.mode && hasVariables() == other.hasVariables()) {
            return true;
        }
        if (symbolic == null) {
            return false;
        }
        return symbolic.covers(other.symbolic != null ? other.symbolic : other.widened);
    }

    /**
     * Whether some ARN could match both patterns (for a NotResource exclusion: whether it may exclude part of a
     * resource pattern). Exact for patterns without variables; a variable counts as any text.
     */
    public boolean mayOverlap(ArnPattern other) {
        return widened.overlaps(other.widened);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArnPattern p && p.text.equals(text) && p.mode == mode && p.hasVariables() == hasVariables();
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
