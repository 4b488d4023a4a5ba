package io.iamdrift.diff;

import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
    }

    private Set<String> actionsOf(Statement s) {
        if (s.actions().negated()) {
            return space.expandNot(s.actions().patterns());
        }
        List<String> patterns = s.actions().patterns();
        if (patterns.size() == 1) {
            Set<String> one = space.expand(patterns.get(0));
            return one.isEmpty() ? Set.of(patterns.get(0).toLowerCase(Locale.ROOT)) : one;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            Set<String> e = space.expand(p);
            if (e.isEmpty()) {
                out.add(p.toLowerCase(Locale.ROOT));
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

    List<Entry> allows(String action) {
        return entries(Effect.ALLOW, action);
    }

    List<Entry> denies(String action) {
        return entries(Effect.DENY, action);
    }

    private List<Entry> entries(Effect effect, String action) {
        if (space.isKnown(action)) {
            return (effect == Effect.ALLOW ? allow : deny).getOrDefault(action, List.of());
        }
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
