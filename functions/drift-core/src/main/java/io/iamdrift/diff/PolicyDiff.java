package io.iamdrift.diff;

import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Semantic diff of two policy documents (contract section 6).
 *
 * <p>Each document is mapped to, per concrete action, its Allow and Deny entries (resource patterns and the
 * canonical condition block). {@code added} is every Allow entry of the new document that no Allow of the old
 * one covers (the old resource pattern glob-contains the new one and the old condition block is implied by
 * the new one), plus every Deny of the old document that the new one no longer has; {@code removed} is the
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
        PermissionIndex before = new PermissionIndex(oldDoc, space);
        PermissionIndex after = new PermissionIndex(newDoc, space);
        List<Grant> added = gained(before, after);
        List<Grant> removed = gained(after, before);
        Verdict verdict = added.isEmpty()
                ? (removed.isEmpty() ? Verdict.EQUIVALENT : Verdict.NARROWED)
                : (removed.isEmpty() ? Verdict.WIDENED : Verdict.CHANGED);
        return new DiffResult(verdict, added, removed);
    }

    private record GroupKey(boolean notResource, List<String> patterns, ConditionBlock conditions) {}

    /** Three entry lists compared by identity (they are interned per document, see PermissionIndex). */
    private record Lists(List<Entry> a, List<Entry> b, List<Entry> c) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Lists l && l.a == a && l.b == b && l.c == c;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(a) * 31 + System.identityHashCode(b)) * 31 + System.identityHashCode(c);
        }
    }

    /** What {@code after} allows that {@code before} does not, grouped into grants. */
    private static List<Grant> gained(PermissionIndex before, PermissionIndex after) {
        // Work is done once per distinct combination of entry lists, then shared by every action that has it.
        Map<GroupKey, List<String>> groups = new IdentityHashMap<>();
        Map<Lists, List<GroupKey>> allowMemo = new HashMap<>();
        for (String action : after.allowedActions()) {
            boolean literal = before.isLiteral(action) || after.isLiteral(action);
            Lists lists = new Lists(after.allows(action, literal), before.allows(action, literal),
                    after.denies(action, literal));
            List<GroupKey> keys = literal ? uncoveredAllows(lists)
                    : allowMemo.computeIfAbsent(lists, PolicyDiff::uncoveredAllows);
            for (GroupKey k : keys) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(action);
            }
        }
        // denies of `before` that `after` lost: requests that `before` refused may now be allowed
        Map<Lists, List<GroupKey>> denyMemo = new HashMap<>();
        for (String action : before.deniedActions()) {
            boolean literal = before.isLiteral(action) || after.isLiteral(action);
            if (after.allows(action, literal).isEmpty()) {
                continue; // nothing allowed there anyway
            }
            Lists lists = new Lists(before.denies(action, literal), after.denies(action, literal), List.of());
            List<GroupKey> keys = literal ? lostDenies(lists)
                    : denyMemo.computeIfAbsent(lists, PolicyDiff::lostDenies);
            for (GroupKey k : keys) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(action);
            }
        }
        // merge equal keys that came from different list combinations
        Map<GroupKey, TreeSet<String>> merged = new HashMap<>();
        for (Map.Entry<GroupKey, List<String>> g : groups.entrySet()) {
            merged.computeIfAbsent(g.getKey(), k -> new TreeSet<>()).addAll(g.getValue());
        }
        List<Grant> grants = new ArrayList<>(merged.size());
        for (Map.Entry<GroupKey, TreeSet<String>> g : merged.entrySet()) {
            GroupKey k = g.getKey();
            List<String> actions = new ArrayList<>(g.getValue());
            grants.add(k.notResource()
                    ? new Grant(actions, List.of(), k.patterns(), k.conditions().asMap())
                    : new Grant(actions, k.patterns(), List.of(), k.conditions().asMap()));
        }
        grants.sort(Comparator.comparing((Grant g) -> g.actions().get(0))
                .thenComparing(g -> String.join(",", g.resources()))
                .thenComparing(g -> String.join(",", g.notResources()))
                .thenComparing(g -> g.conditions().toString()));
        return grants;
    }

    /** Allow entries ({@code a}) not covered by the other document's allows ({@code b}) nor denied by {@code c}. */
    private static List<GroupKey> uncoveredAllows(Lists l) {
        List<GroupKey> out = new ArrayList<>(0);
        Map<ConditionBlock, TreeSet<String>> positive = new LinkedHashMap<>();
        for (Entry e : l.a()) {
            if (e.notResource()) {
                if (!anyCoversAllBut(l.b(), e.patterns(), e.conditions())
                        && !anyCoversAllBut(l.c(), e.patterns(), ConditionBlock.EMPTY)) {
                    out.add(new GroupKey(true, e.patterns(), e.conditions()));
                }
                continue;
            }
            for (String r : e.patterns()) {
                if (!anyCovers(l.b(), r, e.conditions()) && !anyCovers(l.c(), r, ConditionBlock.EMPTY)) {
                    positive.computeIfAbsent(e.conditions(), k -> new TreeSet<>()).add(r);
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
                if (!anyCoversAllBut(l.b(), d.patterns(), d.conditions())) {
                    out.add(new GroupKey(true, d.patterns(), d.conditions()));
                }
                continue;
            }
            for (String r : d.patterns()) {
                if (!anyCovers(l.b(), r, d.conditions())) {
                    positive.computeIfAbsent(d.conditions(), k -> new TreeSet<>()).add(r);
                }
            }
        }
        positive.forEach((cond, patterns) -> out.add(new GroupKey(false, List.copyOf(patterns), cond)));
        return out;
    }

    private static boolean anyCovers(List<Entry> coverers, String pattern, ConditionBlock cond) {
        for (Entry c : coverers) {
            if (c.coversPattern(pattern, cond)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCoversAllBut(List<Entry> coverers, List<String> excluded, ConditionBlock cond) {
        for (Entry c : coverers) {
            if (c.coversAllBut(excluded, cond)) {
                return true;
            }
        }
        return false;
    }

}
