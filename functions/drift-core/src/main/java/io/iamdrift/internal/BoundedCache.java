package io.iamdrift.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo that starts afresh past a size limit: documents and patterns shared by a fleet of deployers are asked
 * for again and again and stay cached, while tens of thousands of single-use ones (or a fuzzer's) do not pile
 * up in memory. Not part of the API: shared by the core's packages only.
 */
public final class BoundedCache<K, V> {
    private final int limit;
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

    public BoundedCache(int limit) {
        this.limit = limit;
    }

    public V get(K key, Function<? super K, ? extends V> compute) {
        V v = map.get(key);
        if (v != null) {
            return v;
        }
        if (map.size() >= limit) {
            map.clear();
        }
        v = compute.apply(key);
        V raced = map.putIfAbsent(key, v);
        return raced == null ? v : raced;
    }

    /** How many entries it holds now. */
    public int size() {
        return map.size();
    }
}
