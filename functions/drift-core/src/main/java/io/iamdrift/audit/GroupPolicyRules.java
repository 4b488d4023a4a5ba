package io.iamdrift.audit;

import io.iamdrift.baseline.ExpectedInlinePolicy;
import io.iamdrift.baseline.ExpectedManagedPolicy;
import io.iamdrift.baseline.GroupBaseline;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.Verdict;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * GROUP_POLICY_DRIFT: the policies of a member's groups against the baseline's {@code groups} section. Each
 * change (a managed policy attached or detached, an inline policy added, removed or edited, a managed policy's
 * document or default version) is one finding per audited member, judged on that member's effective access
 * (CRITICAL when it allows the member anything its baseline does not); the incident correlation gathers the
 * members' findings into one incident per change. A group that no {@code groups} section describes is not
 * compared (its policies as they are today are what the baseline expects).
 */
final class GroupPolicyRules {

    private GroupPolicyRules() {}

    /** How a group's policy changed, as {@code evidence.change}. */
    enum Change {
        ATTACHED("attached"),
        DETACHED("detached"),
        INLINE_ADDED("inlineAdded"),
        INLINE_REMOVED("inlineRemoved"),
        EDITED("edited"),
        VERSION("version");

        final String json;

        Change(String json) {
            this.json = json;
        }
    }

    static void check(PrincipalAudit a) {
        if (!a.live.isUser()) {
            return;
        }
        Set<String> expectedMembership = a.baseline.groups() == null ? null : new HashSet<>(a.baseline.groups());
        for (String g : a.live.groups()) {
            GroupBaseline expected = a.run.expectedGroup(g);
            GroupDetail live = a.run.group(g);
            // a membership the baseline does not expect is GROUP_DRIFT, which owns everything the group grants
            if (expected != null && live != null && (expectedMembership == null || expectedMembership.contains(g))) {
                group(a, expected, live);
            }
        }
    }

    private static void group(PrincipalAudit a, GroupBaseline expected, GroupDetail live) {
        Set<String> attached = new HashSet<>();
        live.attachedPolicies().forEach(p -> attached.add(p.arn()));
        Set<String> expectedArns = new HashSet<>();
        for (ExpectedManagedPolicy m : expected.managedPolicies()) {
            expectedArns.add(m.arn());
            if (!attached.contains(m.arn())) {
                removed(
                        a,
                        live.name(),
                        m.arn(),
                        Change.DETACHED,
                        a.expectedManaged(m),
                        Remediations.attach(Remediations.GROUP, live.name(), m.arn()));
            } else {
                managed(a, live.name(), m);
            }
        }
        for (AttachedPolicy p : live.attachedPolicies()) {
            if (!expectedArns.contains(p.arn())) {
                added(
                        a,
                        live.name(),
                        p.arn(),
                        Change.ATTACHED,
                        a.liveManaged(p.arn()),
                        Remediations.detach(Remediations.GROUP, live.name(), p.arn()));
            }
        }
        Map<String, InlinePolicy> inline = new LinkedHashMap<>();
        live.inlinePolicies().forEach(p -> inline.put(p.name(), p));
        Set<String> expectedInline = new HashSet<>();
        for (ExpectedInlinePolicy e : expected.inlinePolicies()) {
            expectedInline.add(e.name());
            String id = "inline:" + e.name();
            PolicyDocument want = a.parsed(e.document(), "baseline " + PrincipalAudit.groupPolicyId(live.name(), id));
            InlinePolicy found = inline.get(e.name());
            if (found == null) {
                removed(a, live.name(), id, Change.INLINE_REMOVED, want, restoreInline(live.name(), e));
                continue;
            }
            PolicyDocument current = a.parsed(found.document(), PrincipalAudit.groupPolicyId(live.name(), id));
            if (want != null && current != null && !want.equals(current)) {
                changed(
                        a,
                        live.name(),
                        id,
                        Change.EDITED,
                        want,
                        current,
                        null,
                        Remediation.of(Remediations.IF_INTENDED, restoreInline(live.name(), e)));
            }
        }
        for (InlinePolicy p : live.inlinePolicies()) {
            if (!expectedInline.contains(p.name())) {
                String id = "inline:" + p.name();
                added(
                        a,
                        live.name(),
                        id,
                        Change.INLINE_ADDED,
                        a.parsed(p.document(), PrincipalAudit.groupPolicyId(live.name(), id)),
                        Remediations.deleteInline(Remediations.GROUP, live.name(), p.name()));
            }
        }
    }

    /** The command that puts the baseline's inline policy back on the group (built only for a finding). */
    private static String restoreInline(String group, ExpectedInlinePolicy e) {
        return Remediations.putInline(Remediations.GROUP, group, e.name(), PolicyRules.compact(e.document()));
    }

    /** An expected managed policy that is attached: its default version or document against the baseline's. */
    private static void managed(PrincipalAudit a, String group, ExpectedManagedPolicy m) {
        ManagedPolicyDetail policy = a.run.policy(m.arn());
        if (policy == null) {
            return; // an AWS managed policy absent from a snapshot without AWSManagedPolicy: nothing to compare
        }
        PolicyDocument current = a.liveManaged(m.arn());
        if (m.versionId() != null && !m.versionId().equals(policy.defaultVersionId())) {
            changed(
                    a,
                    group,
                    m.arn(),
                    Change.VERSION,
                    a.expectedManaged(m),
                    current,
                    Map.of("expected", m.versionId(), "found", policy.defaultVersionId()),
                    PolicyRules.restoreVersion(m, policy));
        } else if (m.document() != null && current != null) {
            PolicyDocument want = a.expectedManaged(m);
            if (want != null && !want.equals(current)) {
                changed(
                        a,
                        group,
                        m.arn(),
                        Change.EDITED,
                        want,
                        current,
                        null,
                        Remediation.of(
                                Remediations.IF_INTENDED, Remediations.createPolicyVersion(m.arn(), m.document())));
            }
        }
    }

    /** A policy on the group that the baseline does not list: CRITICAL when it grants the member anything new. */
    private static void added(
            PrincipalAudit a, String group, String policyId, Change change, PolicyDocument doc, String removeCommand) {
        PolicyRules.Beyond beyond = PolicyRules.beyondBaseline(a, doc);
        PrincipalAudit.Drift drift = a.drift(beyond.grantsMore() ? Severity.CRITICAL : Severity.HIGH, beyond.added());
        String what = (change == Change.ATTACHED
                        ? PolicyRules.label(policyId) + " attached to group "
                        : PolicyRules.label(policyId) + " added to group ")
                + group;
        a.add(a.finding(FindingType.GROUP_POLICY_DRIFT)
                .policy(policyId)
                .severity(drift.severity())
                .identity(group + "|" + change.json + "|" + (doc == null ? "" : doc.toString()))
                .title(what + (beyond.grantsMore() ? ", granting its members more than their baseline" : ""))
                .detail(a.live.ref().key() + " is a member of " + group + ". " + what
                        + " is not in the baseline's groups "
                        + "section. "
                        + (doc == null
                                ? "Its document could not be read, so it is treated as granting anything."
                                : beyond.grantsMore()
                                        ? "It grants the member permissions its baseline does not: see evidence.added."
                                        : "Everything it grants the member is already granted by the baseline's policies, or "
                                                + "blocked by the member's boundary or an explicit deny."))
                .evidence("group", group)
                .evidence("change", change.json)
                .evidence("foundDocumentSha256", doc == null ? null : PolicyRules.sha256(doc.toString()))
                .evidence("document", doc == null ? null : PolicyRules.allowPatterns(doc))
                .evidence("added", beyond.added())
                .evidence("cappedByOrganization", drift.cappedByOrganization())
                .fix(Remediation.of(Remediations.IF_INTENDED, removeCommand))
                .build());
    }

    /** A policy the baseline lists on the group that is gone: it only takes access away (HIGH). */
    private static void removed(
            PrincipalAudit a,
            String group,
            String policyId,
            Change change,
            PolicyDocument expected,
            String restoreCommand) {
        String what = PolicyRules.label(policyId)
                + (change == Change.DETACHED ? " detached from group " : " removed from group ")
                + group;
        a.add(a.finding(FindingType.GROUP_POLICY_DRIFT)
                .policy(policyId)
                .severity(Severity.HIGH)
                .identity(group + "|" + change.json)
                .title(what)
                .detail(a.live.ref().key() + " is a member of " + group + ", whose baseline lists " + policyId
                        + "; it is gone, so the permissions it granted the member are missing (a required action it granted "
                        + "is reported as REQUIRED_ACTION_DENIED).")
                .evidence("group", group)
                .evidence("change", change.json)
                .evidence("removed", expected == null ? null : PolicyRules.allowPatterns(expected))
                .fix(Remediation.of(Remediations.IF_INTENDED, restoreCommand))
                .build());
    }

    /**
     * A group policy whose document (inline, managed) or default version differs from the baseline's: INFO when
     * equivalent, CRITICAL when it allows the member anything its baseline does not, else HIGH.
     */
    private static void changed(
            PrincipalAudit a,
            String group,
            String policyId,
            Change change,
            PolicyDocument expected,
            PolicyDocument current,
            Map<String, String> versions,
            Remediation fix) {
        DiffResult diff = expected == null || current == null ? null : a.run.diff(expected, current);
        PolicyRules.Beyond beyond = PolicyRules.beyondBaseline(a, current);
        Severity severity = diff != null && diff.verdict() == Verdict.EQUIVALENT
                ? Severity.INFO
                : beyond.grantsMore() ? Severity.CRITICAL : Severity.HIGH;
        PrincipalAudit.Drift drift = a.drift(severity, beyond.added());
        String verdict = diff == null ? "UNKNOWN" : diff.verdict().name();
        String what = change == Change.VERSION
                ? PolicyRules.label(policyId) + " of group " + group + " is at version " + versions.get("found")
                        + ", the baseline pins " + versions.get("expected")
                : PolicyRules.label(policyId) + " of group " + group + " changed";
        a.add(a.finding(FindingType.GROUP_POLICY_DRIFT)
                .policy(policyId)
                .severity(drift.severity())
                .identity(group + "|" + change.json + "|" + (current == null ? "" : current.toString()))
                .title(what + " (" + verdict + ")")
                .detail(a.live.ref().key() + " is a member of " + group + ". " + what + ". " + PolicyRules.explain(diff)
                        + (severity == Severity.HIGH
                                        && diff != null
                                        && !diff.added().isEmpty()
                                ? " What it adds, the member already has from its baseline's policies (or cannot use)."
                                : ""))
                .evidence("group", group)
                .evidence("change", change.json)
                .evidence("verdict", verdict)
                .evidence("expected", versions == null ? null : Map.of("versionId", versions.get("expected")))
                .evidence("found", versions == null ? null : Map.of("versionId", versions.get("found")))
                .evidence("foundDocumentSha256", current == null ? null : PolicyRules.sha256(current.toString()))
                .evidence("added", diff == null ? null : diff.added())
                .evidence("removed", diff == null ? null : diff.removed())
                .evidence("cappedByOrganization", drift.cappedByOrganization())
                .fix(
                        diff != null && diff.verdict() == Verdict.EQUIVALENT
                                ? Remediation.of(
                                        "No permission changed; update the baseline's groups section to silence this.")
                                : fix)
                .build());
    }
}
