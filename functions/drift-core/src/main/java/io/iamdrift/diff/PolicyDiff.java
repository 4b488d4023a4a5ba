package io.iamdrift.diff;

import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Comparator;
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

    private record Slot(boolean notResource, ConditionBlock conditions) {}

    private record GroupKey(boolean notResource, List<String> patterns, ConditionBlock conditions) {}

    /** What {@code after} allows that {@code before} does not, grouped into grants. */
    private static List<Grant> gained(PermissionIndex before, PermissionIndex after) {
        // action -> slot -> uncovered patterns (for NotResource slots, the patterns list is the exclusion list)
        Map<GroupKey, TreeSet<String>> groups = new LinkedHashMap<>();
        Map<Slot, TreeSet<String>> perAction = new LinkedHashMap<>();
        for (String action : after.allowedActions()) {
            perAction.clear();
            List<Entry> afterAllows = after.allows(action);
            List<Entry> beforeAllows = before.allows(action);
            List<Entry> afterDenies = after.denies(action);
            for (Entry e : afterAllows) {
                if (e.notResource()) {
                    if (!anyCoversAllBut(beforeAllows, e.patterns(), e.conditions())
                            && !anyCoversAllBut(afterDenies, e.patterns(), ConditionBlock.EMPTY)) {
                        add(groups, new GroupKey(true, e.patterns(), e.conditions()), action);
                    }
                    continue;
                }
                for (String r : e.patterns()) {
                    if (!anyCovers(beforeAllows, r, e.conditions()) && !anyCovers(afterDenies, r, ConditionBlock.EMPTY)) {
                        perAction.computeIfAbsent(new Slot(false, e.conditions()), k -> new TreeSet<>()).add(r);
                    }
                }
            }
            flush(groups, perAction, action);
        }
        // denies of `before` that `after` lost: requests that `before` refused may now be allowed
        for (String action : before.deniedActions()) {
            if (after.allows(action).isEmpty()) {
                continue; // nothing allowed there anyway
            }
            perAction.clear();
            List<Entry> afterDenies = after.denies(action);
            for (Entry d : before.denies(action)) {
                if (d.notResource()) {
                    if (!anyCoversAllBut(afterDenies, d.patterns(), d.conditions())) {
                        add(groups, new GroupKey(true, d.patterns(), d.conditions()), action);
                    }
                    continue;
                }
                for (String r : d.patterns()) {
                    if (!anyCovers(afterDenies, r, d.conditions())) {
                        perAction.computeIfAbsent(new Slot(false, d.conditions()), k -> new TreeSet<>()).add(r);
                    }
                }
            }
            flush(groups, perAction, action);
        }
        List<Grant> grants = new ArrayList<>(groups.size());
        for (Map.Entry<GroupKey, TreeSet<String>> g : groups.entrySet()) {
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

    private static void flush(Map<GroupKey, TreeSet<String>> groups, Map<Slot, TreeSet<String>> perAction,
            String action) {
        for (Map.Entry<Slot, TreeSet<String>> e : perAction.entrySet()) {
            add(groups, new GroupKey(false, List.copyOf(e.getValue()), e.getKey().conditions()), action);
        }
    }

    private static void add(Map<GroupKey, TreeSet<String>> groups, GroupKey key, String action) {
        groups.computeIfAbsent(key, k -> new TreeSet<>()).add(action);
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
