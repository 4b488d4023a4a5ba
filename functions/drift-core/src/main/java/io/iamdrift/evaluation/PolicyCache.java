package io.iamdrift.evaluation;

import io.iamdrift.policy.PolicyParser;

/** Parses and compiles each distinct document text once. Thread-safe. */
public final class PolicyCache {

    public CompiledPolicy compile(String documentText, String policyId) {
        return CompiledPolicy.compile(PolicyParser.parse(documentText, policyId), policyId);
    }
}
