package io.iamdrift.evaluation;

import io.iamdrift.internal.BoundedCache;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;

/**
 * Parses and compiles each distinct document text once (keyed by the text and the policy kind, so the
 * lookup costs one hash of the text). Thread-safe. The same text under another id shares the compiled
 * matchers. Bounded: past {@link #DEFAULT_MAX_ENTRIES} distinct documents the cache starts afresh.
 */
public final class PolicyCache {

    public static final int DEFAULT_MAX_ENTRIES = 50_000;

    private record Key(PolicyKind kind, String text) {}

    private final BoundedCache<Key, CompiledPolicy> cache;

    public PolicyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public PolicyCache(int maxEntries) {
        this.cache = new BoundedCache<>(maxEntries);
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
        CompiledPolicy cached = cache.get(
                new Key(kind, documentText),
                k -> CompiledPolicy.compile(PolicyParser.parse(documentText, source, kind), policyId));
        return cached.withPolicyId(policyId);
    }

    /** Number of distinct documents held. */
    public int size() {
        return cache.size();
    }
}
