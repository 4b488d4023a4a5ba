package io.iamdrift.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How to run an audit.
 *
 * @param now the clock for time-dependent checks; {@code null} means the snapshot's {@code collectedAt}, else now
 * @param principals audit only these principal names (a change-triggered or ad hoc run); empty means everyone
 * @param gaps what the live collection could not get: each is an AUDIT_INCOMPLETE finding
 */
public record AuditOptions(Instant now, Set<String> principals, List<CollectionGap> gaps) {
    public AuditOptions {
        principals = principals == null ? Set.of() : Set.copyOf(principals);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    public AuditOptions(Instant now, Set<String> principals) {
        this(now, principals, List.of());
    }

    public static AuditOptions defaults() {
        return new AuditOptions(null, Set.of());
    }

    boolean includes(String name) {
        return principals.isEmpty() || principals.contains(name);
    }
}
