package io.iamdrift.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The policies that apply to one principal's request.
 *
 * @param identity identity-based policies (managed, inline, group policies)
 * @param boundary the permissions boundary; empty means no boundary is set
 * @param resourcePolicy the resource-based policy of the resource in the same account, or {@code null}
 */
public record PolicySet(List<CompiledPolicy> identity, List<CompiledPolicy> boundary, CompiledPolicy resourcePolicy) {

    public PolicySet {
        identity = List.copyOf(Objects.requireNonNull(identity, "identity"));
        boundary = boundary == null ? List.of() : List.copyOf(boundary);
    }

    public static PolicySet of(CompiledPolicy... identity) {
        return new PolicySet(List.of(identity), List.of(), null);
    }

    public PolicySet withBoundary(CompiledPolicy... b) {
        return new PolicySet(identity, List.of(b), resourcePolicy);
    }

    public PolicySet withResourcePolicy(CompiledPolicy r) {
        return new PolicySet(identity, boundary, r);
    }

    public boolean hasBoundary() {
        return !boundary.isEmpty();
    }
}
