package io.iamdrift.evaluation;

import io.iamdrift.evaluation.internal.CompiledStatement;
import io.iamdrift.evaluation.internal.MissingKeys;
import io.iamdrift.evaluation.internal.PrincipalMatcher;
import java.util.ArrayList;
import java.util.List;

/** The mutable state of one evaluation (package-private; one per {@link Evaluator#evaluate} call). */
final class Evaluation {

    final Request request;
    final RequestContext context;
    final MissingKeys missing = new MissingKeys();
    final boolean hasBoundary;

    List<MatchedStatement> denies;
    List<MatchedStatement> identityAllows;
    List<MatchedStatement> boundaryAllows;
    List<MatchedStatement> resourceAllows;
    boolean boundaryDenies;
    /** A resource-policy allow that names the caller itself (user ARN or session ARN): not capped by the boundary. */
    boolean resourceAllowsDirect;
    /** A resource-policy allow through {@code *} or the role ARN: capped by the boundary. */
    boolean resourceAllowsCapped;
    /** A resource-policy allow of the caller's account: delegation, the identity policies must allow. */
    boolean resourceAllowsAccount;
    /** The organization level being evaluated (SCPs and RCPs are evaluated level by level). */
    String level;
    /** Whether an SCP of {@link #level} allows the request. */
    boolean levelAllows;
    /** The first SCP or RCP statement that denied the request. */
    OrganizationDenial organizationDeny;

    Evaluation(Request request, boolean hasBoundary) {
        this.request = request;
        this.context = request.context();
        this.hasBoundary = hasBoundary;
    }

    /**
     * How a resource-policy statement's Principal/NotPrincipal names the caller, or {@code null} when the
     * statement does not apply to the caller.
     */
    PrincipalMatcher.Match principalMatch(CompiledStatement s) {
        PrincipalMatcher p = s.principal();
        if (p == null) {
            return PrincipalMatcher.Match.EVERYONE;
        }
        PrincipalMatcher.Match m = p.match(request.callerArn());
        if (!p.negated()) {
            return m == PrincipalMatcher.Match.NONE ? null : m;
        }
        // NotPrincipal: applies to everyone not listed. IAM User Guide, "Permissions boundaries for IAM
        // entities": a Deny with NotPrincipal always denies a principal that has a permissions boundary.
        if (s.deny() && hasBoundary) {
            return PrincipalMatcher.Match.EVERYONE;
        }
        return m == PrincipalMatcher.Match.NONE ? PrincipalMatcher.Match.EVERYONE : null;
    }

    void applied(CompiledPolicy policy, CompiledStatement s, PolicySourceType source, PrincipalMatcher.Match pm) {
        MatchedStatement ms = new MatchedStatement(
                policy.policyId(), source, s.statement().index(), s.statement().sid());
        if (s.deny()) {
            if (denies == null) {
                denies = new ArrayList<>(2);
            }
            denies.add(ms);
            if (source == PolicySourceType.BOUNDARY) {
                boundaryDenies = true;
            } else if (organizationDeny == null && (source == PolicySourceType.SCP || source == PolicySourceType.RCP)) {
                organizationDeny = new OrganizationDenial(source, level, List.of(policy.policyId()), true);
            }
            return;
        }
        switch (source) {
            case SCP -> levelAllows = true;
            case RCP -> {} // an RCP Allow grants nothing: only RCPFullAWSAccess may allow, and it is everywhere
            case IDENTITY -> {
                if (identityAllows == null) {
                    identityAllows = new ArrayList<>(2);
                }
                identityAllows.add(ms);
            }
            case BOUNDARY -> {
                if (boundaryAllows == null) {
                    boundaryAllows = new ArrayList<>(2);
                }
                boundaryAllows.add(ms);
            }
            case RESOURCE -> {
                if (resourceAllows == null) {
                    resourceAllows = new ArrayList<>(2);
                }
                resourceAllows.add(ms);
                switch (pm) {
                    case DIRECT -> resourceAllowsDirect = true;
                    case ACCOUNT -> resourceAllowsAccount = true;
                    default -> resourceAllowsCapped = true;
                }
            }
        }
    }
}
