package io.iamdrift.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The request context: condition keys (case-insensitive) and their values. Immutable. */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(Map.of());

    /** Keys folded to lower case. */
    private final Map<String, List<String>> values;

    private RequestContext(Map<String, List<String>> lowerCased) {
        this.values = lowerCased;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    /** A context from keys (any case) to values; a key given twice in different case keeps the last. */
    public static RequestContext of(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> m = new HashMap<>(values.size() * 2);
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            m.put(fold(e.getKey()), List.copyOf(e.getValue()));
        }
        return new RequestContext(m);
    }

    /** The values of a key (case-insensitive), or {@code null} when the key is absent. */
    public List<String> values(String key) {
        return values.get(fold(key));
    }

    /** The values of a key already in lower case; no allocation. */
    public List<String> valuesLowerCase(String lowerCaseKey) {
        return values.get(lowerCaseKey);
    }

    /** A copy with one key set (replacing any values it had). */
    public RequestContext with(String key, List<String> keyValues) {
        Map<String, List<String>> m = new HashMap<>(values);
        m.put(fold(key), List.copyOf(keyValues));
        return new RequestContext(m);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Lower-cased keys to values. */
    public Map<String, List<String>> asMap() {
        return Map.copyOf(values);
    }

    static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestContext other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "RequestContext" + values;
    }
}
