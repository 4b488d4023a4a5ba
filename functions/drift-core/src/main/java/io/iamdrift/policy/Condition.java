package io.iamdrift.policy;

import java.util.List;
import java.util.Objects;

/**
 * One condition: an operator applied to one context key with one or more values (OR-ed), e.g.
 * {@code "StringLike": {"s3:prefix": ["tz/v1/*"]}}.
 *
 * @param operator the parsed operator, e.g. {@code ForAnyValue:StringLikeIfExists}
 * @param key the condition key as written (keys are case-insensitive in IAM; the evaluator folds case)
 * @param values the values as strings (JSON numbers and booleans are kept in their JSON text); never empty
 *     except for operators that ignore values
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }
}
