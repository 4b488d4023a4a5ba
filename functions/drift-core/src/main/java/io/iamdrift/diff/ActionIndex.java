package io.iamdrift.diff;

import io.iamdrift.internal.BoundedCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic action sets: every action of an {@link ActionSpace} gets a number, and a pattern's actions are a
 * bit set over those numbers (a {@code *} is one bit set of ~22,000 bits, 2.8 KB, not 22,000 strings). The
 * diff compares and groups such sets with word-wide bit operations and turns them back into names only for
 * what a person reads. Immutable after construction except for its memo; thread-safe.
 */
final class ActionIndex {

    private static volatile ActionIndex last;

    private final ActionSpace space;
    private final String[] names;
    private final Map<String, Integer> numbers;
    /** Action numbers in the names' natural (String) order, the order grants list actions in. */
    private final int[] sorted;

    private final BoundedCache<String, BitSet> expansions = new BoundedCache<>(32_768);
    private final BoundedCache<List<String>, BitSet> complements = new BoundedCache<>(4_096);

    private ActionIndex(ActionSpace space) {
        this.space = space;
        Collection<String> all = space.all();
        this.names = all.toArray(new String[0]);
        this.numbers = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            numbers.put(names[i], i);
        }
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        this.sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** The index of a space; the last one built is kept (a run, and the next, use the same catalog). */
    static ActionIndex of(ActionSpace space) {
        ActionIndex l = last;
        if (l == null || l.space != space) {
            l = new ActionIndex(space);
            last = l;
        }
        return l;
    }

    /** The known actions a pattern matches; empty when none. Shared: callers must not modify it. */
    BitSet expand(String pattern) {
        return expansions.get(pattern, p -> bits(space.expand(p)));
    }

    /** The known actions none of the patterns matches (a NotAction element). Shared: do not modify. */
    BitSet expandNot(List<String> patterns) {
        return complements.get(List.copyOf(patterns), p -> bits(space.expandNot(p)));
    }

    private BitSet bits(Collection<String> actions) {
        BitSet b = new BitSet(names.length);
        for (String a : actions) {
            Integer n = numbers.get(a);
            if (n != null) {
                b.set(n);
            }
        }
        return b;
    }

    /** The names of a set's actions, in natural order. */
    List<String> names(BitSet actions) {
        List<String> out = new ArrayList<>(actions.cardinality());
        if (actions.cardinality() * 16 < names.length) {
            for (int i = actions.nextSetBit(0); i >= 0; i = actions.nextSetBit(i + 1)) {
                out.add(names[i]);
            }
            out.sort(null);
            return out;
        }
        for (int i : sorted) {
            if (actions.get(i)) {
                out.add(names[i]);
            }
        }
        return out;
    }
}
