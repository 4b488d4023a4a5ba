package io.iamdrift.audit;

import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.MatchedStatement;
import io.iamdrift.evaluation.PolicySourceType;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.LintType;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

    private static final List<String> COMPUTE_CREATES = List.of(
            "lambda:CreateFunction", "ec2:RunInstances", "cloudformation:CreateStack", "ecs:RunTask",
            "glue:CreateDevEndpoint", "codebuild:CreateProject", "sagemaker:CreateNotebookInstance",
            "datapipeline:CreatePipeline");

    /** One escalation path: a name, the actions and the resources on which they escalate. */
    private record Path(String name, String description, List<String> actions, List<String> resources, List<String> alsoNeeds) {}

    static void check(PrincipalAudit a) {
        admin(a);
        escalation(a);
        lint(a);
    }

    private static void admin(PrincipalAudit a) {
        if (!isAdmin(a, a.liveAccess())) {
            cappedAdmin(a);
            return;
        }
        boolean inBaseline = a.baseline != null && isAdmin(a, a.baselineAccess());
        List<String> adminPolicies = likelyCauseFirst(a, a.liveIdentity().entrySet().stream()
                .filter(e -> a.run.lint(e.getValue()).stream().anyMatch(l -> l.type() == LintType.ADMIN_ACCESS))
                .map(Map.Entry::getKey).toList());
        a.add(a.finding(FindingType.ADMIN_ACCESS).severity(inBaseline ? Severity.MEDIUM : Severity.CRITICAL)
                .policy(adminPolicies.isEmpty() ? null : adminPolicies.get(0))
                .title(a.live.name() + " has administrator access (every iam action on every resource)")
                .detail("The effective policies allow every IAM action on \"*\": the principal can grant itself anything. "
                        + (inBaseline ? "The baseline's own policies already grant this." : "The baseline does not grant this."))
                .evidence("inBaseline", inBaseline)
                .evidence("grantingPolicies", adminPolicies.isEmpty() ? List.copyOf(a.liveIdentity().keySet()) : adminPolicies)
                .fix(Remediation.of("Detach the policy that grants administrator access (often AdministratorAccess or "
                        + "IAMFullAccess) and grant only the deployer's actions. " + Remediations.IF_INTENDED,
                        adminDetachCommands(a).toArray(String[]::new)))
                .build());
    }

    /** Policy ids with the ones the baseline does not name first: the likely cause of access it did not have. */
    private static List<String> likelyCauseFirst(PrincipalAudit a, Collection<String> policyIds) {
        Set<String> known = a.baselineIdentity().keySet();
        return policyIds.stream().distinct().sorted(Comparator.comparing(known::contains)).toList();
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

    private static boolean isAdmin(PrincipalAudit a, EffectiveAccess access) {
        return firstNotAllowed(a, access::couldAllow) == null;
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
        if (!access.guarded() || firstNotAllowed(a, (act, res) -> {
            Decision d = access.ownDecision(act, res);
            return d != null && d.allowed();
        }) != null) {
            return;
        }
        String blocked = firstNotAllowed(a, access::couldAllow);
        Decision d = access.optimisticDecision(blocked, "*");
        String why = d != null && d.organizationDenial() != null ? d.organizationDenial().describe(blocked)
                : "the organization's policies do not allow " + blocked;
        List<String> adminPolicies = likelyCauseFirst(a, a.liveIdentity().entrySet().stream()
                .filter(e -> a.run.lint(e.getValue()).stream().anyMatch(l -> l.type() == LintType.ADMIN_ACCESS))
                .map(Map.Entry::getKey).toList());
        a.add(a.finding(FindingType.ADMIN_ACCESS).severity(Severity.LOW)
                .identity("capped")
                .policy(adminPolicies.isEmpty() ? null : adminPolicies.get(0))
                .title(a.live.name() + "'s policies grant administrator access, capped by the organization: " + why)
                .detail("The principal's own policies allow every IAM action on \"*\", but the organization's service "
                        + "control policies do not (" + why + "), so it cannot act as an administrator today. Moving the "
                        + "account to another OU, or a change of the SCP, would make it one.")
                .evidence("cappedByOrganization", why)
                .evidence("grantingPolicies", adminPolicies.isEmpty() ? List.copyOf(a.liveIdentity().keySet()) : adminPolicies)
                .fix(Remediation.of("Grant only the deployer's actions rather than relying on the SCP. " + Remediations.IF_INTENDED,
                        adminDetachCommands(a).toArray(String[]::new)))
                .build());
    }

    private static List<Path> paths(PrincipalAudit a) {
        String acct = a.run.accountId;
        String self = a.live.ref().arn();
        List<Path> paths = new ArrayList<>();
        if (a.live.isUser()) {
            paths.add(new Path("self-inline-policy", "can write an inline policy on itself",
                    List.of("iam:PutUserPolicy"), List.of(self), List.of()));
            paths.add(new Path("self-attach-policy", "can attach any managed policy to itself",
                    List.of("iam:AttachUserPolicy"), List.of(self), List.of()));
            List<String> groupArns = new ArrayList<>();
            for (GroupDetail g : a.run.snapshot.groups()) {
                if (groupArns.size() < 50 && !a.live.groups().contains(g.name())) {
                    groupArns.add(g.arn());
                }
            }
            if (!groupArns.isEmpty()) {
                paths.add(new Path("join-group", "can add itself to another group", List.of("iam:AddUserToGroup"),
                        groupArns, List.of()));
            }
            List<String> ownGroups = a.live.groups().stream().map(g -> a.run.group(g)).filter(g -> g != null)
                    .map(GroupDetail::arn).toList();
            if (!ownGroups.isEmpty()) {
                paths.add(new Path("own-group-policy", "can change the policies of its own group",
                        List.of("iam:PutGroupPolicy", "iam:AttachGroupPolicy"), ownGroups, List.of()));
            }
        } else {
            paths.add(new Path("self-role-policy", "can write or attach policies on its own role",
                    List.of("iam:PutRolePolicy", "iam:AttachRolePolicy"), List.of(self), List.of()));
        }
        List<String> ownPolicies = new ArrayList<>();
        for (String id : a.liveIdentity().keySet()) {
            String arn = id.startsWith("group:") ? id.substring(id.indexOf(':', 6) + 1) : id;
            ManagedPolicyDetail p = a.run.policy(arn);
            if (p != null && !p.awsManaged()) {
                ownPolicies.add(arn);
            }
        }
        if (!ownPolicies.isEmpty()) {
            paths.add(new Path("rewrite-own-policy", "can publish a new default version of a policy attached to itself",
                    List.of("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"), ownPolicies, List.of()));
        }
        paths.add(new Path("other-user-credentials", "can create credentials for other users",
                List.of("iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"),
                List.of("arn:aws:iam::" + acct + ":user/*"), List.of()));
        paths.add(new Path("rewrite-trust", "can change who may assume any role", List.of("iam:UpdateAssumeRolePolicy"),
                List.of("arn:aws:iam::" + acct + ":role/*"), List.of()));
        paths.add(new Path("passrole-compute", "can pass any role to a compute service it can create",
                List.of("iam:PassRole"), List.of("arn:aws:iam::" + acct + ":role/*"), COMPUTE_CREATES));
        return paths;
    }

    /** What the access allows of an escalation path, and the statements that allow it; empty when nothing. */
    private record Escalation(List<String> hits, List<MatchedStatement> allowedBy) {
        boolean found() {
            return !hits.isEmpty();
        }
    }

    private static Escalation escalates(EffectiveAccess access, Path path) {
        List<String> hits = new ArrayList<>();
        List<MatchedStatement> allowedBy = new ArrayList<>();
        for (String action : path.actions()) {
            for (String resource : path.resources()) {
                Decision d = access.optimisticDecision(action, resource);
                if (d != null && d.allowed()) {
                    hits.add(action + " on " + resource);
                    allowedBy.addAll(d.matchedStatements());
                    break;
                }
            }
        }
        if (hits.isEmpty() || path.alsoNeeds().isEmpty()) {
            return new Escalation(hits, allowedBy);
        }
        for (String action : path.alsoNeeds()) {
            Decision d = access.couldAllow(action);
            if (d != null && d.allowed()) {
                hits.add(action);
                allowedBy.addAll(d.matchedStatements());
                return new Escalation(hits, allowedBy);
            }
        }
        return new Escalation(List.of(), List.of());
    }

    private static void escalation(PrincipalAudit a) {
        for (Path path : paths(a)) {
            Escalation live = escalates(a.liveAccess(), path);
            if (!live.found()) {
                continue;
            }
            List<String> hits = live.hits();
            boolean inBaseline = a.baseline != null && escalates(a.baselineAccess(), path).found();
            List<String> granting = likelyCauseFirst(a, live.allowedBy().stream()
                    .filter(m -> m.sourceType() == PolicySourceType.IDENTITY).map(MatchedStatement::policyId).toList());
            a.add(a.finding(FindingType.PRIVILEGE_ESCALATION).severity(inBaseline ? Severity.MEDIUM : Severity.CRITICAL)
                    .identity(path.name())
                    .policy(granting.isEmpty() ? null : granting.get(0))
                    .title(a.live.name() + " " + path.description())
                    .detail("Privilege escalation path \"" + path.name() + "\": the effective policies allow "
                            + String.join(", ", hits) + ". Whoever holds these credentials can raise their own "
                            + "privileges. " + (inBaseline ? "The baseline's own policies already allow this."
                                    : "The baseline does not allow this."))
                    .evidence("path", path.name()).evidence("allows", hits).evidence("inBaseline", inBaseline)
                    .evidence("allowedBy", AccessRules.statements(live.allowedBy().stream().distinct().toList()))
                    .fix(Remediation.of("Scope these actions to resources the deployer may manage without reaching "
                            + "itself (e.g. exclude its own user/role ARN and attached policies), or add an explicit "
                            + "Deny on its own ARN. " + Remediations.IF_INTENDED))
                    .build());
        }
    }

    private static final Set<String> SKIPPED_LINT = Set.of("ADMIN_ACCESS", "PRIVILEGE_ESCALATION");

    private static void lint(PrincipalAudit a) {
        Map<String, PolicyDocument> baselineDocs = a.baselineIdentity();
        for (Map.Entry<String, PolicyDocument> e : a.liveIdentity().entrySet()) {
            String policyId = e.getKey();
            PolicyDocument expected = baselineDocs.get(policyId);
            List<LintFinding> baselineLint = expected == null ? List.of() : a.run.lint(expected);
            for (LintFinding l : a.run.lint(e.getValue())) {
                String type = l.type().name();
                if (SKIPPED_LINT.contains(type)) {
                    continue;
                }
                FindingType ft = FindingType.valueOf(type);
                boolean inBaseline = a.baseline != null && baselineLint.stream().anyMatch(b -> b.type() == l.type()
                        && (b.statement().equals(l.statement()) || b.message().equals(l.message())));
                Severity severity = inBaseline ? l.severity().capAt(Severity.MEDIUM) : l.severity();
                String reportedPolicy = policyId.startsWith("group:") ? policyId.substring(policyId.indexOf(':', 6) + 1) : policyId;
                a.add(a.finding(ft).severity(severity).policy(reportedPolicy)
                        .identity(l.statement() + "|" + l.message())
                        .title(PolicyRules.label(reportedPolicy) + ": " + (l.message().startsWith(l.statement())
                                ? "" : "(" + l.statement() + ") ") + firstSentence(l.message()))
                        .detail(l.message())
                        .evidence("statementSid", l.statement()).evidence("inBaseline", inBaseline)
                        .evidence("via", policyId.startsWith("group:") ? policyId.substring(6, policyId.indexOf(':', 6)) : null)
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
}
