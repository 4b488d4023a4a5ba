package io.iamdrift.audit;

import io.iamdrift.baseline.BoundaryExpectation;
import io.iamdrift.baseline.ExpectedInlinePolicy;
import io.iamdrift.baseline.ExpectedManagedPolicy;
import io.iamdrift.baseline.GroupBaseline;
import io.iamdrift.baseline.PrincipalBaseline;
import io.iamdrift.diff.Grant;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.PolicyVersion;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One principal under audit: its live policies and, when a baseline names it, its expected ones; the
 * findings the rules raise for it; the reasons it could not be audited in full.
 */
final class PrincipalAudit {
    final RunContext run;
    final LivePrincipal live;
    /** {@code null} for a deployer found by discovery that no baseline names. */
    final PrincipalBaseline baseline;

    final List<Finding> findings = new ArrayList<>();
    final List<String> incomplete = new ArrayList<>();
    int requiredChecked;
    int requiredAllowed;

    private Map<String, PolicyDocument> liveIdentity;
    private Map.Entry<String, PolicyDocument> liveBoundary;
    private EffectiveAccess liveAccess;
    private EffectiveAccess baselineAccess;
    private Map<String, PolicyDocument> baselineIdentity;
    private PolicyDocument baselineGrants;

    PrincipalAudit(RunContext run, LivePrincipal live, PrincipalBaseline baseline) {
        this.run = run;
        this.live = live;
        this.baseline = baseline;
    }

    /** Drops what the rules needed once they are done: a run keeps only findings and counts per principal. */
    void release() {
        liveIdentity = null;
        liveBoundary = null;
        liveAccess = null;
        baselineAccess = null;
        baselineIdentity = null;
        baselineGrants = null;
    }

    FindingBuilder finding(FindingType type) {
        return new FindingBuilder(run.accountId, type, live.ref());
    }

    void add(Finding f) {
        findings.add(f);
    }

    // ---- live side -------------------------------------------------------------------------------------

    /** The document of a managed policy's default version, or {@code null} (and the audit marked incomplete). */
    PolicyDocument liveManaged(String arn) {
        ManagedPolicyDetail p = run.policy(arn);
        if (p == null || p.defaultDocument() == null) {
            incomplete.add("the document of attached policy " + arn + " is not in the snapshot");
            return null;
        }
        return parsed(p.defaultDocument(), arn);
    }

    PolicyDocument parsed(String text, String source) {
        PolicyLibrary.Parsed parsed = run.library.parse(text, source);
        if (!parsed.ok()) {
            incomplete.add(
                    "policy " + source + " could not be read: " + parsed.error().getMessage());
            return null;
        }
        return parsed.document();
    }

    /** Identity policies in force: attached, inline, and every group's, by policy id. */
    Map<String, PolicyDocument> liveIdentity() {
        if (liveIdentity == null) {
            Map<String, PolicyDocument> docs = new LinkedHashMap<>();
            for (AttachedPolicy a : live.attached()) {
                putIfParsed(docs, a.arn(), liveManaged(a.arn()));
            }
            for (InlinePolicy i : live.inline()) {
                putIfParsed(docs, "inline:" + i.name(), parsed(i.document(), "inline:" + i.name()));
            }
            for (String g : live.groups()) {
                addGroup(docs, g);
            }
            liveIdentity = docs;
        }
        return liveIdentity;
    }

    void addGroup(Map<String, PolicyDocument> docs, String groupName) {
        GroupDetail group = run.group(groupName);
        if (group == null) {
            incomplete.add("group " + groupName + " is not in the snapshot");
            return;
        }
        for (AttachedPolicy a : group.attachedPolicies()) {
            putIfParsed(docs, groupPolicyId(groupName, a.arn()), liveManaged(a.arn()));
        }
        for (InlinePolicy i : group.inlinePolicies()) {
            putIfParsed(
                    docs,
                    groupPolicyId(groupName, "inline:" + i.name()),
                    parsed(i.document(), "group " + groupName + " inline:" + i.name()));
        }
    }

    Map.Entry<String, PolicyDocument> liveBoundary() {
        if (liveBoundary == null && live.boundaryArn() != null) {
            PolicyDocument doc = liveManaged(live.boundaryArn());
            liveBoundary = doc == null ? null : new AbstractMap.SimpleImmutableEntry<>(live.boundaryArn(), doc);
        }
        return liveBoundary;
    }

    /** A drift's severity within the organization's guardrails, and the SCPs/RCPs that capped it (or {@code null}). */
    record Drift(Severity severity, List<String> cappedByOrganization) {}

    /**
     * A CRITICAL drift whose added access the organization's SCPs and RCPs stop entirely changes nothing the
     * principal can do today: MEDIUM, naming the guardrails (one change to them and it is real).
     */
    Drift drift(Severity severity, List<Grant> added) {
        if (severity != Severity.CRITICAL || added == null || added.isEmpty()) {
            return new Drift(severity, null);
        }
        List<String> capped = liveAccess().cappedByOrganization(added);
        return capped == null ? new Drift(severity, null) : new Drift(Severity.MEDIUM, capped);
    }

    EffectiveAccess liveAccess() {
        if (liveAccess == null) {
            liveAccess = access(liveIdentity(), liveBoundary());
        }
        return liveAccess;
    }

    /** The live boundary applied to other identity policies (e.g. the principal's after joining a group). */
    EffectiveAccess accessWith(Map<String, PolicyDocument> identity) {
        return access(identity, liveBoundary());
    }

    private EffectiveAccess access(Map<String, PolicyDocument> identity, Map.Entry<String, PolicyDocument> boundary) {
        return new EffectiveAccess(
                run,
                identity,
                boundary,
                live.ref().arn(),
                EffectiveAccess.principalContext(
                        run.accountId,
                        live.ref().arn(),
                        live.ref().type(),
                        live.name(),
                        live.tags(),
                        run.guardrails.organizationId()),
                live.isUser() ? live.name() : null);
    }

    // ---- baseline side ---------------------------------------------------------------------------------

    /** The document the baseline expects for a managed policy: its own copy, else the version it pins, else today's. */
    PolicyDocument expectedManaged(ExpectedManagedPolicy m) {
        if (m.document() != null) {
            return parsed(m.document(), "baseline " + m.arn());
        }
        ManagedPolicyDetail p = run.policy(m.arn());
        if (p == null) {
            return null;
        }
        if (m.versionId() != null) {
            for (PolicyVersion v : p.versions()) {
                if (v.versionId().equals(m.versionId()) && v.document() != null) {
                    return parsed(v.document(), m.arn() + " " + m.versionId());
                }
            }
            if (!m.versionId().equals(p.defaultVersionId())) {
                return null;
            }
        }
        return p.defaultDocument() == null ? null : parsed(p.defaultDocument(), m.arn());
    }

    /** A group's policies as its baseline expects them, under the ids {@link #addGroup} gives the live ones. */
    private void addExpectedGroup(Map<String, PolicyDocument> docs, GroupBaseline group) {
        for (ExpectedManagedPolicy m : group.managedPolicies()) {
            putIfParsed(docs, groupPolicyId(group.name(), m.arn()), expectedManaged(m));
        }
        for (ExpectedInlinePolicy i : group.inlinePolicies()) {
            String id = groupPolicyId(group.name(), "inline:" + i.name());
            putIfParsed(docs, id, parsed(i.document(), "baseline " + id));
        }
    }

    /** The id of a group's policy among a member's identity policies: {@code group:<group>:<arn or inline:name>}. */
    static String groupPolicyId(String group, String policy) {
        return "group:" + group + ":" + policy;
    }

    /**
     * The identity policies the baseline expects: its own, and its groups' as the baseline's {@code groups} section
     * describes them (a group it does not describe: as it is today).
     */
    Map<String, PolicyDocument> baselineIdentity() {
        if (baselineIdentity == null) {
            Map<String, PolicyDocument> docs = new LinkedHashMap<>();
            if (baseline != null) {
                for (ExpectedManagedPolicy m : baseline.managedPolicies()) {
                    putIfParsed(docs, m.arn(), expectedManaged(m));
                }
                for (ExpectedInlinePolicy i : baseline.inlinePolicies()) {
                    putIfParsed(docs, "inline:" + i.name(), parsed(i.document(), "baseline inline:" + i.name()));
                }
                Collection<String> groups = baseline.groups() != null ? baseline.groups() : live.groups();
                for (String g : groups) {
                    GroupBaseline expected = run.expectedGroup(g);
                    if (expected != null) {
                        addExpectedGroup(docs, expected);
                    } else if (run.group(g) != null) {
                        addGroup(docs, g);
                    }
                }
            }
            baselineIdentity = docs;
        }
        return baselineIdentity;
    }

    EffectiveAccess baselineAccess() {
        if (baselineAccess == null) {
            Map.Entry<String, PolicyDocument> boundary = null;
            BoundaryExpectation b =
                    baseline == null ? new BoundaryExpectation.NotChecked() : baseline.permissionsBoundary();
            if (b instanceof BoundaryExpectation.Arn arn) {
                ManagedPolicyDetail p = run.policy(arn.arn());
                PolicyDocument doc =
                        p == null || p.defaultDocument() == null ? null : parsed(p.defaultDocument(), arn.arn());
                boundary = doc == null ? null : new AbstractMap.SimpleImmutableEntry<>(arn.arn(), doc);
            } else if (b instanceof BoundaryExpectation.NotChecked) {
                boundary = liveBoundary();
            }
            baselineAccess = access(baselineIdentity(), boundary);
        }
        return baselineAccess;
    }

    /** Everything the baseline's policies grant, as one document (computed on first use). */
    PolicyDocument baselineGrants() {
        if (baselineGrants == null) {
            baselineGrants = merge(baselineIdentity().values());
        }
        return baselineGrants;
    }

    /** All statements of several documents as one document, for "does X grant anything beyond Y" questions. */
    static PolicyDocument merge(Collection<PolicyDocument> docs) {
        List<Statement> all = new ArrayList<>();
        for (PolicyDocument d : docs) {
            for (Statement s : d.statements()) {
                all.add(new Statement(
                        all.size(), s.sid(), s.effect(), s.actions(), s.resources(), s.principals(), s.conditions()));
            }
        }
        return new PolicyDocument(PolicyDocument.VERSION_2012, null, all);
    }

    private static void putIfParsed(Map<String, PolicyDocument> docs, String id, PolicyDocument doc) {
        if (doc != null) {
            docs.put(id, doc);
        }
    }
}
