package io.iamdrift.diff;

import io.iamdrift.internal.Glob;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A document seen per action, symbolically: each statement's actions are a bit set over the {@link ActionIndex}
 * (wildcards and NotAction expanded once per pattern, never into names), beside its {@link Entry}. A pattern
 * that matches no known action is kept under its lower-cased text (a literal key), so nothing is lost.
 */
final class PermissionIndex {

    /** One statement: its entry and the known actions it names. */
    record Part(Statement statement, Entry entry, BitSet actions) {}

    private final List<Part> allows = new ArrayList<>();
    private final List<Part> denies = new ArrayList<>();
    private final BitSet allowed = new BitSet();
    private final BitSet denied = new BitSet();
    private final Set<String> allowLiterals = new LinkedHashSet<>();
    private final Set<String> denyLiterals = new LinkedHashSet<>();

    PermissionIndex(PolicyDocument doc, ActionIndex index) {
        for (Statement s : doc.statements()) {
            boolean allow = s.effect() == Effect.ALLOW;
            BitSet actions = actionsOf(s, index, allow ? allowLiterals : denyLiterals);
            (allow ? allows : denies).add(new Part(s, Entry.of(s, doc.variablesEnabled()), actions));
            (allow ? allowed : denied).or(actions);
        }
    }

    private static BitSet actionsOf(Statement s, ActionIndex index, Set<String> literals) {
        if (s.actions().negated()) {
            return index.expandNot(s.actions().patterns());
        }
        List<String> patterns = s.actions().patterns();
        if (patterns.size() == 1) {
            BitSet one = index.expand(patterns.get(0));
            if (one.isEmpty()) {
                literals.add(patterns.get(0).toLowerCase(Locale.ROOT));
            }
            return one;
        }
        BitSet out = new BitSet();
        for (String p : patterns) {
            BitSet e = index.expand(p);
            if (e.isEmpty()) {
                literals.add(p.toLowerCase(Locale.ROOT));
            } else {
                out.or(e);
            }
        }
        return out;
    }

    /** The Allow (or Deny) statements. */
    List<Part> parts(Effect effect) {
        return effect == Effect.ALLOW ? allows : denies;
    }

    /** The known actions some Allow (or Deny) statement names. Do not modify. */
    BitSet actions(Effect effect) {
        return effect == Effect.ALLOW ? allowed : denied;
    }

    /** The patterns of Allow (or Deny) statements that match no known action, lower-cased. */
    Set<String> literals(Effect effect) {
        return effect == Effect.ALLOW ? allowLiterals : denyLiterals;
    }

    /** The distinct entries of the statements whose actions include known action {@code action}. */
    static List<Entry> entries(List<Part> parts, int action) {
        List<Entry> out = new ArrayList<>(2);
        for (Part p : parts) {
            if (p.actions().get(action) && !out.contains(p.entry())) {
                out.add(p.entry());
            }
        }
        return out;
    }

    /**
     * The entries of the statements that apply to a pattern the catalog does not know: it is matched against
     * every statement's own patterns.
     */
    List<Entry> literalEntries(Effect effect, String action) {
        List<Entry> out = new ArrayList<>();
        Glob unknown = actionGlob(action);
        for (Part r : parts(effect)) {
            if (out.contains(r.entry())) {
                continue;
            }
            boolean applies;
            if (r.statement().actions().negated()) {
                applies = r.statement().actions().patterns().stream()
                        .noneMatch(p -> actionGlob(p).overlaps(unknown));
            } else {
                applies = r.statement().actions().patterns().stream()
                        .anyMatch(p -> actionGlob(p).covers(unknown));
            }
            if (applies) {
                out.add(r.entry());
            }
        }
        return out;
    }

    private static Glob actionGlob(String pattern) {
        return Glob.compile(pattern, Glob.Mode.PLAIN, true);
    }
}
