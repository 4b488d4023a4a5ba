package io.iamdrift.incident;

import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One change and everything it caused (contract section 4, {@code incidents}): the unit a person reads.
 *
 * @param id stable fingerprint of the cause: the same change keeps its id across runs, a different one never shares it
 * @param severity the highest severity of its findings
 * @param title one line naming the change, e.g. "AdministratorAccess attached to acme-shop-prod-deployer"
 * @param principals every principal the change reaches (one, or many for a shared cause)
 * @param findings the ids of its findings: the change's own first, then what it caused
 * @param change what changed, what it grants, what follows from it
 * @param actor who made the change, when known; {@code null} when nobody asked
 * @param fix the commands that undo the change first, then those of its consequences (no duplicates)
 */
public record Incident(
        String id,
        Severity severity,
        String title,
        List<PrincipalRef> principals,
        List<String> findings,
        Change change,
        Actor actor,
        List<String> fix) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(change, "change");
        principals = List.copyOf(principals);
        findings = List.copyOf(findings);
        fix = List.copyOf(fix);
    }

    /** This incident with who made the change. */
    public Incident withActor(Actor a) {
        return new Incident(id, severity, title, principals, findings, change, a, fix);
    }

    /** True for the one incident per principal that holds findings with no change behind them. */
    public boolean standing() {
        return change.kind() == ChangeKind.STANDING;
    }
}
