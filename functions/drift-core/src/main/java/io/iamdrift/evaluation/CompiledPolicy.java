package io.iamdrift.evaluation;

import io.iamdrift.policy.PolicyDocument;
import java.util.Objects;

/** A policy document compiled for fast evaluation. Immutable and thread-safe. */
public final class CompiledPolicy {

    private final PolicyDocument document;
    private final String policyId;

    private CompiledPolicy(PolicyDocument document, String policyId) {
        this.document = document;
        this.policyId = policyId;
    }

    public static CompiledPolicy compile(PolicyDocument doc, String policyId) {
        return new CompiledPolicy(Objects.requireNonNull(doc, "doc"), policyId);
    }

    public String policyId() {
        return policyId;
    }

    public PolicyDocument document() {
        return document;
    }
}
