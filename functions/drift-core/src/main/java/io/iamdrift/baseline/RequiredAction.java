package io.iamdrift.baseline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An action the principal must be allowed to perform (else the next deploy fails).
 *
 * @param resource the resource ARN or pattern the action is needed on; {@code "*"} (the default) when the
 *     baseline does not narrow it
 * @param context request context keys and values for the evaluation, e.g.
 *     {@code iam:AWSServiceName -> [rum.amazonaws.com]}
 * @param why a note for people (the Terraform type it came from, or the baseline's own {@code why}); may be
 *     {@code null}
 */
public record RequiredAction(String action, String resource, Map<String, List<String>> context, String why) {

    public static final String ANY_RESOURCE = "*";

    public RequiredAction {
        Objects.requireNonNull(action, "action");
        resource = resource == null ? ANY_RESOURCE : resource;
        if (context == null || context.isEmpty()) {
            context = Map.of();
        } else {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            context.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            context = Collections.unmodifiableMap(copy);
        }
    }

    /** What a check of this action asks: equal checks are one, whatever their notes say. */
    public record Check(String action, String resource, Map<String, List<String>> context) {}

    /** The question this action puts to the evaluator (its action, resource and context, without the note). */
    public Check check() {
        return new Check(action, resource, context);
    }

    /** An action on any resource, without context. */
    public static RequiredAction of(String action, String why) {
        return new RequiredAction(action, ANY_RESOURCE, Map.of(), why);
    }
}
