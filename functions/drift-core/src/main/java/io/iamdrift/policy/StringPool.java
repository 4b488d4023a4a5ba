package io.iamdrift.policy;

/**
 * One copy of each string that parsed documents repeat (action names, ARNs, condition keys and values): a fleet's
 * documents repeat the same ones thousands of times, so the documents a run keeps cost a fraction of the memory.
 *
 * <p>A fixed table of {@value #SLOTS} slots, two per hash (the first keeps the string that came first, the
 * second the latest newcomer): look-ups neither allocate nor lock, the table never grows, and a string read from a
 * parser's buffer ({@link #intern(char[], int, int)}) is only made into a {@link String} when the pool does not
 * hold it yet. Thread-safe without locks: slots hold immutable strings, and a lost race only costs a copy.
 */
final class StringPool {

    private static final int SLOTS = 1 << 17;
    private static final String[] TABLE = new String[SLOTS];

    private StringPool() {}

    /** {@code s}, or an equal string the pool already holds. */
    static String intern(String s) {
        int slot = slot(s.hashCode());
        String held = TABLE[slot];
        if (s.equals(held)) {
            return held;
        }
        String other = TABLE[slot ^ 1];
        if (s.equals(other)) {
            return other;
        }
        TABLE[held == null ? slot : slot ^ 1] = s;
        return s;
    }

    /** The string of {@code chars[offset, offset + length)}, from the pool when it holds an equal one. */
    static String intern(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = slot(h);
        String held = TABLE[slot];
        if (same(held, chars, offset, length)) {
            return held;
        }
        String other = TABLE[slot ^ 1];
        if (same(other, chars, offset, length)) {
            return other;
        }
        String s = new String(chars, offset, length);
        TABLE[held == null ? slot : slot ^ 1] = s;
        return s;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private static boolean same(String held, char[] chars, int offset, int length) {
        if (held == null || held.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (held.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
