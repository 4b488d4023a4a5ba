package io.iamdrift.trust;

import io.iamdrift.finding.FindingType;
import java.util.List;

/**
 * One thing wrong with who a trust policy admits, before any baseline is considered.
 *
 * @param type one of the trust finding types
 * @param scope what it is about: the OIDC issuer, or the AWS account
 * @param statement the admitting statement ({@code Sid} or {@code Statement[i]})
 * @param message one or two sentences a person reads
 * @param examples assumers the evaluator admitted that show it, e.g. {@code repo:zz-stranger-owner/x:ref:refs/heads/main}
 */
public record TrustIssue(FindingType type, String scope, String statement, String message, List<String> examples) {

    public TrustIssue {
        examples = List.copyOf(examples);
    }
}
