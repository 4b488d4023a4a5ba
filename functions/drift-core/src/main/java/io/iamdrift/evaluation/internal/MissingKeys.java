package io.iamdrift.evaluation.internal;

import java.util.ArrayList;
import java.util.List;

/** Collects the context keys an evaluation needed but did not find, first spelling wins, no duplicates. */
public final class MissingKeys {

    private List<String> keys;

    public void add(String key) {
        if (keys == null) {
            keys = new ArrayList<>(4);
        } else {
            for (String k : keys) {
                if (k.equalsIgnoreCase(key)) {
                    return;
                }
            }
        }
        keys.add(key);
    }

    /** The keys, or an empty list. */
    public List<String> keys() {
        return keys == null ? List.of() : keys;
    }
}
