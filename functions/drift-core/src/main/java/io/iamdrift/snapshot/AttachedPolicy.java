package io.iamdrift.snapshot;

import java.util.Objects;

/** A managed policy attached to a user, role or group. */
public record AttachedPolicy(String name, String arn) {

    public AttachedPolicy {
        Objects.requireNonNull(arn, "arn");
    }
}
