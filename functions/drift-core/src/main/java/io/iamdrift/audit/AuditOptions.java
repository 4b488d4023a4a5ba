package io.iamdrift.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How to run an audit.
 *
 * @param now the clock for time-dependent checks; {@code null} means the snapshot's {@code collectedAt}, else now
 * @param scope whom the run judges: everyone, or only the principals a change-triggered or ad hoc run is about
 * @param gaps what the live collection could not get: each is an AUDIT_INCOMPLETE finding
 */
public record AuditOptions(Instant now, AuditScope scope, List<CollectionGap> gaps) {
    public AuditOptions {
        scope = scope == null ? AuditScope.everyone() : scope;
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    /** Only the named users or roles ({@code audit --principal}); no name audits everyone. */
    public AuditOptions(Instant now, Set<String> principals) {
        this(now, AuditScope.named(principals), List.of());
    }

    /** True when some IAM entities may be missing from the snapshot: absence then proves nothing. */
    boolean entitiesIncomplete() {
        return gaps.stream().anyMatch(CollectionGap::entities);
    }

    public static AuditOptions defaults() {
        return new AuditOptions(null, AuditScope.everyone(), List.of());
    }
}
