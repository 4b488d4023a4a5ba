package io.iamdrift.audit;

import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.diff.Grant;
import io.iamdrift.escalation.Access;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one principal can do, given its whole policy set: identity policies (attached, inline, its groups'),
 * the permissions boundary, every explicit deny among them and, in an organization, the SCPs and RCPs over
 * the account (an action they stop is not effective access, and decisions name the deciding SCP and level). Answers the questions the access rules ask,
 * always through the {@link Evaluator}; an index of the Allow statements only decides which requests are
 * worth asking (an action no Allow statement names is denied without evaluating it on every resource).
 */
final class EffectiveAccess implements Access {

    private final RunContext run;
    private final Map<String, PolicyDocument> identity;
    private final Map.Entry<String, PolicyDocument> boundary;

    /** The readings of the policy set, each compiled on first use: many principals never need some of them. */
    private volatile PolicySet strict;

    private volatile PolicySet optimistic;
    private volatile PolicySet escalation;
    /** The optimistic reading without the organization's guardrails: what the principal's own policies grant. */
    private volatile PolicySet optimisticOwn;
    /** Allow-all within the organization's guardrails, built on first use. */
    private PolicySet ceiling;

    private final String callerArn;
    private final RequestContext principalContext;
    private final String userName;
    private final List<RunContext.AllowGrant> grants = new ArrayList<>();
    private final GrantIndex grantIndex;
    /**
     * Answers asked again and again (the escalation table asks the same actions in many paths, on the principal
     * and on every target it compares with): thread-safe, since the account's roles' access is shared by the
     * run's workers.
     */
    private final Map<String, Decision> escalationSomewhere = new ConcurrentHashMap<>(32);
    /** The resources the Allow statements naming an action grant it on, by action. */
    private final Map<String, List<String>> resources = new ConcurrentHashMap<>(64);

    /**
     * @param identity the identity policies in force, by policy id
     * @param boundary the boundary (id and document), or {@code null} when none applies
     * @param callerArn the principal's ARN (policy variables such as {@code ${aws:username}} resolve from it)
     * @param principalContext the context keys the principal carries on every request
     * @param userName the user name for {@code ${aws:username}} in resource patterns, or {@code null} for roles
     */
    EffectiveAccess(
            RunContext run,
            Map<String, PolicyDocument> identity,
            Map.Entry<String, PolicyDocument> boundary,
            String callerArn,
            RequestContext principalContext,
            String userName) {
        this.run = run;
        this.identity = identity;
        this.boundary = boundary;
        identity.values().forEach(doc -> grants.addAll(run.allowGrants(doc)));
        this.grantIndex = new GrantIndex(grants);
        this.callerArn = callerArn;
        this.principalContext = principalContext;
        this.userName = userName;
    }

    /** The principal's own policies (identity and boundary) in the given reading, compiled now. */
    private PolicySet own(Reading reading) {
        List<CompiledPolicy> compiled = new ArrayList<>(identity.size());
        identity.forEach((id, doc) -> compiled.add(run.compiled(doc, id, reading)));
        PolicySet set = new PolicySet(compiled, List.of(), null);
        return boundary == null ? set : set.withBoundary(run.compiled(boundary.getValue(), boundary.getKey(), reading));
    }

    // Lazily built, without a lock: two workers racing build equal sets from the run's compiled documents.
    private PolicySet strict() {
        PolicySet s = strict;
        if (s == null) {
            strict = s = own(Reading.STRICT).withOrganization(run.organization(false));
        }
        return s;
    }

    private PolicySet optimisticOwn() {
        PolicySet s = optimisticOwn;
        if (s == null) {
            optimisticOwn = s = own(Reading.OPTIMISTIC);
        }
        return s;
    }

    private PolicySet optimistic() {
        PolicySet s = optimistic;
        if (s == null) {
            optimistic = s = optimisticOwn().withOrganization(run.organization(true));
        }
        return s;
    }

    private PolicySet escalation() {
        PolicySet s = escalation;
        if (s == null) {
            escalation = s = own(Reading.ESCALATION).withOrganization(run.organization(true));
        }
        return s;
    }

    /** Whether any Allow statement names the action (a necessary condition for it to be allowed). */
    @Override
    public boolean mayAllow(String action) {
        return grantIndex.mayAllow(action);
    }

    /** Whether any Allow statement may name an action the pattern matches (a necessary condition, as above). */
    boolean mayAllowSome(String actionPattern) {
        return grantIndex.mayAllowSome(ActionPattern.compile(actionPattern));
    }

    @Override
    public List<String> resourcePatterns(String action) {
        if (!mayAllow(action)) {
            return List.of();
        }
        List<String> named = resourcesNaming(action);
        for (String pattern : named) {
            if (pattern.equals("*") || pattern.contains("${")) {
                return List.of("*"); // another policy variable: only the evaluator can tell
            }
        }
        return named;
    }

    /** Strict evaluation of one request, with the principal's own context keys added to the given ones. */
    Decision evaluate(String action, String resource, Map<String, List<String>> context) {
        return Evaluator.evaluate(strict(), new Request(action, resource, callerArn, withContext(context)));
    }

    private RequestContext withContext(Map<String, List<String>> context) {
        RequestContext ctx = principalContext;
        if (context != null) {
            for (Map.Entry<String, List<String>> e : context.entrySet()) {
                ctx = ctx.with(e.getKey(), e.getValue());
            }
        }
        return ctx;
    }

    /**
     * Whether a required action is allowed. With a concrete resource, the request is evaluated strictly as
     * written. Without one ({@code *}: "somewhere"), the action counts as allowed when it is allowed on at
     * least one resource the policies name, because a grant scoped to the deployer's own resources satisfies
     * "required": with a context given (e.g. {@code iam:PassedToService}), strictly with that context; with no
     * context, in the optimistic reading, since a condition the baseline says nothing about is the policy
     * owner's deliberate restriction, not a gap.
     *
     * @return the deciding decision (an allowing one when allowed)
     */
    Decision required(String action, String resource, Map<String, List<String>> context) {
        boolean anyResource = resource == null || resource.equals("*");
        if (!anyResource) {
            return evaluate(action, resource, context);
        }
        if (context != null && !context.isEmpty()) {
            return somewhere(strict(), action, withContext(context));
        }
        return somewhere(optimistic(), action, principalContext);
    }

    /** Whether any reading of the policies could allow the action on some resource (posture questions). */
    Decision couldAllow(String action) {
        return somewhere(optimistic(), action, principalContext);
    }

    /** Whether the optimistic reading allows the action on exactly this resource. */
    boolean couldAllow(String action, String resource) {
        Decision d = optimisticDecision(action, resource);
        return d != null && d.allowed();
    }

    /** Whether organization guardrails apply to this principal's decisions at all. */
    boolean guarded() {
        return !run.organization(true).isEmpty();
    }

    /**
     * The principal's own policies' optimistic decision, ignoring the organization's guardrails ("what would it
     * have without the SCPs"), or {@code null} when no Allow names the action.
     */
    Decision ownDecision(String action, String resource) {
        return mayAllow(action)
                ? Evaluator.evaluate(optimisticOwn(), new Request(action, resource, callerArn, principalContext))
                : null;
    }

    /** The optimistic reading's decision on exactly this resource, or {@code null} when no Allow names the action. */
    Decision optimisticDecision(String action, String resource) {
        return mayAllow(action)
                ? Evaluator.evaluate(optimistic(), new Request(action, resource, callerArn, principalContext))
                : null;
    }

    @Override
    public Decision on(String action, String resource, Map<String, List<String>> context) {
        if (!mayAllow(action)) {
            return Evaluator.evaluate(escalation(), new Request(action, resource, callerArn, principalContext));
        }
        return Evaluator.evaluate(escalation(), new Request(action, resource, callerArn, withContext(context)));
    }

    @Override
    public Decision somewhere(String action) {
        Decision d = escalationSomewhere.get(action);
        if (d == null) {
            d = somewhere(escalation(), action, principalContext);
            Decision raced = escalationSomewhere.putIfAbsent(action, d);
            d = raced == null ? d : raced;
        }
        return d;
    }

    /** Whether every IAM action is allowed on every resource: the principal can grant itself anything. */
    boolean adminEquivalent(ActionCatalog catalog) {
        if (admin == null) {
            boolean all = couldAllow("iam:CreateUser", "*") && couldAllow("iam:PutUserPolicy", "*");
            if (all) {
                for (String action : catalog.expand("iam:*")) {
                    if (!couldAllow(action, "*")) {
                        all = false;
                        break;
                    }
                }
            }
            admin = all;
        }
        return admin;
    }

    private Boolean admin;

    /** The policy-id patterns of the Allow statements, for "which actions could it call" questions. */
    List<RunContext.AllowGrant> grants() {
        return grants;
    }

    /** The resources the Allow statements naming the action grant it on ({@code *} when none does); memoised. */
    private List<String> resourcesNaming(String action) {
        List<String> named = resources.get(action);
        if (named == null) {
            named = namedBy(action);
            List<String> raced = resources.putIfAbsent(action, named);
            named = raced == null ? named : raced;
        }
        return named;
    }

    /** The distinct resources of the Allow statements that may name the action, in policy order. */
    private List<String> namedBy(String action) {
        List<RunContext.AllowGrant> candidates = grantIndex.candidates(action);
        List<String> out = new ArrayList<>(4);
        for (int i = 0, n = candidates.size(); i < n; i++) {
            RunContext.AllowGrant g = candidates.get(i);
            if (!g.mayAllow(action)) {
                continue;
            }
            List<String> granted = g.resources();
            for (int j = 0, m = granted.size(); j < m; j++) {
                String r = userName == null ? granted.get(j) : granted.get(j).replace("${aws:username}", userName);
                if (!out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out.isEmpty() ? List.of("*") : List.copyOf(out);
    }

    /** Evaluates the action on each resource that an Allow statement naming it grants, until one is allowed. */
    private Decision somewhere(PolicySet set, String action, RequestContext context) {
        Decision last = null;
        List<String> named = resourcesNaming(action);
        for (int i = 0, n = named.size(); i < n; i++) {
            Decision d = Evaluator.evaluate(set, new Request(action, named.get(i), callerArn, context));
            if (d.allowed()) {
                return d;
            }
            if (last == null || d.decision() == EvalDecision.EXPLICIT_DENY) {
                last = d;
            }
        }
        return last;
    }

    private static final CompiledPolicy ALLOW_ALL = CompiledPolicy.compile(
            PolicyParser.parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                    "organization-ceiling"),
            "organization-ceiling");

    /**
     * What the organization's guardrails alone let this principal do (optimistic reading): the decision for
     * the action on the resource were its own policies to allow everything.
     */
    Decision organizationCeiling(String action, String resource) {
        if (ceiling == null) {
            ceiling = new PolicySet(List.of(ALLOW_ALL), List.of(), null, run.organization(true));
        }
        return Evaluator.evaluate(ceiling, new Request(action, resource, callerArn, principalContext));
    }

    /**
     * Why the organization's guardrails stop every request of the given grants (each a list of actions and the
     * resources they name; {@code *} for NotResource), or {@code null} when some request is possible or no
     * guardrails apply. Up to three reasons, deduplicated.
     */
    List<String> cappedByOrganization(List<Grant> grants) {
        if (!guarded() || grants.isEmpty()) {
            return null;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (Grant g : grants) {
            List<String> resources = g.resources().isEmpty() ? List.of("*") : g.resources();
            for (String action : g.actions()) {
                for (String resource : resources) {
                    Decision d = organizationCeiling(
                            action, userName == null ? resource : resource.replace("${aws:username}", userName));
                    if (d.allowed() || d.organizationDenial() == null) {
                        return null;
                    }
                    if (reasons.size() < 3) {
                        reasons.add(d.organizationDenial().describe(action));
                    }
                }
            }
        }
        return List.copyOf(reasons);
    }

    /** Builds the context keys that IAM adds for a principal on every request. */
    static RequestContext principalContext(
            String accountId, String arn, String type, String name, Map<String, String> tags, String organizationId) {
        Map<String, List<String>> ctx = new HashMap<>();
        if (organizationId != null) {
            // the caller and the account's own resources are in the organization (IAM User Guide, "AWS global
            // condition context keys"): without them an RCP data perimeter would deny the account itself
            ctx.put("aws:PrincipalOrgID", List.of(organizationId));
            ctx.put("aws:ResourceOrgID", List.of(organizationId));
            ctx.put("aws:ResourceAccount", List.of(accountId));
        }
        ctx.put("aws:PrincipalArn", List.of(arn));
        ctx.put("aws:PrincipalAccount", List.of(accountId));
        ctx.put("aws:PrincipalType", List.of("user".equals(type) ? "User" : "AssumedRole"));
        if ("user".equals(type)) {
            ctx.put("aws:username", List.of(name));
        }
        tags.forEach((k, v) -> ctx.put("aws:PrincipalTag/" + k, List.of(v)));
        return RequestContext.of(ctx);
    }
}
