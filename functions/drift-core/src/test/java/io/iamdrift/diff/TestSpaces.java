package io.iamdrift.diff;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Action spaces for tests: a subset of the real catalog data, and tiny hand-made ones. */
public final class TestSpaces {

    private static volatile TableActionSpace subset;

    private TestSpaces() {}

    /** 32 services of the real catalog (from the same Service Authorization Reference data). */
    public static ActionSpace catalogSubset() {
        TableActionSpace s = subset;
        if (s == null) {
            try (InputStream in = TestSpaces.class.getResourceAsStream("/catalog-subset.tsv")) {
                s = TableActionSpace.read(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            subset = s;
        }
        return s;
    }

    /** A space of the given actions, all supporting resource-level permissions. */
    public static ActionSpace of(String... actions) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String a : actions) {
            m.put(a, true);
        }
        return new TableActionSpace(m);
    }
}
