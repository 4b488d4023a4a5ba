package io.iamdrift.lint;

import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.Arns;
import io.iamdrift.trust.TrustIssue;
import io.iamdrift.trust.TrustJudgement;
import java.util.List;

/**
 * Lint of a role trust policy: the trust types (OIDC_SUBJECT_UNRESTRICTED, OIDC_SUBJECT_WILDCARD,
 * OIDC_AUDIENCE_MISSING, TRUST_ANY_PRINCIPAL, TRUST_EXTERNAL_ACCOUNT) by the same judgement the audit uses.
 */
public final class TrustLinter {

    private final TrustJudgement judgement;

    public TrustLinter(TrustJudgement judgement) {
        this.judgement = judgement;
    }

    public static TrustLinter withDefaults() {
        return new TrustLinter(TrustJudgement.withDefaults());
    }

    /**
     * The findings of one trust policy.
     *
     * @param account the role's account; {@code null}: the account of the OIDC providers it names, if any
     * @param policyName the name shown with each finding, or {@code null}
     */
    public List<LintFinding> lint(PolicyDocument trust, String account, String policyName) {
        String own = account != null ? account : providerAccount(trust);
        String role = "arn:aws:iam::" + (own != null ? own : "000000000000") + ":role/linted";
        return judgement.judge(trust, role, own).stream()
                .map(i -> finding(i, policyName))
                .toList();
    }

    private static LintFinding finding(TrustIssue i, String policyName) {
        LintType type = LintType.valueOf(i.type().name());
        return new LintFinding(
                type,
                type.defaultSeverity(),
                i.statement(),
                i.message(),
                i.type().remediation(),
                policyName);
    }

    /** The account of the first OIDC provider ARN the policy names (providers live in the role's account). */
    private static String providerAccount(PolicyDocument trust) {
        for (Statement s : trust.statements()) {
            if (s.principals() != null && s.principals().principal() instanceof Principal.Named n) {
                for (String f : n.byType().getOrDefault(PrincipalType.FEDERATED, List.of())) {
                    String account = Arns.account(f);
                    if (Arns.isAccountId(account)) {
                        return account;
                    }
                }
            }
        }
        return null;
    }
}
