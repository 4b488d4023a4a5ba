package io.iamdrift.evaluation;

/**
 * A statement that decided a request: for {@link EvalDecision#ALLOWED} the allowing statements, for
 * {@link EvalDecision#EXPLICIT_DENY} the denying statements.
 *
 * @param policyId the id the policy was compiled with (e.g. {@code PolicyInputList.1}, a policy ARN)
 * @param sourceType identity, boundary or resource policy
 * @param statementIndex zero-based position of the statement in its document
 * @param sid the statement's Sid, or {@code null}
 */
public record MatchedStatement(String policyId, PolicySourceType sourceType, int statementIndex, String sid) {}
