package io.iamdrift.policy;

import java.util.Objects;

/**
 * A condition operator split into its parts: the set qualifier ({@code ForAllValues:}/{@code ForAnyValue:}),
 * the base operator, and the {@code IfExists} suffix.
 *
 * @param text the operator exactly as written in the document
 */
public record ConditionOperator(String text, SetQualifier qualifier, BaseOperator base, boolean ifExists) {

    public ConditionOperator {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(base, "base");
    }

    /**
     * Parses an operator name such as {@code ForAllValues:StringLikeIfExists}.
     *
     * @return the operator, or {@code null} when the name is not an IAM condition operator (including
     *     {@code NullIfExists}, which IAM rejects)
     */
    public static ConditionOperator parse(String text) {
        String rest = text;
        SetQualifier qualifier = SetQualifier.NONE;
        if (rest.startsWith("ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        }
        boolean ifExists = false;
        if (rest.endsWith("IfExists")) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        BaseOperator base = BaseOperator.fromJson(rest);
        if (base == null || (ifExists && base == BaseOperator.NULL)) {
            return null;
        }
        return new ConditionOperator(text, qualifier, base, ifExists);
    }
}
