package io.iamdrift.audit;

import io.iamdrift.escalation.Escalation;
import io.iamdrift.escalation.EscalationJudge;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.Target;
import io.iamdrift.escalation.Targets;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.MatchedStatement;
import io.iamdrift.evaluation.PolicySourceType;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.LintType;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posture: ADMIN_ACCESS and PRIVILEGE_ESCALATION on the principal's effective access, and the lint types on
 * each of its policies. Access that the baseline's own policies already grant is capped at MEDIUM and marked
 * {@code inBaseline}, so a reviewed deployer does not page anyone every hour.
 */
final class PostureRules {

    private PostureRules() {}

    static void check(PrincipalAudit a) {
        admin(a);
        escalation(a);
        lint(a);
    }

    private static void admin(PrincipalAudit a) {
        if (!a.liveAccess().adminEquivalent(a.run.catalog)) {
            cappedAdmin(a);
            return;
        }
        boolean inBaseline = a.baseline != null && a.baselineAccess().adminEquivalent(a.run.catalog);
        List<String> adminPolicies = adminPolicies(a);
        a.add(a.finding(FindingType.ADMIN_ACCESS)
                .severity(inBaseline ? Severity.MEDIUM : Severity.CRITICAL)
                .policy(adminPolicies.isEmpty() ? null : adminPolicies.get(0))
                .title(a.live.name() + " has administrator access (every iam action on every resource)")
                .detail(
                        "The effective policies allow every IAM action on \"*\": the principal can grant itself anything. "
                                + (inBaseline
                                        ? "The baseline's own policies already grant this."
                                        : "The baseline does not grant this."))
                .evidence("inBaseline", inBaseline)
                .evidence(
                        "grantingPolicies",
                        adminPolicies.isEmpty() ? List.copyOf(a.liveIdentity().keySet()) : adminPolicies)
                .fix(Remediation.of(
                        "Detach the policy that grants administrator access (often AdministratorAccess or "
                                + "IAMFullAccess) and grant only the deployer's actions. " + Remediations.IF_INTENDED,
                        adminDetachCommands(a).toArray(String[]::new)))
                .build());
    }

    /** Policy ids with the ones the baseline does not name first: the likely cause of access it did not have. */
    private static List<String> likelyCauseFirst(PrincipalAudit a, Collection<String> policyIds) {
        Set<String> known = a.baselineIdentity().keySet();
        return policyIds.stream()
                .distinct()
                .sorted(Comparator.comparing(known::contains))
                .toList();
    }

    private static List<String> adminDetachCommands(PrincipalAudit a) {
        List<String> out = new ArrayList<>();
        for (AttachedPolicy p : a.live.attached()) {
            if (p.arn().endsWith(":policy/AdministratorAccess") || p.arn().endsWith(":policy/IAMFullAccess")) {
                out.add(Remediations.detach(a.live, p.arn()));
            }
        }
        return out;
    }

    /** Whether a policy id names an AWS-managed policy (attached directly or through a group), which nobody can edit. */
    static boolean awsManaged(String policyId) {
        String arn = policyId.startsWith("group:") ? policyId.substring(policyId.indexOf(':', 6) + 1) : policyId;
        return ManagedPolicyDetail.isAwsManagedArn(arn);
    }

    /** The first IAM action the reading does not allow on {@code *}, or {@code null} when it allows them all. */
    private static String firstNotAllowed(PrincipalAudit a, java.util.function.BiPredicate<String, String> allows) {
        for (String action : List.of("iam:CreateUser", "iam:PutUserPolicy")) {
            if (!allows.test(action, "*")) {
                return action;
            }
        }
        for (String action : a.run.catalog.expand("iam:*")) {
            if (!allows.test(action, "*")) {
                return action;
            }
        }
        return null;
    }

    /**
     * The principal's own policies grant administrator access but the organization's SCPs cap it: not a
     * CRITICAL (it cannot act as an administrator), but worth knowing (LOW): moving the account to another OU,
     * or a change of the SCP, makes it one.
     */
    private static void cappedAdmin(PrincipalAudit a) {
        EffectiveAccess access = a.liveAccess();
        if (!access.guarded()
                || firstNotAllowed(a, (act, res) -> {
                            Decision d = access.ownDecision(act, res);
                            return d != null && d.allowed();
                        })
                        != null) {
            return;
        }
        String blocked = firstNotAllowed(a, access::couldAllow);
        Decision d = access.optimisticDecision(blocked, "*");
        String why = d != null && d.organizationDenial() != null
                ? d.organizationDenial().describe(blocked)
                : "the organization's policies do not allow " + blocked;
        List<String> adminPolicies = adminPolicies(a);
        a.add(a.finding(FindingType.ADMIN_ACCESS)
                .severity(Severity.LOW)
                .identity("capped")
                .policy(adminPolicies.isEmpty() ? null : adminPolicies.get(0))
                .title(a.live.name() + "'s policies grant administrator access, capped by the organization: " + why)
                .detail("The principal's own policies allow every IAM action on \"*\", but the organization's service "
                        + "control policies do not (" + why
                        + "), so it cannot act as an administrator today. Moving the "
                        + "account to another OU, or a change of the SCP, would make it one.")
                .evidence("cappedByOrganization", why)
                .evidence(
                        "grantingPolicies",
                        adminPolicies.isEmpty() ? List.copyOf(a.liveIdentity().keySet()) : adminPolicies)
                .fix(Remediation.of(
                        "Grant only the deployer's actions rather than relying on the SCP. " + Remediations.IF_INTENDED,
                        adminDetachCommands(a).toArray(String[]::new)))
                .build());
    }

    /**
     * PRIVILEGE_ESCALATION: each path of the escalation table the principal's effective access realises in the
     * account, with the targets it reaches. Access that is admin-equivalent raises ADMIN_ACCESS, which implies
     * every path.
     */
    private static void escalation(PrincipalAudit a) {
        if (a.liveAccess().adminEquivalent(a.run.catalog)) {
            return;
        }
        AccountTargets targets = new AccountTargets(a, a.liveAccess());
        AccountTargets baselineTargets = null; // built on the first escalation found: most principals have none
        for (Escalation e : EscalationJudge.judge(a.run.escalationPaths, a.liveAccess(), targets)) {
            EscalationPath path = e.path();
            if (baselineTargets == null && a.baseline != null) {
                baselineTargets = new AccountTargets(a, a.baselineAccess());
            }
            boolean inBaseline =
                    baselineTargets != null && EscalationJudge.judge(path, a.baselineAccess(), baselineTargets) != null;
            List<MatchedStatement> allowedBy = e.grants().stream()
                    .flatMap(g -> g.decision().matchedStatements().stream())
                    .filter(m -> m.sourceType() == PolicySourceType.IDENTITY)
                    .distinct()
                    .toList();
            List<String> granting = likelyCauseFirst(
                    a, allowedBy.stream().map(MatchedStatement::policyId).toList());
            List<String> allows = e.grants().stream()
                    .map(g -> g.action() + " on " + g.resource())
                    .toList();
            boolean unseen = path.steps().stream().anyMatch(s -> s.on() == Target.SERVICE_ROLE);
            List<Map<String, Object>> reached = new ArrayList<>();
            for (Targets.Candidate c : e.targets()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("arn", c.arn());
                t.put("label", c.label());
                if (!c.via().isEmpty()) {
                    List<String> chain = new ArrayList<>(c.via());
                    chain.add(c.arn());
                    t.put("chain", chain);
                }
                String why = path.gainsTargetAccess() ? targets.whyMorePrivileged(c) : null;
                if (why != null) {
                    t.put("morePrivilegedBecause", why);
                }
                reached.add(t);
            }
            Map<String, Object> pathEvidence = new LinkedHashMap<>();
            pathEvidence.put("id", path.id());
            pathEvidence.put("pathfinding", path.pathfinding());
            pathEvidence.put("rhino", path.rhino());
            String targetText = e.targets().isEmpty()
                    ? ""
                    : " Reaches "
                            + String.join(
                                    "; ",
                                    e.targets().stream()
                                            .map(Targets.Candidate::label)
                                            .toList()) + ".";
            a.add(a.finding(FindingType.PRIVILEGE_ESCALATION)
                    .severity(inBaseline ? Severity.MEDIUM : Severity.CRITICAL)
                    .identity(path.id())
                    .policy(granting.isEmpty() ? null : granting.get(0))
                    .title(a.live.name() + " " + path.title())
                    .detail("Privilege escalation path \"" + PolicyLinter.pathName(path)
                            + "\": the effective policies allow "
                            + String.join(", ", allows) + "." + targetText
                            + (unseen
                                    ? " The resource itself (function, instance, project, ...) is not in the snapshot: the"
                                            + " roles named are those the service may assume that are more privileged than the"
                                            + " principal."
                                    : "")
                            + " Whoever holds these credentials can raise their own privileges. "
                            + (inBaseline
                                    ? "The baseline's own policies already allow this."
                                    : "The baseline does not allow this."))
                    .evidence("path", pathEvidence)
                    .evidence("allows", allows)
                    .evidence("inBaseline", inBaseline)
                    .evidence(
                            "reachesAdmin",
                            !path.gainsTargetAccess()
                                    || e.targets().stream()
                                            .anyMatch(
                                                    c -> "it is admin-equivalent".equals(targets.whyMorePrivileged(c))))
                    .evidence("targets", reached)
                    .evidence("allowedBy", AccessRules.statements(allowedBy))
                    .fix(Remediation.of(path.fix() + ". " + Remediations.IF_INTENDED))
                    .build());
        }
    }

    private static final Set<String> SKIPPED_LINT = Set.of("ADMIN_ACCESS", "PRIVILEGE_ESCALATION");

    private static void lint(PrincipalAudit a) {
        Map<String, PolicyDocument> baselineDocs = a.baselineIdentity();
        for (Map.Entry<String, PolicyDocument> e : a.liveIdentity().entrySet()) {
            String policyId = e.getKey();
            PolicyDocument expected = baselineDocs.get(policyId);
            boolean awsManaged = awsManaged(policyId);
            List<LintFinding> baselineLint = expected == null ? List.of() : a.run.lint(expected, awsManaged);
            for (LintFinding l : a.run.lint(e.getValue(), awsManaged)) {
                String type = l.type().name();
                if (SKIPPED_LINT.contains(type)) {
                    continue;
                }
                FindingType ft = FindingType.valueOf(type);
                boolean inBaseline = a.baseline != null
                        && baselineLint.stream()
                                .anyMatch(b -> b.type() == l.type()
                                        && (b.statement().equals(l.statement())
                                                || b.message().equals(l.message())));
                Severity severity = inBaseline ? l.severity().capAt(Severity.MEDIUM) : l.severity();
                String reportedPolicy =
                        policyId.startsWith("group:") ? policyId.substring(policyId.indexOf(':', 6) + 1) : policyId;
                a.add(a.finding(ft)
                        .severity(severity)
                        .policy(reportedPolicy)
                        .identity(l.statement() + "|" + l.message())
                        .title(PolicyRules.label(reportedPolicy) + ": "
                                + (l.message().startsWith(l.statement()) ? "" : "(" + l.statement() + ") ")
                                + firstSentence(l.message()))
                        .detail(l.message())
                        .evidence("statementSid", l.statement())
                        .evidence("inBaseline", inBaseline)
                        .evidence(
                                "via",
                                policyId.startsWith("group:") ? policyId.substring(6, policyId.indexOf(':', 6)) : null)
                        .fix(Remediation.of(l.fix()))
                        .build());
            }
        }
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        String first = dot > 0 ? s.substring(0, dot) : s;
        return first.length() > 140 ? first.substring(0, 137) + "..." : first;
    }

    /** The identity policies that grant administrator access on their own, the likely cause first. */
    private static List<String> adminPolicies(PrincipalAudit a) {
        return likelyCauseFirst(
                a,
                a.liveIdentity().entrySet().stream()
                        .filter(e -> a.run.lint(e.getValue(), awsManaged(e.getKey())).stream()
                                .anyMatch(l -> l.type() == LintType.ADMIN_ACCESS))
                        .map(Map.Entry::getKey)
                        .toList());
    }
}
