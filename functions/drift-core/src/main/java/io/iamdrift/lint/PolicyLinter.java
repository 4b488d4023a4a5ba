package io.iamdrift.lint;

import io.iamdrift.diff.ActionSpace;
import io.iamdrift.escalation.DocumentView;
import io.iamdrift.escalation.Escalation;
import io.iamdrift.escalation.EscalationJudge;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.EscalationPaths;
import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.MatchedStatement;
import io.iamdrift.evaluation.PolicySourceType;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Glob;
import io.iamdrift.policy.ActionSet;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.ResourceSet;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Least-privilege and escalation rules over one policy document ({@link #lint}) or over all the documents
 * of one principal ({@link #lintSet}).
 *
 * <p>Rules (contract section 3): ADMIN_ACCESS, PRIVILEGE_ESCALATION, PASSROLE_UNSCOPED, WILDCARD_ACTION,
 * NOT_ACTION_ALLOW, WILDCARD_RESOURCE, UNKNOWN_ACTION, MISSING_SID. ADMIN_ACCESS and PRIVILEGE_ESCALATION are
 * judged by the evaluator on the documents together (a Deny in one cancels an Allow in another), with the
 * escalation table the audit uses ({@link EscalationPaths}), so lint and audit reach the same verdict on the
 * same access; lint only does not know the account (see {@link DocumentView}). Access that is ADMIN_ACCESS
 * does not also raise PRIVILEGE_ESCALATION, which it implies, but does raise PASSROLE_UNSCOPED when it allows
 * iam:PassRole unscoped (contract section 3: that is the finding a reader filters on to see who can hand roles
 * over). The other rules judge each statement on its own.
 *
 * <p>WILDCARD_RESOURCE judges each action by the catalog's resource-level support, Lightsail included: its ARNs
 * embed IDs generated at creation, but {@code arn:aws:lightsail:<region>:<account>:*} still scopes them.
 *
 * <p>AWS-managed policies, which nobody can edit, raise no MISSING_SID, and UNKNOWN_ACTION on them (actions of
 * retired services) is INFO.
 */
public final class PolicyLinter {

    private static final int LIST_LIMIT = 15;
    private static final Glob ANY_ROLE = Glob.compile("role/*", Glob.Mode.PLAIN, false);

    private final ActionSpace space;
    private final ActionSuggestions suggestions;
    private final List<EscalationPath> paths;
    private final BoundedCache<ActionSet, Named> named = new BoundedCache<>(4_096);

    public PolicyLinter(ActionSpace space) {
        this(space, EscalationPaths.defaults());
    }

    public PolicyLinter(ActionSpace space, List<EscalationPath> paths) {
        this.space = Objects.requireNonNull(space, "space");
        this.suggestions = new ActionSuggestions(space);
        this.paths = List.copyOf(paths);
    }

    /** Lints one customer-managed or inline document. {@code policyName} is carried into each finding (may be null). */
    public List<LintFinding> lint(PolicyDocument doc, String policyName) {
        return lint(doc, policyName, false);
    }

    /** Lints one document; {@code awsManaged} for AWS-managed policies, which nobody can edit. */
    public List<LintFinding> lint(PolicyDocument doc, String policyName, boolean awsManaged) {
        Map<String, PolicyDocument> one = new LinkedHashMap<>();
        one.put(policyName, doc);
        List<LintFinding> out = leastPrivilege(doc, policyName, awsManaged, () -> new DocumentView(one));
        escalations(one, out);
        out.sort(Comparator.comparing(LintFinding::severity));
        return out;
    }

    /**
     * The rules of one document without PRIVILEGE_ESCALATION: what the audit asks of each policy, since it judges
     * escalation on the principal's effective access itself.
     */
    public List<LintFinding> leastPrivilege(PolicyDocument doc, String policyName, boolean awsManaged) {
        Map<String, PolicyDocument> one = new LinkedHashMap<>();
        one.put(policyName, doc);
        List<LintFinding> out = leastPrivilege(doc, policyName, awsManaged, () -> new DocumentView(one));
        out.sort(Comparator.comparing(LintFinding::severity));
        return out;
    }

    /**
     * Lints every policy of one principal, and judges escalation on all of them together (iam:PassRole in one
     * policy and a compute create in another is one path).
     *
     * @param policies policy name -> document, in a stable order
     */
    public List<LintFinding> lintSet(Map<String, PolicyDocument> policies) {
        List<LintFinding> out = new ArrayList<>();
        DocumentView all = new DocumentView(policies);
        policies.forEach((name, doc) -> out.addAll(leastPrivilege(doc, name, false, () -> all)));
        escalations(policies, out);
        out.sort(Comparator.comparing(LintFinding::severity));
        return out;
    }

    /**
     * The per-statement rules of one document. A statement raises the same findings in any document but for
     * ADMIN_ACCESS, which the document's denies decide ({@link StatementLint}): the evaluator's view of the
     * document, which only a statement that names every action or every IAM action needs, is built at most once
     * per document and mostly never.
     */
    private List<LintFinding> leastPrivilege(
            PolicyDocument doc, String policyName, boolean awsManaged, Supplier<DocumentView> view) {
        List<LintFinding> out = new ArrayList<>();
        Boolean admin = null; // judged on the first statement that needs it
        for (Statement s : doc.statements()) {
            StatementLint lint = lintStatement(s, policyName, awsManaged);
            if (lint.admin() != null) {
                if (admin == null) {
                    admin = adminEquivalent(view.get());
                }
                if (admin) {
                    out.add(lint.admin());
                }
            }
            out.addAll(lint.rest());
        }
        return out;
    }

    /**
     * What one statement raises wherever it stands.
     *
     * @param admin the ADMIN_ACCESS finding it raises when its document's denies leave every IAM action allowed, or
     *     {@code null} when it names neither every action on every resource nor every IAM action
     * @param rest every other finding, in order
     */
    private record StatementLint(LintFinding admin, List<LintFinding> rest) {}

    private StatementLint lintStatement(Statement s, String policyName, boolean awsManaged) {
        List<LintFinding> rest = new ArrayList<>();
        LintFinding admin = null;
        if (s.effect() == Effect.ALLOW) {
            Facts f = facts(s);
            admin = f.mayBeAdmin() ? adminAccess(f, policyName) : null;
            statementRules(f, policyName, rest);
        }
        unknownActions(s, policyName, awsManaged, rest);
        if (!awsManaged && (s.sid() == null || s.sid().isEmpty())) {
            rest.add(finding(
                    LintType.MISSING_SID,
                    s.label(),
                    policyName,
                    s.label() + " (" + s.effect().json()
                            + ") has no Sid, so findings, exceptions and reviews"
                            + " cannot name it and its purpose is undocumented.",
                    "add a \"Sid\" that says in a few words why the statement exists, e.g. \"TerraformStateLock\""));
        }
        return new StatementLint(admin, List.copyOf(rest));
    }

    // ---- escalation --------------------------------------------------------------------------------------

    /** PRIVILEGE_ESCALATION, one finding per statement that opens a path, unless the documents are admin already. */
    private void escalations(Map<String, PolicyDocument> docs, List<LintFinding> out) {
        if (docs.values().stream().anyMatch(d -> d.statements().stream().anyMatch(st -> st.principals() != null))) {
            return; // a trust or resource policy grants others access to one resource: not the holder's escalation
        }
        DocumentView view = new DocumentView(docs);
        if (adminEquivalent(view)) {
            return;
        }
        Map<List<String>, List<Escalation>> byStatement = new LinkedHashMap<>();
        for (Escalation e : EscalationJudge.judge(paths, view, view)) {
            MatchedStatement m = opening(e);
            if (m != null) {
                byStatement
                        .computeIfAbsent(Arrays.asList(m.policyId(), label(m)), k -> new ArrayList<>())
                        .add(e);
            }
        }
        byStatement.forEach((key, found) -> {
            String policy = key.get(0);
            String label = key.get(1);
            List<String> described = new ArrayList<>();
            Set<String> fixes = new LinkedHashSet<>();
            for (Escalation e : found) {
                List<String> grants = new ArrayList<>();
                for (Escalation.Grant g : e.grants()) {
                    MatchedStatement m = allowing(g);
                    String at = m == null
                            ? ""
                            : " (" + label(m) + (Objects.equals(m.policyId(), policy) ? "" : " of " + m.policyId())
                                    + ")";
                    grants.add(g.action() + at);
                }
                described.add(
                        "it " + e.path().title() + " [" + pathName(e.path()) + "]: " + String.join(" + ", grants));
                fixes.add(e.path().fix());
            }
            out.add(finding(
                    LintType.PRIVILEGE_ESCALATION,
                    label,
                    policy,
                    label + (policy == null ? "" : " of " + policy) + " opens privilege escalation: "
                            + String.join("; ", described) + ".",
                    String.join("; ", fixes)
                            + "; if the deployer must keep this, record an exception in the baseline"));
        });
    }

    /** The path's id with its catalogue ids, e.g. {@code self-user-inline-policy, pathfinding.cloud iam-007}. */
    public static String pathName(EscalationPath p) {
        return p.id() + (p.pathfinding() == null ? "" : ", pathfinding.cloud " + p.pathfinding());
    }

    /** The statement that allows the path's first step: the one a reader changes to close it. */
    private static MatchedStatement opening(Escalation e) {
        for (Escalation.Grant g : e.grants()) {
            MatchedStatement m = allowing(g);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static MatchedStatement allowing(Escalation.Grant g) {
        return g.decision().matchedStatements().stream()
                .filter(m -> m.sourceType() == PolicySourceType.IDENTITY)
                .findFirst()
                .orElse(null);
    }

    private static String label(MatchedStatement m) {
        return m.sid() != null && !m.sid().isEmpty() ? m.sid() : "Statement[" + m.statementIndex() + "]";
    }

    /** Whether the documents together allow every IAM action on every resource (explicit denies applied). */
    private boolean adminEquivalent(DocumentView view) {
        Set<String> iam = space.service("iam");
        if (iam.isEmpty()) {
            return false;
        }
        for (String a : iam) {
            if (!view.on(a, "*", Map.of()).allowed()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * What an Allow statement grants; {@code mayBeAdmin} when it names every action on every resource or every IAM
     * action, so that its document's denies decide ADMIN_ACCESS.
     */
    private record Facts(Statement statement, Named named, boolean star, boolean mayBeAdmin) {}

    /**
     * What an Action or NotAction element names, worked out once per distinct element (a fleet's statements differ
     * in their resources and conditions far more than in their actions).
     *
     * @param actions the concrete actions it names
     * @param everything whether that is every known action
     * @param everyIamAction whether that includes every IAM action
     * @param resourceLevel those that take resource ARNs, sorted
     * @param starOnly those that only work on {@code "*"}, sorted
     */
    private record Named(
            Set<String> actions,
            boolean everything,
            boolean everyIamAction,
            List<String> resourceLevel,
            List<String> starOnly) {}

    private Facts facts(Statement s) {
        Named named = this.named.get(s.actions(), this::name);
        boolean star = named.everything() && hasStarResource(s.resources());
        return new Facts(s, named, star, star || named.everyIamAction());
    }

    private Named name(ActionSet element) {
        Set<String> actions = element.negated() ? space.expandNot(element.patterns()) : expandAll(element.patterns());
        List<String> resourceLevel = new ArrayList<>();
        List<String> starOnly = new ArrayList<>();
        for (String a : new TreeSet<>(actions)) {
            (space.supportsResourceLevelPermissions(a) ? resourceLevel : starOnly).add(a);
        }
        Set<String> iam = space.service("iam");
        return new Named(
                actions,
                actions.size() >= space.all().size(),
                !iam.isEmpty() && actions.containsAll(iam),
                List.copyOf(resourceLevel),
                List.copyOf(starOnly));
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

    private LintFinding adminAccess(Facts f, String policy) {
        Statement s = f.statement();
        String where = s.label() + (policy == null ? "" : " of " + policy);
        return finding(
                LintType.ADMIN_ACCESS,
                s.label(),
                policy,
                f.star()
                        ? where + " allows every action on every resource (\"*\" on \"*\"): full administrator"
                                + " access" + conditionNote(s) + "."
                        : where + " allows every IAM action (iam:*) on " + resourcesText(s.resources())
                                + conditionNote(s) + ": whoever holds it can grant itself any permission.",
                "replace it with the specific actions the deployer needs, each scoped to the ARNs it manages;"
                        + " grant IAM actions one by one, scoped to the roles and policies it owns");
    }

    private void statementRules(Facts f, String policy, List<LintFinding> out) {
        Statement s = f.statement();
        String label = s.label();
        String where = label + (policy == null ? "" : " of " + policy);
        passRoleUnscoped(f, where, policy, out);

        if (!s.actions().negated()) {
            List<String> wild = new ArrayList<>();
            for (String p : s.actions().patterns()) {
                if (serviceWildcard(p) && !space.expand(p).isEmpty()) {
                    wild.add(p); // one that matches no known action is UNKNOWN_ACTION instead
                }
            }
            if (!wild.isEmpty()) {
                int n = 0;
                for (String p : wild) {
                    n += space.expand(p).size();
                }
                out.add(finding(
                        LintType.WILDCARD_ACTION,
                        label,
                        policy,
                        where + " allows " + String.join(", ", wild) + " (" + n + " actions, and any that AWS adds"
                                + " later) instead of the actions it needs.",
                        "list the specific actions the workload calls instead of " + String.join(", ", wild)
                                + " (IAM Access Advisor or CloudTrail show which are used)"));
            }
        } else {
            out.add(finding(
                    LintType.NOT_ACTION_ALLOW,
                    label,
                    policy,
                    where + " allows every action except "
                            + String.join(", ", s.actions().patterns())
                            + " (NotAction with Allow): " + f.named().actions().size()
                            + " actions today, and every action AWS adds later.",
                    "use an Action list of the specific actions needed; keep NotAction for Deny statements"));
        }

        if (hasStarResource(s.resources())) {
            List<String> offending = f.named().resourceLevel();
            List<String> starOnly = f.named().starOnly();
            if (!offending.isEmpty()) {
                String keep = starOnly.isEmpty()
                        ? ""
                        : "; keep " + list(starOnly) + ", which only work on \"*\", in a statement of their own";
                out.add(finding(
                        LintType.WILDCARD_RESOURCE,
                        label,
                        policy,
                        where + " allows " + offending.size() + " action" + (offending.size() == 1 ? "" : "s")
                                + " that support resource-level permissions on Resource \"*\": " + list(offending)
                                + ".",
                        "scope Resource to the ARNs these actions use (e.g. arn:aws:<service>:<region>:<account>:"
                                + "<resource-type>/<name>)" + keep));
            }
        }
    }

    private void passRoleUnscoped(Facts f, String where, String policy, List<LintFinding> out) {
        Statement s = f.statement();
        if (!f.named().actions().contains("iam:PassRole")) {
            return;
        }
        boolean anyRole = passesAnyRole(s.resources());
        boolean serviceCondition = false;
        for (Condition c : s.conditions()) {
            if (c.key().equalsIgnoreCase("iam:PassedToService")
                    && !c.operator().base().negated()) {
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
        out.add(finding(
                LintType.PASSROLE_UNSCOPED,
                s.label(),
                policy,
                where + " allows iam:PassRole " + String.join(" and ", why) + ".",
                "scope Resource to arn:aws:iam::<account>:role/<name> of the roles the deployer passes, and add"
                        + " Condition StringEquals iam:PassedToService <service>.amazonaws.com"));
    }

    private void unknownActions(Statement s, String policy, boolean awsManaged, List<LintFinding> out) {
        for (String p : s.actions().patterns()) {
            if (!space.expand(p).isEmpty()) {
                continue;
            }
            String where = s.label() + (policy == null ? "" : " of " + policy);
            if (awsManaged) {
                out.add(new LintFinding(
                        LintType.UNKNOWN_ACTION,
                        Severity.INFO,
                        s.label(),
                        where + ": \"" + p + "\" is not in the action catalog. The policy is AWS-managed, so this is an"
                                + " action of a retired or newer service, not a typo, and grants nothing today.",
                        "nothing to fix in the policy; refresh the action catalog if the service is new",
                        policy));
                continue;
            }
            out.add(finding(
                    LintType.UNKNOWN_ACTION,
                    s.label(),
                    policy,
                    where + ": \"" + p + "\"" + suggestions.hint(p) + " A typo grants nothing (or denies nothing) and"
                            + " hides the permission that was meant.",
                    "correct the action name (see the Service Authorization Reference for the service) or remove it"));
        }
    }

    // --- resource helpers -------------------------------------------------------------------------------

    /**
     * Whether the statement names every resource. A statement without Resource only occurs in trust and
     * resource-based policies, where IAM applies it to the resource the policy is attached to (the role, the
     * bucket): that is one resource, not {@code "*"}.
     */
    private static boolean hasStarResource(ResourceSet r) {
        if (r == null || r.negated()) {
            return false;
        }
        List<String> patterns = r.patterns();
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (resourceMatchesEverything(patterns.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a Resource pattern matches every resource, compiling only where the text alone cannot tell: runs of
     * {@code *} do; a text without a policy variable and with any other character does not (a literal or
     * {@code ?} stays in the glob); a policy variable may (e.g. a default of {@code *}), so the evaluator's
     * pattern decides.
     */
    static boolean resourceMatchesEverything(String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        boolean onlyStars = true;
        for (int i = 0; i < pattern.length() && onlyStars; i++) {
            onlyStars = pattern.charAt(i) == '*';
        }
        if (onlyStars) {
            return true;
        }
        return pattern.indexOf('$') >= 0 && ArnPattern.compile(pattern).matchesEverything();
    }

    /** {@code *}, or a service part ({@code [A-Za-z0-9*-]}) and {@code :} followed by stars only ({@code s3:*}). */
    static boolean serviceWildcard(String pattern) {
        int colon = pattern.indexOf(':');
        for (int i = 0; i < colon; i++) {
            char c = pattern.charAt(i);
            boolean serviceChar =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '-';
            if (!serviceChar) {
                return false;
            }
        }
        int stars = colon + 1;
        if (colon == 0 || stars == pattern.length()) {
            return false;
        }
        for (int i = stars; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    /** Whether the resources reach any role name (so iam:PassRole can hand over any role). */
    private static boolean passesAnyRole(ResourceSet r) {
        if (r == null || r.negated()) {
            return true;
        }
        for (String p : r.patterns()) {
            String[] parts = p.split(":", 6);
            String resource = parts.length == 6 ? parts[5] : p;
            if (Glob.compile(resource, Glob.Mode.PLAIN, false).covers(ANY_ROLE)) {
                return true;
            }
        }
        return false;
    }

    private static String resourcesText(ResourceSet r) {
        if (r == null) {
            return "every resource";
        }
        String list = r.patterns().size() == 1
                ? "\"" + r.patterns().get(0) + "\""
                : r.patterns().toString();
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
