package io.iamdrift.lint;

import io.iamdrift.diff.ActionSpace;
import io.iamdrift.diff.Glob;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.ResourceSet;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Least-privilege and escalation rules over one policy document ({@link #lint}) or over all the documents
 * of one principal ({@link #lintSet}).
 *
 * <p>Rules (contract section 3): ADMIN_ACCESS, PRIVILEGE_ESCALATION, PASSROLE_UNSCOPED, WILDCARD_ACTION,
 * NOT_ACTION_ALLOW, WILDCARD_RESOURCE, UNKNOWN_ACTION, MISSING_SID. Allow statements are judged on their own
 * (a Deny elsewhere is not credited: erring towards reporting); a statement that is ADMIN_ACCESS does not also
 * raise PRIVILEGE_ESCALATION, which it implies, but does raise PASSROLE_UNSCOPED when it allows iam:PassRole
 * unscoped (contract section 3: that is the finding a reader filters on to see who can hand roles over).
 *
 * <p>WILDCARD_RESOURCE judges each action by the catalog's resource-level support, with one exception:
 * Lightsail. Its ARNs embed an ID that AWS generates at creation ({@code Instance/<uuid>}), so a deployer
 * cannot name them in advance and {@code "*"} is the only practical scope.
 */
public final class PolicyLinter {

    /** Services whose resource ARNs cannot be known before the resource exists: {@code *} is correct there. */
    private static final Set<String> UNSCOPABLE_SERVICES = Set.of("lightsail");

    /** Actions that let a principal raise its own privileges, with what each allows. */
    private static final Map<String, String> ESCALATIONS = new LinkedHashMap<>();

    /** Actions that run code under a role passed to them (escalation together with iam:PassRole on any role). */
    private static final Set<String> COMPUTE_CREATES = new LinkedHashSet<>(List.of(
            "lambda:CreateFunction", "lambda:UpdateFunctionConfiguration", "ec2:RunInstances",
            "ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation",
            "cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:CreateChangeSet",
            "glue:CreateDevEndpoint", "glue:UpdateDevEndpoint", "glue:CreateJob", "glue:UpdateJob",
            "ecs:RunTask", "ecs:StartTask", "ecs:CreateService", "codebuild:CreateProject",
            "codebuild:UpdateProject", "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob",
            "sagemaker:CreateProcessingJob", "datapipeline:CreatePipeline"));

    /** Credential actions that are only an escalation when they reach users other than the caller. */
    private static final Set<String> OTHER_USER_CREDENTIALS = Set.of(
            "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile");

    private static final Pattern SERVICE_WILDCARD = Pattern.compile("(?i)[a-z0-9*-]+:\\*+|\\*+");
    private static final int LIST_LIMIT = 15;

    static {
        ESCALATIONS.put("iam:CreatePolicyVersion",
                "rewrite a managed policy (its own included) and make the new version the default");
        ESCALATIONS.put("iam:SetDefaultPolicyVersion", "switch a managed policy to an older, broader version");
        ESCALATIONS.put("iam:PutUserPolicy", "write any inline policy into a user, itself included");
        ESCALATIONS.put("iam:AttachUserPolicy",
                "attach any managed policy (AdministratorAccess included) to a user, itself included");
        ESCALATIONS.put("iam:PutRolePolicy", "write any inline policy into a role it can use");
        ESCALATIONS.put("iam:AttachRolePolicy", "attach any managed policy to a role it can use");
        ESCALATIONS.put("iam:PutGroupPolicy", "write any inline policy into a group it belongs to");
        ESCALATIONS.put("iam:AttachGroupPolicy", "attach any managed policy to a group it belongs to");
        ESCALATIONS.put("iam:AddUserToGroup", "join a more privileged group");
        ESCALATIONS.put("iam:CreateAccessKey", "create access keys for other users and act as them");
        ESCALATIONS.put("iam:CreateLoginProfile", "give other users a console password and sign in as them");
        ESCALATIONS.put("iam:UpdateLoginProfile", "reset other users' console passwords and sign in as them");
        ESCALATIONS.put("iam:UpdateAssumeRolePolicy", "rewrite a role's trust policy so that it can assume it");
    }

    private final ActionSpace space;
    private volatile Set<String> servicePrefixes;

    public PolicyLinter(ActionSpace space) {
        this.space = Objects.requireNonNull(space, "space");
    }

    /** Lints one document. {@code policyName} is carried into each finding (may be null). */
    public List<LintFinding> lint(PolicyDocument doc, String policyName) {
        List<LintFinding> out = new ArrayList<>();
        List<Facts> allows = new ArrayList<>();
        for (Statement s : doc.statements()) {
            Facts f = s.effect() == Effect.ALLOW ? facts(s) : null;
            if (f != null) {
                allows.add(f);
                statementRules(f, policyName, out);
            }
            unknownActions(s, policyName, out);
            if (s.sid() == null || s.sid().isEmpty()) {
                out.add(finding(LintType.MISSING_SID, s.label(), policyName,
                        s.label() + " (" + s.effect().json() + ") has no Sid, so findings, exceptions and reviews"
                                + " cannot name it and its purpose is undocumented.",
                        "add a \"Sid\" that says in a few words why the statement exists, e.g. \"TerraformStateLock\""));
            }
        }
        passRoleCombos(allows, allows, policyName, policyName, out);
        out.sort(Comparator.comparing(LintFinding::severity));
        return out;
    }

    /**
     * Lints every policy of one principal, and adds the escalation combinations that only appear across
     * policies (iam:PassRole on any role in one, a compute create in another).
     *
     * @param policies policy name -> document, in a stable order
     */
    public List<LintFinding> lintSet(Map<String, PolicyDocument> policies) {
        List<LintFinding> out = new ArrayList<>();
        Map<String, List<Facts>> allowsByPolicy = new LinkedHashMap<>();
        policies.forEach((name, doc) -> {
            out.addAll(lint(doc, name));
            List<Facts> allows = new ArrayList<>();
            for (Statement s : doc.statements()) {
                if (s.effect() == Effect.ALLOW) {
                    allows.add(facts(s));
                }
            }
            allowsByPolicy.put(name, allows);
        });
        for (Map.Entry<String, List<Facts>> pass : allowsByPolicy.entrySet()) {
            for (Map.Entry<String, List<Facts>> compute : allowsByPolicy.entrySet()) {
                if (!pass.getKey().equals(compute.getKey())) {
                    passRoleCombos(pass.getValue(), compute.getValue(), pass.getKey(), compute.getKey(), out);
                }
            }
        }
        out.sort(Comparator.comparing(LintFinding::severity));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------

    /** What an Allow statement grants, computed once. */
    private record Facts(Statement statement, Set<String> actions, boolean admin, boolean anyRole) {}

    private Facts facts(Statement s) {
        Set<String> actions = s.actions().negated()
                ? space.expandNot(s.actions().patterns())
                : expandAll(s.actions().patterns());
        boolean star = actions.size() >= space.all().size() && hasStarResource(s.resources());
        Set<String> iam = space.service("iam");
        boolean iamAll = !iam.isEmpty() && actions.containsAll(iam);
        boolean anyRole = actions.contains("iam:PassRole") && passesAnyRole(s.resources());
        return new Facts(s, actions, star || iamAll, anyRole);
    }

    private Set<String> expandAll(List<String> patterns) {
        if (patterns.size() == 1) {
            return space.expand(patterns.get(0));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            out.addAll(space.expand(p));
        }
        return out;
    }

    private void statementRules(Facts f, String policy, List<LintFinding> out) {
        Statement s = f.statement();
        String label = s.label();
        String where = label + (policy == null ? "" : " of " + policy);
        if (f.admin()) {
            boolean star = f.actions().size() >= space.all().size() && hasStarResource(s.resources());
            out.add(finding(LintType.ADMIN_ACCESS, label, policy, star
                            ? where + " allows every action on every resource (\"*\" on \"*\"): full administrator"
                                    + " access" + conditionNote(s) + "."
                            : where + " allows every IAM action (iam:*) on " + resourcesText(s.resources())
                                    + conditionNote(s) + ": whoever holds it can grant itself any permission.",
                    "replace it with the specific actions the deployer needs, each scoped to the ARNs it manages;"
                            + " grant IAM actions one by one, scoped to the roles and policies it owns"));
        } else {
            escalation(f, where, policy, out);
        }
        passRoleUnscoped(f, where, policy, out);

        if (!s.actions().negated()) {
            List<String> wild = new ArrayList<>();
            for (String p : s.actions().patterns()) {
                if (SERVICE_WILDCARD.matcher(p).matches()) {
                    wild.add(p);
                }
            }
            if (!wild.isEmpty()) {
                int n = 0;
                for (String p : wild) {
                    n += space.expand(p).size();
                }
                out.add(finding(LintType.WILDCARD_ACTION, label, policy,
                        where + " allows " + String.join(", ", wild) + " (" + n + " actions, and any that AWS adds"
                                + " later) instead of the actions it needs.",
                        "list the specific actions the workload calls instead of " + String.join(", ", wild)
                                + " (IAM Access Advisor or CloudTrail show which are used)"));
            }
        } else {
            out.add(finding(LintType.NOT_ACTION_ALLOW, label, policy,
                    where + " allows every action except " + String.join(", ", s.actions().patterns())
                            + " (NotAction with Allow): " + f.actions().size()
                            + " actions today, and every action AWS adds later.",
                    "use an Action list of the specific actions needed; keep NotAction for Deny statements"));
        }

        if (hasStarResource(s.resources())) {
            List<String> offending = new ArrayList<>();
            List<String> starOnly = new ArrayList<>();
            for (String a : new TreeSet<>(f.actions())) {
                String prefix = a.substring(0, a.indexOf(':'));
                if (space.supportsResourceLevelPermissions(a) && !UNSCOPABLE_SERVICES.contains(prefix)) {
                    offending.add(a);
                } else {
                    starOnly.add(a);
                }
            }
            if (!offending.isEmpty()) {
                String keep = starOnly.isEmpty() ? ""
                        : "; keep " + list(starOnly) + ", which only work on \"*\", in a statement of their own";
                out.add(finding(LintType.WILDCARD_RESOURCE, label, policy,
                        where + " allows " + offending.size() + " action" + (offending.size() == 1 ? "" : "s")
                                + " that support resource-level permissions on Resource \"*\": " + list(offending)
                                + ".",
                        "scope Resource to the ARNs these actions use (e.g. arn:aws:<service>:<region>:<account>:"
                                + "<resource-type>/<name>)" + keep));
            }
        }
    }

    private void escalation(Facts f, String where, String policy, List<LintFinding> out) {
        Statement s = f.statement();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : ESCALATIONS.entrySet()) {
            if (f.actions().contains(e.getKey())
                    && !(OTHER_USER_CREDENTIALS.contains(e.getKey()) && selfOnly(s.resources()))) {
                found.add(e.getKey() + " (" + e.getValue() + ")");
            }
        }
        if (!found.isEmpty()) {
            out.add(finding(LintType.PRIVILEGE_ESCALATION, s.label(), policy,
                    where + " allows privilege escalation on " + resourcesText(s.resources()) + ": "
                            + String.join("; ", found) + ".",
                    "remove these actions, or scope them to resources the principal cannot use itself and require"
                            + " a permissions boundary (Condition StringEquals iam:PermissionsBoundary) on what it"
                            + " creates; if the deployer must keep them, record an exception in the baseline"));
        }
    }

    private void passRoleUnscoped(Facts f, String where, String policy, List<LintFinding> out) {
        Statement s = f.statement();
        if (!f.actions().contains("iam:PassRole")) {
            return;
        }
        boolean anyRole = passesAnyRole(s.resources());
        boolean serviceCondition = false;
        for (Condition c : s.conditions()) {
            if (c.key().equalsIgnoreCase("iam:PassedToService") && !c.operator().base().negated()) {
                serviceCondition = true;
            }
        }
        if (!anyRole && serviceCondition) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (anyRole) {
            why.add("on any role (" + resourcesText(s.resources()) + ")");
        }
        if (!serviceCondition) {
            why.add("without an iam:PassedToService condition, so the roles can be handed to any service");
        }
        out.add(finding(LintType.PASSROLE_UNSCOPED, s.label(), policy,
                where + " allows iam:PassRole " + String.join(" and ", why) + ".",
                "scope Resource to arn:aws:iam::<account>:role/<name> of the roles the deployer passes, and add"
                        + " Condition StringEquals iam:PassedToService <service>.amazonaws.com"));
    }

    private void passRoleCombos(List<Facts> passers, List<Facts> computers, String passPolicy,
            String computePolicy, List<LintFinding> out) {
        for (Facts p : passers) {
            if (!p.anyRole() || p.admin()) {
                continue;
            }
            List<String> creates = new ArrayList<>();
            for (Facts c : computers) {
                if (c.admin()) {
                    continue;
                }
                for (String a : COMPUTE_CREATES) {
                    if (c.actions().contains(a)) {
                        String at = a + " (" + c.statement().label()
                                + (Objects.equals(passPolicy, computePolicy) || computePolicy == null
                                        ? "" : " of " + computePolicy) + ")";
                        if (!creates.contains(at)) {
                            creates.add(at);
                        }
                    }
                }
            }
            if (!creates.isEmpty()) {
                String label = p.statement().label();
                out.add(finding(LintType.PRIVILEGE_ESCALATION, label, passPolicy,
                        label + (passPolicy == null ? "" : " of " + passPolicy) + " allows iam:PassRole on any role"
                                + " and the principal can also call " + String.join(", ", creates)
                                + ": it can run code as any role it passes, including more privileged ones.",
                        "scope iam:PassRole to the specific roles the deployer passes (arn:aws:iam::<account>:role/"
                                + "<name>) with Condition StringEquals iam:PassedToService <service>.amazonaws.com"));
            }
        }
    }

    private void unknownActions(Statement s, String policy, List<LintFinding> out) {
        for (String p : s.actions().patterns()) {
            if (!space.expand(p).isEmpty()) {
                continue;
            }
            String where = s.label() + (policy == null ? "" : " of " + policy);
            String hint = unknownHints.computeIfAbsent(p, this::unknownHint);
            out.add(finding(LintType.UNKNOWN_ACTION, s.label(), policy,
                    where + ": \"" + p + "\"" + hint + " A typo grants nothing (or denies nothing) and hides the"
                            + " permission that was meant.",
                    "correct the action name (see the Service Authorization Reference for the service) or remove it"));
        }
    }

    /** Why a pattern matches nothing, with the likely intended name; memoised (edit distances are costly). */
    private String unknownHint(String p) {
        {
            int colon = p.indexOf(':');
            String prefix = colon > 0 ? p.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String hint;
            if (colon <= 0) {
                hint = " is not of the form service:Action";
            } else if (!Glob.hasWildcard(prefix) && !prefixes().contains(prefix)) {
                String near = closest(prefix, prefixes());
                hint = " names an unknown service prefix \"" + prefix + "\""
                        + (near == null ? "" : "; did you mean \"" + near + "\"?");
            } else {
                String near = Glob.hasWildcard(p) ? null : closest(p, space.service(prefix));
                hint = " matches no known action" + (near == null ? "" : "; did you mean " + near + "?");
            }
            return hint;
        }
    }

    private final java.util.Map<String, String> unknownHints = new java.util.concurrent.ConcurrentHashMap<>();

    private Set<String> prefixes() {
        Set<String> p = servicePrefixes;
        if (p == null) {
            p = new TreeSet<>();
            for (String a : space.all()) {
                p.add(a.substring(0, a.indexOf(':')));
            }
            servicePrefixes = p;
        }
        return p;
    }

    /** The closest candidate by edit distance (case-insensitive), if close enough to be a likely typo. */
    static String closest(String word, Iterable<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT), bestD);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, w.length() / 4) ? best : null;
    }

    private static int distance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) >= cap) {
            return cap;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // --- resource helpers -------------------------------------------------------------------------------

    /**
     * Whether the statement names every resource. A statement without Resource only occurs in trust and
     * resource-based policies, where IAM applies it to the resource the policy is attached to (the role, the
     * bucket): that is one resource, not {@code "*"}.
     */
    private static boolean hasStarResource(ResourceSet r) {
        return r != null && !r.negated() && r.patterns().stream().anyMatch(p -> p.chars().allMatch(ch -> ch == '*'));
    }

    /** Whether the resources reach any role name (so iam:PassRole can hand over any role). */
    private static boolean passesAnyRole(ResourceSet r) {
        if (r == null || r.negated()) {
            return true;
        }
        for (String p : r.patterns()) {
            String[] parts = p.split(":", 6);
            String resource = parts.length == 6 ? parts[5] : p;
            if (Glob.covers(resource, "role/*", false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every resource is the caller's own user ({@code user/${aws:username}}). */
    private static boolean selfOnly(ResourceSet r) {
        return r != null && !r.negated()
                && r.patterns().stream().allMatch(p -> p.endsWith(":user/${aws:username}"));
    }

    private static String resourcesText(ResourceSet r) {
        if (r == null) {
            return "every resource";
        }
        String list = r.patterns().size() == 1 ? "\"" + r.patterns().get(0) + "\"" : r.patterns().toString();
        return r.negated() ? "every resource except " + list : list;
    }

    private static String conditionNote(Statement s) {
        return s.conditions().isEmpty() ? "" : " (under its conditions)";
    }

    private static String list(List<String> items) {
        if (items.size() <= LIST_LIMIT) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LIST_LIMIT)) + " and " + (items.size() - LIST_LIMIT) + " more";
    }

    private static LintFinding finding(LintType type, String statement, String policy, String message, String fix) {
        return new LintFinding(type, type.defaultSeverity(), statement, message, fix, policy);
    }
}
