package io.iamdrift.evaluation;

import io.iamdrift.evaluation.internal.Glob;
import io.iamdrift.evaluation.internal.MissingKeys;
import io.iamdrift.evaluation.internal.Template;
import java.util.Objects;

/**
 * A compiled Resource-element pattern: an ARN with {@code *} and {@code ?} wildcards and, optionally,
 * policy variables. Matching is case-sensitive. Wildcards work within the colon-separated segments; a
 * {@code *} that ends a segment may run past colons, and the resource segment may itself contain colons
 * (IAM User Guide, "IAM JSON policy elements: Resource"). Immutable and thread-safe.
 *
 * <p>Reusable outside the evaluator, e.g. by the semantic diff: {@link #covers(ArnPattern)} decides glob
 * containment.
 */
public final class ArnPattern {

    private final String text;
    private final Template template;
    /** The compiled glob when the pattern has no variables, else null. */
    private final Glob glob;
    private final Glob.Mode mode;

    private ArnPattern(String text, boolean variablesEnabled, Glob.Mode mode) {
        this.text = Objects.requireNonNull(text, "pattern");
        this.mode = mode;
        this.template = Template.parse(text, true, variablesEnabled);
        this.glob = template.hasVariables() ? null : template.glob(mode, false);
    }

    /** A Resource pattern, with policy variables recognised (as under Version 2012-10-17). */
    public static ArnPattern compile(String pattern) {
        return new ArnPattern(pattern, true, Glob.Mode.RESOURCE);
    }

    /**
     * A Resource pattern.
     *
     * @param variablesEnabled false for Version 2008-10-17 documents, where {@code ${...}} is plain text
     */
    public static ArnPattern compile(String pattern, boolean variablesEnabled) {
        return new ArnPattern(pattern, variablesEnabled, Glob.Mode.RESOURCE);
    }

    /**
     * An ArnLike/ArnEquals condition value: each of the six ARN segments is matched separately, so wildcards
     * in the first five never match a colon.
     */
    public static ArnPattern compileArnLike(String pattern, boolean variablesEnabled) {
        return new ArnPattern(pattern, variablesEnabled, Glob.Mode.ARN_LIKE);
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
     * Whether every ARN that {@code other} matches is also matched by this pattern (glob containment).
     * Conservative: {@code false} when containment cannot be shown. A policy variable in {@code other} is
     * treated as "any text"; a variable in this pattern only covers the identical pattern.
     */
    public boolean covers(ArnPattern other) {
        if (text.equals(other.text) && mode == other.mode) {
            return true;
        }
        if (glob == null) {
            return false;
        }
        Glob o = other.glob != null ? other.glob : other.template.widened(other.mode, false);
        return glob.covers(o);
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
