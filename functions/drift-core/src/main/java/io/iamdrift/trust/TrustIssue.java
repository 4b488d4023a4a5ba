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
 * @param admitted the admitted probes that show it
 */
public record TrustIssue(FindingType type, String scope, String statement, String message, List<Probe> admitted) {

    public TrustIssue {
        admitted = List.copyOf(admitted);
    }

    /** Up to three of the admitted assumers in words, e.g. {@code repo:zz-stranger-owner/shop:ref:refs/heads/main}. */
    public List<String> examples() {
        return admitted.stream()
                .map(p -> p.who().describe())
                .distinct()
                .limit(3)
                .toList();
    }
}
