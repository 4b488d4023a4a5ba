package io.iamdrift.audit;

import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one principal can do, given its whole policy set: identity policies (attached, inline, its groups'),
 * the permissions boundary and every explicit deny among them. Answers the questions the access rules ask,
 * always through the {@link Evaluator}.
 */
final class EffectiveAccess {

    private static final int MAX_CANDIDATE_RESOURCES = 128;

    private final PolicySet strict;
    private final PolicySet optimistic;
    private final String callerArn;
    private final RequestContext principalContext;
    private final List<String> candidateResources;

    /**
     * @param identity the identity policies (document, id) in force
     * @param boundary the boundary document, or {@code null} when none applies
     * @param callerArn the principal's ARN (policy variables such as {@code ${aws:username}} resolve from it)
     * @param principalContext the context keys the principal carries on every request
     */
    EffectiveAccess(Map<String, PolicyDocument> identity, Map.Entry<String, PolicyDocument> boundary, String callerArn,
            RequestContext principalContext, String userName) {
        List<CompiledPolicy> strictIds = new ArrayList<>();
        List<CompiledPolicy> optimisticIds = new ArrayList<>();
        Set<String> resources = new LinkedHashSet<>();
        resources.add("*");
        identity.forEach((id, doc) -> {
            strictIds.add(CompiledPolicy.compile(doc, id));
            optimisticIds.add(CompiledPolicy.compile(PolicyTransforms.optimistic(doc), id));
            for (Statement s : doc.statements()) {
                if (s.effect() == Effect.ALLOW && s.resources() != null && !s.resources().negated()) {
                    for (String r : s.resources().patterns()) {
                        if (resources.size() < MAX_CANDIDATE_RESOURCES) {
                            resources.add(userName == null ? r : r.replace("${aws:username}", userName));
                        }
                    }
                }
            }
        });
        PolicySet s = new PolicySet(strictIds, List.of(), null);
        PolicySet o = new PolicySet(optimisticIds, List.of(), null);
        if (boundary != null) {
            s = s.withBoundary(CompiledPolicy.compile(boundary.getValue(), boundary.getKey()));
            o = o.withBoundary(CompiledPolicy.compile(PolicyTransforms.optimistic(boundary.getValue()), boundary.getKey()));
        }
        this.strict = s;
        this.optimistic = o;
        this.callerArn = callerArn;
        this.principalContext = principalContext;
        this.candidateResources = List.copyOf(resources);
    }

    /** Strict evaluation of one request, with the principal's own context keys added to the given ones. */
    Decision evaluate(String action, String resource, Map<String, List<String>> context) {
        RequestContext ctx = principalContext;
        if (context != null) {
            for (Map.Entry<String, List<String>> e : context.entrySet()) {
                ctx = ctx.with(e.getKey(), e.getValue());
            }
        }
        return Evaluator.evaluate(strict, new Request(action, resource, callerArn, ctx));
    }

    /**
     * Whether a required action is allowed. With a concrete resource or a context given, the request is
     * evaluated strictly as written; with resource {@code *} and no context ("somewhere, some way"), the
     * action counts as allowed when the optimistic reading allows it on at least one resource the policies
     * name: a grant scoped to the deployer's own resources satisfies "required", and a condition the baseline
     * says nothing about is the policy owner's deliberate restriction, not a gap.
     *
     * @return the deciding decision (an allowing one when allowed)
     */
    Decision required(String action, String resource, Map<String, List<String>> context) {
        boolean anyResource = resource == null || resource.equals("*");
        if (!anyResource || (context != null && !context.isEmpty())) {
            return evaluate(action, anyResource ? "*" : resource, context);
        }
        return somewhere(optimistic, action);
    }

    /** Whether any reading of the policies could allow the action on some resource (posture questions). */
    Decision couldAllow(String action) {
        return somewhere(optimistic, action);
    }

    /** Whether the optimistic reading allows the action on exactly this resource. */
    boolean couldAllow(String action, String resource) {
        return Evaluator.evaluate(optimistic, new Request(action, resource, callerArn, principalContext)).allowed();
    }

    private Decision somewhere(PolicySet set, String action) {
        Decision last = null;
        for (String r : candidateResources) {
            Decision d = Evaluator.evaluate(set, new Request(action, r, callerArn, principalContext));
            if (d.allowed()) {
                return d;
            }
            if (last == null || d.decision() == EvalDecision.EXPLICIT_DENY) {
                last = d;
            }
        }
        return last;
    }

    /** Builds the context keys that IAM adds for a principal on every request. */
    static RequestContext principalContext(String accountId, String arn, String type, String name,
            Map<String, String> tags) {
        Map<String, List<String>> ctx = new HashMap<>();
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
