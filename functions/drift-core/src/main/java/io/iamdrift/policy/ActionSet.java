package io.iamdrift.policy;

import java.util.List;

/**
 * The {@code Action} ({@code negated == false}) or {@code NotAction} ({@code negated == true}) element.
 *
 * @param negated true for NotAction: the statement applies to every action except those listed
 * @param patterns action patterns as written, e.g. {@code s3:GetObject}, {@code s3:Get*}, {@code *}; never empty
 */
public record ActionSet(boolean negated, List<String> patterns) {
    public ActionSet {
        patterns = List.copyOf(patterns);
    }
}
