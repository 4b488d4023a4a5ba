package io.iamdrift.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the snapshot records. */
final class Snapshots {

    private Snapshots() {}

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** An unmodifiable copy that keeps the insertion order (reports list tags in the order IAM gave them). */
    static Map<String, String> map(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
