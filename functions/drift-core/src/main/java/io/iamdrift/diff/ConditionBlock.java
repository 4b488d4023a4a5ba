package io.iamdrift.diff;

import io.iamdrift.policy.BaseOperator;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalSet;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.policy.SetQualifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A statement's Condition block in canonical form: one clause per (operator, key), keys compared
 * case-insensitively, values de-duplicated and sorted, clauses sorted. Two blocks that IAM reads the same way
 * (order of keys or values, duplicates, case of keys) are equal.
 *
 * <p>A statement's {@code Principal}/{@code NotPrincipal} is folded in as a pseudo-clause (operator
 * {@code Principal} or {@code NotPrincipal}, key {@code principal}, values {@code Type:identifier}), so the diff of a trust or resource
 * policy sees a new principal as a widening.
 */
public record ConditionBlock(List<Clause> clauses) {

    public static final ConditionBlock EMPTY = new ConditionBlock(List.of());

    /**
     * One canonical clause.
     *
     * @param operator the operator as written, e.g. {@code StringLikeIfExists}
     * @param key the condition key as first written (compared case-insensitively)
     * @param values sorted, distinct
     * @param monotone true when more values can only make the clause true more often (every non-negated
     *     operator OR-s its values); then a clause with a subset of the values is at least as restrictive
     */
    public record Clause(String operator, String key, List<String> values, boolean monotone) {
        String foldedKey() {
            return key.toLowerCase(Locale.ROOT);
        }

        boolean sameSlot(Clause o) {
            return operator.equals(o.operator) && foldedKey().equals(o.foldedKey());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Clause c && sameSlot(c) && values.equals(c.values);
        }

        @Override
        public int hashCode() {
            return (operator.hashCode() * 31 + foldedKey().hashCode()) * 31 + values.hashCode();
        }
    }

    public ConditionBlock {
        clauses = List.copyOf(clauses);
    }

    /** The canonical block of a statement's conditions and principal element. */
    public static ConditionBlock of(List<Condition> conditions, PrincipalSet principals) {
        if (conditions.isEmpty()
                && (principals == null
                        || principals.principal() instanceof Principal.Anyone && !principals.negated())) {
            return EMPTY;
        }
        List<Clause> out = new ArrayList<>();
        for (Condition c : conditions) {
            BaseOperator base = c.operator().base();
            boolean monotone = !base.negated()
                    && base != BaseOperator.NULL
                    && !(c.operator().qualifier() == SetQualifier.FOR_ALL_VALUES
                            && c.operator().ifExists());
            out.add(clause(c.operator().text(), c.key(), c.values(), monotone));
        }
        if (principals != null) {
            String op = principals.negated() ? "NotPrincipal" : "Principal";
            if (principals.principal() instanceof Principal.Named named) {
                // one clause: the principal types are OR-ed, like a condition's values
                List<String> values = new ArrayList<>();
                for (Map.Entry<PrincipalType, List<String>> e : named.byType().entrySet()) {
                    for (String v : e.getValue()) {
                        values.add(e.getKey().json() + ":" + v);
                    }
                }
                out.add(clause(op, "principal", values, !principals.negated()));
            } else if (principals.negated()) {
                out.add(clause(op, "*", List.of("*"), false));
            }
        }
        out.sort(Comparator.comparing(Clause::operator)
                .thenComparing(Clause::foldedKey)
                .thenComparing(cl -> String.join("\u0000", cl.values())));
        // merge duplicate slots (cannot come from one JSON object, but keep the invariant)
        List<Clause> merged = new ArrayList<>();
        for (Clause c : out) {
            if (!merged.contains(c)) {
                merged.add(c);
            }
        }
        return new ConditionBlock(merged);
    }

    private static Clause clause(String op, String key, List<String> values, boolean monotone) {
        return new Clause(op, key, List.copyOf(new TreeSet<>(values)), monotone);
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * Whether this block holds whenever {@code other} holds, i.e. this block is no more restrictive: every
     * clause of this block is implied by a clause of {@code other} (same operator and key, and for monotone
     * operators a subset of this clause's values, else the same values). Sound, not complete.
     */
    public boolean impliedBy(ConditionBlock other) {
        for (Clause mine : clauses) {
            boolean found = false;
            for (Clause theirs : other.clauses) {
                if (mine.sameSlot(theirs)
                        && (mine.values.equals(theirs.values)
                                || mine.monotone && mine.values.containsAll(theirs.values))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** {@code operator -> key -> values}, in canonical order. */
    public Map<String, Map<String, List<String>>> asMap() {
        Map<String, Map<String, List<String>>> m = new LinkedHashMap<>();
        for (Clause c : clauses) {
            m.computeIfAbsent(c.operator(), k -> new LinkedHashMap<>()).put(c.key(), c.values());
        }
        return m;
    }
}
