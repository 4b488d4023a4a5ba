package io.iamdrift.diff;

import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic diff of two policy documents (contract section 6).
 *
 * <p>Each document is mapped to, per concrete action, its Allow and Deny entries (resource patterns and the
 * canonical condition block), symbolically: per statement a bit set of the actions it names (see
 * {@link ActionIndex}), and the comparison runs once per class of actions that the same statements name.
 * {@code added} is every Allow entry of the new document that no Allow of the old
 * one covers (the old resource pattern contains the new one under the evaluator's ARN rules, see
 * {@link ArnPattern#covers}, and the old condition block is implied by the new one), plus every Deny of the old document that the new one no longer has; {@code removed} is the
 * converse. Entries with the same resources and conditions are grouped into one {@link Grant}.
 *
 * <p>Soundness: every (action, resource) request that the new document allows and the old one does not
 * (under any one request context, the empty one included) is covered by a grant in {@code added}. The
 * analysis may report a change that is not one (e.g. a pattern covered only by the union of two old
 * patterns), never the other way round.
 */
public final class PolicyDiff {

    private final ActionSpace space;

    public PolicyDiff(ActionSpace space) {
        this.space = Objects.requireNonNull(space, "space");
    }

    /** Compares two documents: what changed from {@code oldDoc} to {@code newDoc}. */
    public DiffResult diff(PolicyDocument oldDoc, PolicyDocument newDoc) {
        ActionIndex index = ActionIndex.of(space);
        PermissionIndex before = new PermissionIndex(oldDoc, index);
        PermissionIndex after = new PermissionIndex(newDoc, index);
        List<Grant> added = gained(index, before, after);
        List<Grant> removed = gained(index, after, before);
        Verdict verdict = added.isEmpty()
                ? (removed.isEmpty() ? Verdict.EQUIVALENT : Verdict.NARROWED)
                : (removed.isEmpty() ? Verdict.WIDENED : Verdict.CHANGED);
        return new DiffResult(verdict, added, removed);
    }

    private record GroupKey(boolean notResource, List<String> patterns, ConditionBlock conditions) {}

    /** Three entry lists: the document's own, the other document's, and the denies that apply. */
    private record Lists(List<Entry> a, List<Entry> b, List<Entry> c) {}

    /** What {@code after} allows that {@code before} does not, grouped into grants. */
    private static List<Grant> gained(ActionIndex index, PermissionIndex before, PermissionIndex after) {
        // Known actions are handled per class of actions named by exactly the same statements (a handful, even
        // when a statement says "*"): the comparison runs once per class, and the class joins its grants whole.
        Map<GroupKey, BitSet> groups = new HashMap<>();
        Map<Lists, List<GroupKey>> memo = new HashMap<>();
        List<PermissionIndex.Part> afterAllows = after.parts(Effect.ALLOW);
        List<PermissionIndex.Part> beforeAllows = before.parts(Effect.ALLOW);
        List<PermissionIndex.Part> afterDenies = after.parts(Effect.DENY);
        List<PermissionIndex.Part> beforeDenies = before.parts(Effect.DENY);
        for (BitSet c : classes(after.actions(Effect.ALLOW), afterAllows, beforeAllows, afterDenies)) {
            int action = c.nextSetBit(0);
            Lists lists = new Lists(
                    PermissionIndex.entries(afterAllows, action),
                    PermissionIndex.entries(beforeAllows, action),
                    PermissionIndex.entries(afterDenies, action));
            for (GroupKey k : memo.computeIfAbsent(lists, PolicyDiff::uncoveredAllows)) {
                groups.computeIfAbsent(k, x -> new BitSet()).or(c);
            }
        }
        // denies of `before` that `after` lost: requests that `before` refused may now be allowed (where
        // `after` allows anything at all)
        BitSet lostScope = (BitSet) before.actions(Effect.DENY).clone();
        lostScope.and(after.actions(Effect.ALLOW));
        memo.clear();
        for (BitSet c : classes(lostScope, beforeDenies, afterDenies)) {
            int action = c.nextSetBit(0);
            Lists lists = new Lists(
                    PermissionIndex.entries(beforeDenies, action),
                    PermissionIndex.entries(afterDenies, action),
                    List.of());
            for (GroupKey k : memo.computeIfAbsent(lists, PolicyDiff::lostDenies)) {
                groups.computeIfAbsent(k, x -> new BitSet()).or(c);
            }
        }
        // patterns the catalog does not know: one by one, against every statement's own patterns
        Map<GroupKey, TreeSet<String>> literal = new HashMap<>();
        for (String action : after.literals(Effect.ALLOW)) {
            Lists lists = new Lists(
                    after.literalEntries(Effect.ALLOW, action),
                    before.literalEntries(Effect.ALLOW, action),
                    after.literalEntries(Effect.DENY, action));
            uncoveredAllows(lists)
                    .forEach(k ->
                            literal.computeIfAbsent(k, x -> new TreeSet<>()).add(action));
        }
        for (String action : before.literals(Effect.DENY)) {
            if (after.literalEntries(Effect.ALLOW, action).isEmpty()) {
                continue; // nothing allowed there anyway
            }
            Lists lists = new Lists(
                    before.literalEntries(Effect.DENY, action), after.literalEntries(Effect.DENY, action), List.of());
            lostDenies(lists)
                    .forEach(k ->
                            literal.computeIfAbsent(k, x -> new TreeSet<>()).add(action));
        }
        Set<GroupKey> keys = new HashSet<>(groups.keySet());
        keys.addAll(literal.keySet());
        List<Grant> grants = new ArrayList<>(keys.size());
        for (GroupKey k : keys) {
            BitSet known = groups.get(k);
            List<String> actions = known == null ? new ArrayList<>() : index.names(known);
            TreeSet<String> unknown = literal.get(k);
            if (unknown != null) {
                unknown.addAll(actions);
                actions = new ArrayList<>(unknown);
            }
            grants.add(
                    k.notResource()
                            ? new Grant(
                                    actions,
                                    List.of(),
                                    k.patterns(),
                                    k.conditions().asMap())
                            : new Grant(
                                    actions,
                                    k.patterns(),
                                    List.of(),
                                    k.conditions().asMap()));
        }
        grants.sort(Comparator.comparing((Grant g) -> g.actions().get(0))
                .thenComparing(g -> String.join(",", g.resources()))
                .thenComparing(g -> String.join(",", g.notResources()))
                .thenComparing(g -> g.conditions().toString()));
        return grants;
    }

    /**
     * Splits {@code scope} into the classes of actions that exactly the same statements of {@code partLists}
     * name: each statement's set cuts every class in two (inside, outside), with word-wide bit operations.
     */
    @SafeVarargs
    private static List<BitSet> classes(BitSet scope, List<PermissionIndex.Part>... partLists) {
        List<BitSet> classes = new ArrayList<>();
        if (scope.isEmpty()) {
            return classes;
        }
        classes.add(scope);
        for (List<PermissionIndex.Part> parts : partLists) {
            for (PermissionIndex.Part p : parts) {
                BitSet cut = p.actions();
                List<BitSet> next = new ArrayList<>(classes.size() + 1);
                for (BitSet c : classes) {
                    if (!c.intersects(cut)) {
                        next.add(c);
                        continue;
                    }
                    BitSet inside = (BitSet) c.clone();
                    inside.and(cut);
                    BitSet outside = (BitSet) c.clone();
                    outside.andNot(cut);
                    next.add(inside);
                    if (!outside.isEmpty()) {
                        next.add(outside);
                    }
                }
                classes = next;
            }
        }
        return classes;
    }

    /** Allow entries ({@code a}) not covered by the other document's allows ({@code b}) nor denied by {@code c}. */
    private static List<GroupKey> uncoveredAllows(Lists l) {
        List<GroupKey> out = new ArrayList<>(0);
        Map<ConditionBlock, TreeSet<String>> positive = new LinkedHashMap<>();
        for (Entry e : l.a()) {
            if (e.notResource()) {
                if (!anyCoversAllBut(l.b(), e.compiled(), e.conditions())
                        && !anyCoversAllBut(l.c(), e.compiled(), ConditionBlock.EMPTY)) {
                    out.add(new GroupKey(true, e.patterns(), e.conditions()));
                }
                continue;
            }
            for (ArnPattern r : e.compiled()) {
                if (!anyCovers(l.b(), r, e.conditions()) && !anyCovers(l.c(), r, ConditionBlock.EMPTY)) {
                    positive.computeIfAbsent(e.conditions(), k -> new TreeSet<>())
                            .add(r.text());
                }
            }
        }
        positive.forEach((cond, patterns) -> out.add(new GroupKey(false, List.copyOf(patterns), cond)));
        return out;
    }

    /** Deny entries ({@code a}) that no deny of the other document ({@code b}) still imposes. */
    private static List<GroupKey> lostDenies(Lists l) {
        List<GroupKey> out = new ArrayList<>(0);
        Map<ConditionBlock, TreeSet<String>> positive = new LinkedHashMap<>();
        for (Entry d : l.a()) {
            if (d.notResource()) {
                if (!anyCoversAllBut(l.b(), d.compiled(), d.conditions())) {
                    out.add(new GroupKey(true, d.patterns(), d.conditions()));
                }
                continue;
            }
            for (ArnPattern r : d.compiled()) {
                if (!anyCovers(l.b(), r, d.conditions())) {
                    positive.computeIfAbsent(d.conditions(), k -> new TreeSet<>())
                            .add(r.text());
                }
            }
        }
        positive.forEach((cond, patterns) -> out.add(new GroupKey(false, List.copyOf(patterns), cond)));
        return out;
    }

    private static boolean anyCovers(List<Entry> coverers, ArnPattern pattern, ConditionBlock cond) {
        for (Entry c : coverers) {
            if (c.coversPattern(pattern, cond)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCoversAllBut(List<Entry> coverers, List<ArnPattern> excluded, ConditionBlock cond) {
        for (Entry c : coverers) {
            if (c.coversAllBut(excluded, cond)) {
                return true;
            }
        }
        return false;
    }
}
