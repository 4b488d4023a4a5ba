package io.iamdrift.audit;

import io.iamdrift.organization.Guardrails;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How to run an audit.
 *
 * @param now the clock for time-dependent checks; {@code null} means the snapshot's {@code collectedAt}, else now
 * @param principals audit only these principal names (a change-triggered or ad hoc run); empty means everyone
 * @param gaps what the live collection could not get: each is an AUDIT_INCOMPLETE finding
 * @param guardrails the organization's SCPs and RCPs over the account ({@link Guardrails#NONE} outside one):
 *     every effective-access question is asked within them
 */
public record AuditOptions(Instant now, Set<String> principals, List<CollectionGap> gaps, Guardrails guardrails) {
    public AuditOptions {
        principals = principals == null ? Set.of() : Set.copyOf(principals);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        guardrails = guardrails == null ? Guardrails.NONE : guardrails;
    }

    public AuditOptions(Instant now, Set<String> principals, List<CollectionGap> gaps) {
        this(now, principals, gaps, Guardrails.NONE);
    }

    public AuditOptions(Instant now, Set<String> principals) {
        this(now, principals, List.of());
    }

    public AuditOptions withGuardrails(Guardrails g) {
        return new AuditOptions(now, principals, gaps, g);
    }

    /** True when some IAM entities may be missing from the snapshot: absence then proves nothing. */
    boolean entitiesIncomplete() {
        return gaps.stream().anyMatch(CollectionGap::entities);
    }

    public static AuditOptions defaults() {
        return new AuditOptions(null, Set.of());
    }

    boolean includes(String name) {
        return principals.isEmpty() || principals.contains(name);
    }
}
