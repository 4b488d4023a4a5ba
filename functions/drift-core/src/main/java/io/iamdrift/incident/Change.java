package io.iamdrift.incident;

import java.util.List;
import java.util.Objects;

/**
 * What changed.
 *
 * @param kind the kind of object and change
 * @param object the object that changed: a policy ARN, {@code inline:<name>}, {@code group/<name>}, a principal key
 * @param grants the change as a compact diff, one line each ({@code + s3:GetObject, s3:PutObject on arn:aws:s3:::*},
 *     {@code + every action on every resource}, {@code - ...} for what it took away); empty when not about access
 * @param consequences what follows from it, one short phrase each ("admin access", "2 forbidden actions allowed")
 */
public record Change(ChangeKind kind, String object, List<String> grants, List<String> consequences) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        grants = List.copyOf(grants);
        consequences = List.copyOf(consequences);
    }
}
