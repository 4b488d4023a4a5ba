package io.iamdrift.diff;

import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A document seen per concrete action: for every action it touches, its Allow entries and its Deny entries.
 * Wildcards and NotAction are expanded against the {@link ActionSpace} once per pattern; a pattern that
 * matches no known action is kept under its lower-cased text, so nothing is lost.
 */
final class PermissionIndex {

    private record Raw(Statement statement, Entry entry) {}

    private final ActionSpace space;
    private final Map<String, List<Entry>> allow = new HashMap<>();
    private final Map<String, List<Entry>> deny = new HashMap<>();
    private final List<Raw> raw = new ArrayList<>();

    private final Set<String> literals = new HashSet<>();

    PermissionIndex(PolicyDocument doc, ActionSpace space) {
        this.space = space;
        for (Statement s : doc.statements()) {
            Entry entry = Entry.of(s);
            raw.add(new Raw(s, entry));
            Map<String, List<Entry>> target = s.effect() == Effect.ALLOW ? allow : deny;
            for (String action : actionsOf(s)) {
                List<Entry> list = target.computeIfAbsent(action, k -> new ArrayList<>(2));
                if (!list.contains(entry)) {
                    list.add(entry);
                }
            }
        }
        intern(allow);
        intern(deny);
    }

    /**
     * Makes equal entry lists the same object, so that the comparison can do its work once per distinct
     * combination of lists rather than once per action (thousands of actions usually share a handful).
     */
    private static void intern(Map<String, List<Entry>> byAction) {
        Map<List<Entry>, List<Entry>> pool = new HashMap<>();
        for (Map.Entry<String, List<Entry>> e : byAction.entrySet()) {
            e.setValue(pool.computeIfAbsent(e.getValue(), List::copyOf));
        }
    }

    /** Whether the key is an action pattern the catalog does not know, kept as its lower-cased text. */
    boolean isLiteral(String action) {
        return literals.contains(action);
    }

    private Set<String> actionsOf(Statement s) {
        if (s.actions().negated()) {
            return space.expandNot(s.actions().patterns());
        }
        List<String> patterns = s.actions().patterns();
        if (patterns.size() == 1) {
            Set<String> one = space.expand(patterns.get(0));
            if (one.isEmpty()) {
                String literal = patterns.get(0).toLowerCase(Locale.ROOT);
                literals.add(literal);
                return Set.of(literal);
            }
            return one;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            Set<String> e = space.expand(p);
            if (e.isEmpty()) {
                String literal = p.toLowerCase(Locale.ROOT);
                literals.add(literal);
                out.add(literal);
            } else {
                out.addAll(e);
            }
        }
        return out;
    }

    Set<String> allowedActions() {
        return allow.keySet();
    }

    Set<String> deniedActions() {
        return deny.keySet();
    }

    /**
     * The Allow entries that apply to an action.
     *
     * @param literal whether the action is a pattern the catalog does not know (in either document): it is
     *     then matched against every statement's own patterns
     */
    List<Entry> allows(String action, boolean literal) {
        return literal ? literalEntries(Effect.ALLOW, action) : allow.getOrDefault(action, List.of());
    }

    /** The Deny entries that apply to an action; see {@link #allows}. */
    List<Entry> denies(String action, boolean literal) {
        return literal ? literalEntries(Effect.DENY, action) : deny.getOrDefault(action, List.of());
    }

    private List<Entry> literalEntries(Effect effect, String action) {
        // an action (or pattern) the catalog does not know: match it against every statement's own patterns
        List<Entry> out = new ArrayList<>();
        for (Raw r : raw) {
            if (r.statement().effect() != effect || out.contains(r.entry())) {
                continue;
            }
            boolean applies;
            if (r.statement().actions().negated()) {
                applies = r.statement().actions().patterns().stream()
                        .noneMatch(p -> Glob.mayOverlap(p, action, true));
            } else {
                applies = r.statement().actions().patterns().stream()
                        .anyMatch(p -> Glob.covers(p, action, true));
            }
            if (applies) {
                out.add(r.entry());
            }
        }
        return out;
    }
}
