package io.iamdrift.snapshot;

import java.util.Objects;

/**
 * A reference to a user or role, as findings name it.
 *
 * @param kind user or role
 * @param name the user or role name
 * @param arn the ARN, or {@code null} when not known (e.g. a baseline principal that does not exist)
 */
public record PrincipalRef(PrincipalKind kind, String name, String arn) {

    public PrincipalRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind.json() + "/" + name;
    }
}
