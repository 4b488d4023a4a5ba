package io.iamdrift.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a request against a principal's policies the way AWS does for a request within one account
 * (IAM User Guide, "Policy evaluation logic" and "Policy evaluation for requests within a single account"):
 *
 * <ol>
 *   <li>An explicit Deny in any policy (identity, boundary, resource) wins.</li>
 *   <li>Identity-based allow counts only when the permissions boundary, if one is set, also allows: the
 *       effective permissions are the intersection ("Permissions boundaries for IAM entities").</li>
 *   <li>A same-account resource-based policy allows on its own when it names the caller: an allow granted to
 *       the IAM user ARN (or to the assumed-role session ARN) is not limited by an implicit deny in the
 *       boundary; an allow granted to the role ARN or to {@code "*"} is. An allow granted to the account
 *       ({@code arn:aws:iam::111122223333:root}) delegates to the identity policies, which must allow.</li>
 *   <li>A role's trust policy ({@code sts:AssumeRole*}) and a KMS key policy ({@code kms:*}), given as the resource
 *       policy, must themselves allow: naming the caller, or the account (which delegates to the identity
 *       policies). An identity-based allow alone is not enough, even within one account
 *       ({@link StrictResourcePolicies}).</li>
 *   <li>Otherwise the request is implicitly denied.</li>
 * </ol>
 *
 * <p>For a cross-account request ({@link #evaluate(PolicySet, Request, boolean)} with {@code sameAccount}
 * false) both the identity side (with its boundary) and the resource policy must allow.
 *
 * <p>Organization guardrails ({@link PolicySet#organization()}, see {@link OrganizationPolicies}): an SCP or
 * RCP Deny is an explicit deny like any other; an SCP level where no SCP allows the request makes it an
 * implicit deny whatever the other policies allow (also a same-account resource policy's allow: SCPs limit
 * the principal). The decision names the deciding policy and level ({@link Decision#organizationDenial()}).
 * Session policies are outside this evaluator.
 */
public final class Evaluator {

    private Evaluator() {}

    /** Evaluates a request within one account. */
    public static Decision evaluate(PolicySet set, Request request) {
        return evaluate(set, request, true);
    }

    /**
     * Evaluates a request.
     *
     * @param sameAccount false when the resource (and its resource policy) belongs to another account
     */
    public static Decision evaluate(PolicySet set, Request request, boolean sameAccount) {
        boolean hasBoundary = !set.boundary().isEmpty();
        Evaluation ev = new Evaluation(request, hasBoundary);
        List<CompiledPolicy> identity = set.identity();
        for (int i = 0, n = identity.size(); i < n; i++) {
            identity.get(i).evaluate(ev, PolicySourceType.IDENTITY);
        }
        List<CompiledPolicy> boundary = set.boundary();
        for (int i = 0, n = boundary.size(); i < n; i++) {
            boundary.get(i).evaluate(ev, PolicySourceType.BOUNDARY);
        }
        if (set.resourcePolicy() != null) {
            set.resourcePolicy().evaluate(ev, PolicySourceType.RESOURCE);
        }
        OrganizationPolicies org = set.organization();
        OrganizationDenial scpGap = org.isEmpty() ? null : organization(org, ev, request, sameAccount);

        boolean allowedByBoundary = !hasBoundary || (ev.boundaryAllows != null && !ev.boundaryDenies);
        List<String> missing = ev.missing.keys();
        if (ev.denies != null) {
            return new Decision(EvalDecision.EXPLICIT_DENY, ev.denies, allowedByBoundary, missing, ev.organizationDeny);
        }
        boolean boundaryOk = !hasBoundary || ev.boundaryAllows != null;
        boolean identityAllowed = ev.identityAllows != null && boundaryOk;
        boolean allowed;
        boolean resourceCounts;
        if (sameAccount) {
            boolean resourceAlone = ev.resourceAllowsDirect || (ev.resourceAllowsCapped && boundaryOk);
            boolean delegated = identityAllowed && ev.resourceAllowsAccount;
            boolean resourceMustAllow =
                    set.resourcePolicy() != null && StrictResourcePolicies.required(request.action());
            allowed = resourceMustAllow ? resourceAlone || delegated : identityAllowed || resourceAlone;
            resourceCounts = resourceAlone || delegated;
        } else {
            allowed = identityAllowed && ev.resourceAllows != null;
            resourceCounts = allowed;
        }
        if (!allowed || scpGap != null) {
            return new Decision(EvalDecision.IMPLICIT_DENY, List.of(), allowedByBoundary, missing, scpGap);
        }
        List<MatchedStatement> matched;
        if (identityAllowed && !resourceCounts && !hasBoundary) {
            matched = ev.identityAllows;
        } else {
            matched = new ArrayList<>();
            if (identityAllowed) {
                matched.addAll(ev.identityAllows);
            }
            if (hasBoundary && ev.boundaryAllows != null && (identityAllowed || !ev.resourceAllowsDirect)) {
                matched.addAll(ev.boundaryAllows);
            }
            if (resourceCounts && ev.resourceAllows != null) {
                matched.addAll(ev.resourceAllows);
            }
        }
        return new Decision(EvalDecision.ALLOWED, matched, allowedByBoundary, missing);
    }

    /**
     * Evaluates the SCPs (level by level) and RCPs that apply; their Deny statements land among the
     * evaluation's denies. Returns the first SCP level where nothing allows the request, or {@code null}.
     */
    private static OrganizationDenial organization(
            OrganizationPolicies org, Evaluation ev, Request request, boolean sameAccount) {
        OrganizationDenial gap = null;
        if (org.scpsApplyTo(request.callerArn())) {
            for (OrganizationPolicies.Level level : org.serviceControlPolicies()) {
                ev.level = level.name();
                ev.levelAllows = false;
                for (CompiledPolicy p : level.policies()) {
                    p.evaluate(ev, PolicySourceType.SCP);
                }
                if (!ev.levelAllows && gap == null) {
                    gap = new OrganizationDenial(
                            PolicySourceType.SCP,
                            level.name(),
                            level.policies().stream()
                                    .map(CompiledPolicy::policyId)
                                    .toList(),
                            false);
                }
            }
        }
        if (org.rcpsApplyTo(request, sameAccount)) {
            for (OrganizationPolicies.Level level : org.resourceControlPolicies()) {
                ev.level = level.name();
                for (CompiledPolicy p : level.policies()) {
                    p.evaluate(ev, PolicySourceType.RCP);
                }
            }
        }
        return gap;
    }
}
