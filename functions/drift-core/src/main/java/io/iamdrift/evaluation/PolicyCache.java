package io.iamdrift.evaluation;

import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses and compiles each distinct document text once (one map per policy kind, keyed by the text itself, so
 * a lookup costs the text's own cached hash and no key object). Thread-safe. The same text under another id shares the compiled
 * matchers. Bounded: past {@link #DEFAULT_MAX_ENTRIES} distinct documents the cache starts afresh.
 */
public final class PolicyCache {

    public static final int DEFAULT_MAX_ENTRIES = 50_000;

    private final Map<PolicyKind, ConcurrentHashMap<String, CompiledPolicy>> byKind = new EnumMap<>(PolicyKind.class);
    private final int maxEntries;

    public PolicyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public PolicyCache(int maxEntries) {
        this.maxEntries = maxEntries;
        for (PolicyKind kind : PolicyKind.values()) {
            byKind.put(kind, new ConcurrentHashMap<>());
        }
    }

    /**
     * The compiled identity-based policy for a document (JSON or URL-encoded JSON).
     *
     * @throws io.iamdrift.policy.PolicyParseException naming {@code policyId} when the document is invalid
     */
    public CompiledPolicy compile(String documentText, String policyId) {
        return compile(documentText, policyId, PolicyKind.IDENTITY, policyId);
    }

    /**
     * The compiled policy of the given kind.
     *
     * @param source how parse errors name the document (e.g. {@code PolicyInputList[1]})
     */
    public CompiledPolicy compile(String documentText, String policyId, PolicyKind kind, String source) {
        ConcurrentHashMap<String, CompiledPolicy> cache = byKind.get(kind);
        CompiledPolicy cached = cache.get(documentText);
        if (cached == null) {
            cached = CompiledPolicy.compile(PolicyParser.parse(documentText, source, kind), policyId);
            if (size() >= maxEntries) {
                byKind.values().forEach(Map::clear);
            }
            CompiledPolicy raced = cache.putIfAbsent(documentText, cached);
            if (raced != null) {
                cached = raced;
            }
        }
        return cached.withPolicyId(policyId);
    }

    /** Number of distinct documents held. */
    public int size() {
        int size = 0;
        for (ConcurrentHashMap<String, CompiledPolicy> cache : byKind.values()) {
            size += cache.size();
        }
        return size;
    }
}
