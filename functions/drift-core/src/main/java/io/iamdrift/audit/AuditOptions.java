package io.iamdrift.audit;

import io.iamdrift.organization.Guardrails;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How to run an audit.
 *
 * @param now the clock for time-dependent checks; {@code null} means the snapshot's {@code collectedAt}, else now
 * @param scope whom the run judges: everyone, or only the principals a change-triggered or ad hoc run is about
 * @param gaps what the live collection could not get: each is an AUDIT_INCOMPLETE finding
 * @param guardrails the organization's SCPs and RCPs over the account ({@link Guardrails#NONE} outside one):
 *     every effective-access question is asked within them
 */
public record AuditOptions(Instant now, AuditScope scope, List<CollectionGap> gaps, Guardrails guardrails) {
    public AuditOptions {
        scope = scope == null ? AuditScope.everyone() : scope;
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        guardrails = guardrails == null ? Guardrails.NONE : guardrails;
    }

    public AuditOptions(Instant now, AuditScope scope, List<CollectionGap> gaps) {
        this(now, scope, gaps, Guardrails.NONE);
    }

    /** Only the named users or roles ({@code audit --principal}); no name audits everyone. */
    public AuditOptions(Instant now, Set<String> principals) {
        this(now, AuditScope.named(principals), List.of());
    }

    public AuditOptions withGuardrails(Guardrails g) {
        return new AuditOptions(now, scope, gaps, g);
    }

    public static AuditOptions defaults() {
        return new AuditOptions(null, AuditScope.everyone(), List.of());
    }
}
