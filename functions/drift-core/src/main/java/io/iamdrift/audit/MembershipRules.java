package io.iamdrift.audit;

import io.iamdrift.baseline.BoundaryExpectation;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Group membership and permissions boundary: GROUP_DRIFT, BOUNDARY_DRIFT (trust is {@link TrustRules}). */
final class MembershipRules {

    private MembershipRules() {}

    static void check(PrincipalAudit a) {
        if (a.live.isUser() && a.baseline.groups() != null) {
            groups(a);
        }
        boundary(a);
    }

    private static void groups(PrincipalAudit a) {
        TreeSet<String> expected = new TreeSet<>(a.baseline.groups());
        TreeSet<String> found = new TreeSet<>(a.live.groups());
        for (String g : found) {
            if (expected.contains(g)) {
                continue;
            }
            Map<String, PolicyDocument> groupDocs = new LinkedHashMap<>();
            a.addGroup(groupDocs, g);
            DiffResult beyond = a.run.diff(
                    a.baselineGrants(),
                    PrincipalAudit.merge(List.of(a.baselineGrants(), PrincipalAudit.merge(groupDocs.values()))));
            boolean grantsMore = !beyond.added().isEmpty();
            PrincipalAudit.Drift drift = a.drift(grantsMore ? Severity.CRITICAL : Severity.HIGH, beyond.added());
            a.add(a.finding(FindingType.GROUP_DRIFT)
                    .severity(drift.severity())
                    .identity("+" + g)
                    .title(a.live.name() + " was added to group " + g
                            + (grantsMore ? ", which grants more than the baseline" : ""))
                    .detail(a.live.ref().key() + " is a member of " + g + ", which the baseline does not list. "
                            + (grantsMore
                                    ? "The group's policies grant permissions the baseline does not (evidence.added)."
                                    : "The group grants nothing beyond the baseline's policies."))
                    .evidence("group", g)
                    .evidence("change", "added")
                    .evidence("expected", List.copyOf(expected))
                    .evidence("found", List.copyOf(found))
                    .evidence("added", beyond.added())
                    .evidence("cappedByOrganization", drift.cappedByOrganization())
                    .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.removeFromGroup(a.live, g)))
                    .build());
        }
        for (String g : expected) {
            if (!found.contains(g)) {
                a.add(a.finding(FindingType.GROUP_DRIFT)
                        .severity(Severity.HIGH)
                        .identity("-" + g)
                        .title(a.live.name() + " is no longer in group " + g)
                        .detail("The baseline expects " + a.live.ref().key() + " in " + g
                                + "; without it the group's permissions are missing.")
                        .evidence("group", g)
                        .evidence("change", "removed")
                        .evidence("expected", List.copyOf(expected))
                        .evidence("found", List.copyOf(found))
                        .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.addToGroup(a.live, g)))
                        .build());
            }
        }
    }

    private static void boundary(PrincipalAudit a) {
        BoundaryExpectation expected = a.baseline.permissionsBoundary();
        String found = a.live.boundaryArn();
        if (expected instanceof BoundaryExpectation.NotChecked) {
            return;
        }
        if (expected instanceof BoundaryExpectation.None) {
            if (found != null) {
                a.add(a.finding(FindingType.BOUNDARY_DRIFT)
                        .severity(Severity.HIGH)
                        .identity("+" + found)
                        .title(a.live.name() + " has a permissions boundary the baseline does not expect")
                        .detail("A boundary " + found
                                + " was set. A boundary only narrows what the principal may do, but "
                                + "it may block the next deploy.")
                        .evidence("expected", null)
                        .evidence("found", found)
                        .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.deleteBoundary(a.live)))
                        .build());
            }
            return;
        }
        String expectedArn = ((BoundaryExpectation.Arn) expected).arn();
        if (found == null) {
            a.add(a.finding(FindingType.BOUNDARY_DRIFT)
                    .severity(Severity.CRITICAL)
                    .identity("-" + expectedArn)
                    .title("Permissions boundary removed from " + a.live.name())
                    .detail("The baseline caps " + a.live.ref().key() + " with the boundary " + expectedArn
                            + "; it was removed, so the principal's identity policies now apply uncapped.")
                    .evidence("expected", expectedArn)
                    .evidence("found", null)
                    .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.putBoundary(a.live, expectedArn)))
                    .build());
            return;
        }
        if (found.equals(expectedArn)) {
            return;
        }
        PolicyDocument before = documentOf(a, expectedArn);
        PolicyDocument after = documentOf(a, found);
        DiffResult diff = before == null || after == null ? null : a.run.diff(before, after);
        boolean widened = diff == null || !diff.added().isEmpty();
        a.add(a.finding(FindingType.BOUNDARY_DRIFT)
                .severity(widened ? Severity.CRITICAL : Severity.HIGH)
                .identity(expectedArn + "->" + found)
                .title("Permissions boundary of " + a.live.name() + " changed to " + PolicyRules.name(found))
                .detail("The boundary changed from " + expectedArn + " to " + found + ". "
                        + (widened
                                ? "The new boundary allows requests the old one did not (or could not be compared)."
                                : "The new boundary is narrower."))
                .evidence("expected", expectedArn)
                .evidence("found", found)
                .evidence("added", diff == null ? null : diff.added())
                .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.putBoundary(a.live, expectedArn)))
                .build());
    }

    private static PolicyDocument documentOf(PrincipalAudit a, String arn) {
        var p = a.run.policy(arn);
        return p == null || p.defaultDocument() == null ? null : a.parsed(p.defaultDocument(), arn);
    }
}
