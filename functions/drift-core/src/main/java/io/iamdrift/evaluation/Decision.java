package io.iamdrift.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating one request against a {@link PolicySet}.
 *
 * @param decision allowed, explicit deny or implicit deny
 * @param matchedStatements the allowing statements (ALLOWED), the denying statements (EXPLICIT_DENY), empty
 *     for IMPLICIT_DENY; in evaluation order (identity policies, boundary, resource policy)
 * @param allowedByBoundary true when there is no permissions boundary, or the boundary allows the request
 *     and does not deny it (IAM's {@code AllowedByPermissionsBoundary})
 * @param missingContextValues condition keys (and policy-variable keys) that the evaluated statements
 *     needed but the request context did not have, as spelled in the policy, without duplicates
 * @param organizationDenial the SCP or RCP (and level) that denied the request, or {@code null} when the
 *     organization's policies allow it or none apply
 */
public record Decision(
        EvalDecision decision,
        List<MatchedStatement> matchedStatements,
        boolean allowedByBoundary,
        List<String> missingContextValues,
        OrganizationDenial organizationDenial) {

    public Decision(
            EvalDecision decision,
            List<MatchedStatement> matchedStatements,
            boolean allowedByBoundary,
            List<String> missingContextValues) {
        this(decision, matchedStatements, allowedByBoundary, missingContextValues, null);
    }

    public Decision {
        Objects.requireNonNull(decision, "decision");
        matchedStatements = matchedStatements == null ? List.of() : List.copyOf(matchedStatements);
        missingContextValues = missingContextValues == null ? List.of() : List.copyOf(missingContextValues);
    }

    /** IAM's {@code AllowedByOrganizations}: no SCP or RCP stopped the request. */
    public boolean allowedByOrganizations() {
        return organizationDenial == null;
    }

    public boolean allowed() {
        return decision == EvalDecision.ALLOWED;
    }
}
