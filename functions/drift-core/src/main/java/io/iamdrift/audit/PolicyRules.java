package io.iamdrift.audit;

import io.iamdrift.baseline.ExpectedInlinePolicy;
import io.iamdrift.baseline.ExpectedManagedPolicy;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.Grant;
import io.iamdrift.diff.Verdict;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.PolicyVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Managed and inline policies against the baseline: MANAGED_POLICY_MISSING, MANAGED_POLICY_NOT_ATTACHED,
 * INLINE_POLICY_MISSING, POLICY_DRIFT, POLICY_VERSION_DRIFT and UNEXPECTED_POLICY.
 */
final class PolicyRules {

    private PolicyRules() {}

    static void check(PrincipalAudit a) {
        Set<String> attached = new HashSet<>();
        a.live.attached().forEach(p -> attached.add(p.arn()));
        for (ExpectedManagedPolicy m : a.baseline.managedPolicies()) {
            managed(a, m, attached.contains(m.arn()));
        }
        Map<String, InlinePolicy> inline = new LinkedHashMap<>();
        a.live.inline().forEach(p -> inline.put(p.name(), p));
        for (ExpectedInlinePolicy e : a.baseline.inlinePolicies()) {
            inline(a, e, inline.get(e.name()));
        }
        unexpected(a);
    }

    private static void managed(PrincipalAudit a, ExpectedManagedPolicy m, boolean isAttached) {
        ManagedPolicyDetail policy = a.run.policy(m.arn());
        boolean awsManaged = m.arn().contains(":iam::aws:policy/");
        if (policy == null && !awsManaged) {
            a.add(a.finding(FindingType.MANAGED_POLICY_MISSING)
                    .policy(m.arn())
                    .title("Expected managed policy " + name(m.arn()) + " does not exist (bootstrap required)")
                    .detail(a.live.ref().key() + " should have " + m.arn()
                            + " attached, but the policy does not exist in the "
                            + "account. Deploys that need its permissions fail; if Terraform creates it, the deployer "
                            + "cannot bootstrap itself: an administrator must create and attach it.")
                    .evidence("expected", m.arn())
                    .evidence("found", "no such policy")
                    .fix(Remediation.of(
                            "An administrator must run these (the deployer cannot grant itself the policy). "
                                    + Remediations.IF_INTENDED,
                            Remediations.createPolicy(m.arn(), m.document()),
                            Remediations.attach(a.live, m.arn())))
                    .build());
            return;
        }
        if (!isAttached) {
            a.add(a.finding(FindingType.MANAGED_POLICY_NOT_ATTACHED)
                    .policy(m.arn())
                    .title("Managed policy " + name(m.arn()) + " exists but is not attached to " + a.live.name())
                    .detail("The baseline expects " + m.arn() + " on "
                            + a.live.ref().key() + ". The policy exists, but "
                            + "is not attached, so its permissions are missing at run time.")
                    .evidence("expected", m.arn())
                    .evidence("found", "not attached")
                    .fix(Remediation.of(Remediations.IF_INTENDED, Remediations.attach(a.live, m.arn())))
                    .build());
            return;
        }
        if (policy == null) {
            return; // AWS managed policy attached but absent from a snapshot without AWSManagedPolicy: nothing to
            // compare
        }
        PolicyDocument current = a.liveManaged(m.arn());
        if (m.versionId() != null && !m.versionId().equals(policy.defaultVersionId())) {
            versionDrift(a, m, policy, current);
        } else if (m.document() != null && current != null) {
            PolicyDocument expected = a.expectedManaged(m);
            if (expected != null && !expected.equals(current)) {
                documentDrift(
                        a,
                        m.arn(),
                        expected,
                        current,
                        m.document(),
                        Remediations.createPolicyVersion(m.arn(), m.document()));
            }
        }
    }

    private static void versionDrift(
            PrincipalAudit a, ExpectedManagedPolicy m, ManagedPolicyDetail policy, PolicyDocument current) {
        PolicyDocument expected = a.expectedManaged(m);
        Severity severity = Severity.CRITICAL;
        String verdict = "UNKNOWN";
        DiffResult diff = null;
        if (expected != null && current != null) {
            diff = a.run.diff(expected, current);
            severity = severityOf(diff.verdict());
            verdict = diff.verdict().name();
        }
        PrincipalAudit.Drift drift = a.drift(severity, diff == null ? null : diff.added());
        Remediation fix = restoreVersion(m, policy);
        a.add(a.finding(FindingType.POLICY_VERSION_DRIFT)
                .policy(m.arn())
                .severity(drift.severity())
                .identity(m.versionId() + "->" + policy.defaultVersionId() + ":"
                        + (current == null ? "" : current.toString()))
                .title(name(m.arn()) + " default version is " + policy.defaultVersionId() + ", baseline pins "
                        + m.versionId() + (diff == null ? "" : " (" + verdict + ")"))
                .detail("The default version of " + m.arn() + " changed from " + m.versionId() + " to "
                        + policy.defaultVersionId() + ". " + explain(diff))
                .evidence("expected", Map.of("versionId", m.versionId()))
                .evidence("found", Map.of("versionId", policy.defaultVersionId()))
                .evidence("verdict", verdict)
                .evidence("added", diff == null ? null : diff.added())
                .evidence("removed", diff == null ? null : diff.removed())
                .evidence("cappedByOrganization", drift.cappedByOrganization())
                .fix(fix)
                .build());
    }

    /** Sets the pinned version as the default again, or restores its document when the version is gone. */
    static Remediation restoreVersion(ExpectedManagedPolicy m, ManagedPolicyDetail policy) {
        boolean versionStillExists =
                policy.versions().stream().map(PolicyVersion::versionId).anyMatch(m.versionId()::equals);
        return versionStillExists
                ? Remediation.of(Remediations.IF_INTENDED, Remediations.setDefaultVersion(m.arn(), m.versionId()))
                : m.document() != null
                        ? Remediation.of(
                                "Version " + m.versionId() + " no longer exists; this restores its document. "
                                        + Remediations.IF_INTENDED,
                                Remediations.createPolicyVersion(m.arn(), m.document()))
                        : Remediation.of(
                                "Version " + m.versionId() + " no longer exists and the baseline holds no copy of its "
                                        + "document: restore it from source control, or update the baseline's versionId.");
    }

    private static void inline(PrincipalAudit a, ExpectedInlinePolicy e, InlinePolicy found) {
        String id = "inline:" + e.name();
        if (found == null) {
            a.add(a.finding(FindingType.INLINE_POLICY_MISSING)
                    .policy(id)
                    .title("Inline policy " + e.name() + " is missing from " + a.live.name())
                    .detail("The baseline expects the inline policy " + e.name() + " on "
                            + a.live.ref().key() + "; it is absent, so the permissions it grants are missing.")
                    .evidence("expected", e.name())
                    .evidence("found", "absent")
                    .fix(Remediation.of(
                            Remediations.IF_INTENDED, Remediations.putInline(a.live, e.name(), compact(e.document()))))
                    .build());
            return;
        }
        PolicyDocument expected = a.parsed(e.document(), "baseline " + id);
        PolicyDocument current = a.parsed(found.document(), id);
        if (expected != null && current != null && !expected.equals(current)) {
            documentDrift(
                    a,
                    id,
                    expected,
                    current,
                    e.document(),
                    Remediations.putInline(a.live, e.name(), compact(e.document())));
        }
    }

    private static void documentDrift(
            PrincipalAudit a,
            String policyId,
            PolicyDocument expected,
            PolicyDocument current,
            String baselineText,
            String restoreCommand) {
        DiffResult diff = a.run.diff(expected, current);
        PrincipalAudit.Drift drift = a.drift(severityOf(diff.verdict()), diff.added());
        String what = switch (diff.verdict()) {
            case EQUIVALENT -> "changed cosmetically (same permissions)";
            case WIDENED -> "was widened";
            case NARROWED -> "was narrowed";
            case CHANGED -> "was changed (grants added and removed)";
        };
        a.add(a.finding(FindingType.POLICY_DRIFT)
                .policy(policyId)
                .severity(drift.severity())
                .identity(current.toString())
                .title(label(policyId) + " on " + a.live.name() + " " + what)
                .detail("The document of " + policyId + " differs from the baseline. " + explain(diff))
                .evidence("verdict", diff.verdict().name())
                .evidence("foundDocumentSha256", sha256(current.toString()))
                .evidence("added", diff.added())
                .evidence("removed", diff.removed())
                .evidence("cappedByOrganization", drift.cappedByOrganization())
                .fix(
                        diff.verdict() == Verdict.EQUIVALENT
                                ? Remediation.of("No permission changed; update the baseline document to silence this.")
                                : Remediation.of(Remediations.IF_INTENDED, restoreCommand))
                .build());
    }

    private static void unexpected(PrincipalAudit a) {
        Set<String> expectedArns = new HashSet<>();
        a.baseline.managedPolicies().forEach(m -> expectedArns.add(m.arn()));
        Set<String> expectedInline = new HashSet<>();
        a.baseline.inlinePolicies().forEach(i -> expectedInline.add(i.name()));
        for (AttachedPolicy p : a.live.attached()) {
            if (!expectedArns.contains(p.arn())) {
                PolicyDocument doc = a.liveManaged(p.arn());
                unexpectedFinding(a, p.arn(), doc, Remediations.detach(a.live, p.arn()));
            }
        }
        for (InlinePolicy p : a.live.inline()) {
            if (!expectedInline.contains(p.name())) {
                String id = "inline:" + p.name();
                unexpectedFinding(a, id, a.parsed(p.document(), id), Remediations.deleteInline(a.live, p.name()));
            }
        }
    }

    /**
     * What a document grants beyond the principal's baseline, and whether any of it is effective (boundary and
     * explicit denies applied): a document that cannot be read counts as granting anything.
     *
     * @param beyond the grants beyond the baseline's policies, or {@code null} for an unreadable document
     */
    record Beyond(DiffResult beyond, boolean grantsMore) {
        List<Grant> added() {
            return beyond == null ? null : beyond.added();
        }
    }

    static Beyond beyondBaseline(PrincipalAudit a, PolicyDocument doc) {
        PolicyDocument baselineGrants = a.baselineGrants();
        DiffResult beyond =
                doc == null ? null : a.run.diff(baselineGrants, PrincipalAudit.merge(List.of(baselineGrants, doc)));
        return new Beyond(beyond, beyond == null || beyond.added().stream().anyMatch(g -> effective(a, g)));
    }

    private static void unexpectedFinding(PrincipalAudit a, String policyId, PolicyDocument doc, String removeCommand) {
        Beyond b = beyondBaseline(a, doc);
        DiffResult beyond = b.beyond();
        boolean grantsMore = b.grantsMore();
        PrincipalAudit.Drift drift =
                a.drift(grantsMore ? Severity.CRITICAL : Severity.HIGH, beyond == null ? null : beyond.added());
        a.add(a.finding(FindingType.UNEXPECTED_POLICY)
                .policy(policyId)
                .severity(drift.severity())
                .identity(doc == null ? "" : doc.toString())
                .title(label(policyId) + " on " + a.live.name() + " is not in the baseline"
                        + (grantsMore ? " and grants more than the baseline" : ""))
                .detail(
                        policyId + " is attached to " + a.live.ref().key() + " but the baseline does not list it. "
                                + (doc == null
                                        ? "Its document could not be read, so it is treated as granting anything."
                                        : grantsMore
                                                ? "It grants permissions the baseline does not: see evidence.added."
                                                : beyond.added().isEmpty()
                                                        ? "Everything it grants is already granted by the baseline's policies."
                                                        : "What it grants beyond the baseline is blocked by the permissions boundary or an explicit deny."))
                .evidence("expected", "absent")
                .evidence("found", policyId)
                .evidence("document", doc == null ? null : allowPatterns(doc))
                .evidence("grantsBeyondBaseline", beyond == null ? null : beyond.added())
                .evidence("cappedByOrganization", drift.cappedByOrganization())
                .fix(Remediation.of(Remediations.IF_INTENDED, removeCommand))
                .build());
    }

    /**
     * Whether the principal's effective access (boundary and explicit denies applied) allows some request of a
     * grant: a policy whose every grant the boundary blocks changes nothing the principal can do.
     */
    private static boolean effective(PrincipalAudit a, Grant g) {
        List<String> resources = g.resources().isEmpty() ? List.of("*") : g.resources();
        for (String action : g.actions()) {
            for (String resource : resources) {
                if (a.liveAccess().couldAllow(action, resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Allow statements of a document as written (its own patterns), for the incident's change line. */
    static List<Map<String, Object>> allowPatterns(PolicyDocument doc) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Statement s : doc.statements()) {
            if (s.effect() != Effect.ALLOW) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(s.actions().negated() ? "notActions" : "actions", s.actions().patterns());
            if (s.resources() != null) {
                m.put(
                        s.resources().negated() ? "notResources" : "resources",
                        s.resources().patterns());
            }
            if (!s.conditions().isEmpty()) {
                m.put("conditional", true);
            }
            out.add(m);
        }
        return out;
    }

    /** The first 16 hex digits of the SHA-256 of a text: which document was found, in a few bytes. */
    static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static Severity severityOf(Verdict v) {
        return switch (v) {
            case WIDENED, CHANGED -> Severity.CRITICAL;
            case NARROWED -> Severity.HIGH;
            case EQUIVALENT -> Severity.INFO;
        };
    }

    static String explain(DiffResult diff) {
        if (diff == null) {
            return "The documents could not be compared, so the change is treated as a widening.";
        }
        return switch (diff.verdict()) {
            case EQUIVALENT ->
                "The change is cosmetic (order, Sid, string-vs-array): it allows exactly the same requests.";
            case WIDENED ->
                "It now allows requests the baseline did not (see evidence.added): whoever holds these "
                        + "credentials can do more than reviewed.";
            case NARROWED ->
                "It allows less than the baseline (see evidence.removed): deploys that need the removed "
                        + "permissions will fail.";
            case CHANGED -> "It both allows new requests (evidence.added) and lost some (evidence.removed).";
        };
    }

    static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static String label(String policyId) {
        return policyId.startsWith("inline:") ? "Inline policy " + policyId.substring(7) : "Policy " + name(policyId);
    }

    static String compact(String json) {
        try {
            return Json.EXACT.readTree(json).toString();
        } catch (Exception e) {
            return json;
        }
    }
}
