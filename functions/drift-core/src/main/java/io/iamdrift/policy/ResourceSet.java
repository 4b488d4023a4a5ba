package io.iamdrift.policy;

import java.util.List;

/**
 * The {@code Resource} ({@code negated == false}) or {@code NotResource} ({@code negated == true}) element.
 *
 * @param negated true for NotResource
 * @param patterns ARN patterns as written (with {@code *}, {@code ?} and policy variables); never empty
 */
public record ResourceSet(boolean negated, List<String> patterns) {
    public ResourceSet {
        patterns = List.copyOf(patterns);
    }
}
