package io.iamdrift.evaluation;

import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses and compiles each distinct document text once (keyed by the text and the policy kind, so the
 * lookup costs one hash of the text). Thread-safe. The same text under another id shares the compiled
 * matchers. Bounded: past {@link #DEFAULT_MAX_ENTRIES} distinct documents the cache starts afresh.
 */
public final class PolicyCache {

    public static final int DEFAULT_MAX_ENTRIES = 50_000;

    private record Key(PolicyKind kind, String text) {}

    private final ConcurrentHashMap<Key, CompiledPolicy> cache = new ConcurrentHashMap<>();
    private final int maxEntries;

    public PolicyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public PolicyCache(int maxEntries) {
        this.maxEntries = maxEntries;
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
        Key key = new Key(kind, documentText);
        CompiledPolicy cached = cache.get(key);
        if (cached == null) {
            cached = CompiledPolicy.compile(PolicyParser.parse(documentText, source, kind), policyId);
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
            CompiledPolicy raced = cache.putIfAbsent(key, cached);
            if (raced != null) {
                cached = raced;
            }
        }
        return cached.withPolicyId(policyId);
    }

    /** Number of distinct documents held. */
    public int size() {
        return cache.size();
    }
}
