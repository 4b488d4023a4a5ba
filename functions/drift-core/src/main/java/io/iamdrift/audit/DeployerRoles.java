package io.iamdrift.audit;

import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.trust.TrustAnalysis;
import java.util.List;
import java.util.Map;

/**
 * Roles that are deployers without any naming rule: a role whose trust admits a CI/CD OIDC provider's jobs
 * (GitHub Actions, GitLab, HCP Terraform, ...), and a role that a deployer user may assume (its trust admits
 * the user and the user's effective policies allow sts:AssumeRole on it). Both decided by the evaluator.
 */
final class DeployerRoles {

    private DeployerRoles() {}

    static boolean isDeployer(RunContext run, RoleDetail role, List<PrincipalAudit> deployerUsers) {
        if (role.trustPolicy() == null) {
            return false;
        }
        PolicyLibrary.Parsed trust = run.library.parse(role.trustPolicy(), "trust policy of " + role.name(), PolicyKind.TRUST);
        if (!trust.ok()) {
            return false; // audited only when named or discovered; an unreadable trust of a named role is AUDIT_INCOMPLETE
        }
        if (TrustAnalysis.admitsCiJobs(trust.document(), TrustRules.JUDGEMENT.probes().universe(role.arn(), List.of(trust.document())))) {
            return true;
        }
        for (PrincipalAudit user : deployerUsers) {
            String arn = user.live.ref().arn();
            if (arn == null) {
                continue;
            }
            Map<String, List<String>> context = Map.of("aws:PrincipalArn", List.of(arn), "aws:PrincipalAccount", List.of(run.accountId),
                    "aws:PrincipalType", List.of("User"));
            if (TrustAnalysis.admits(trust.document(), new Request("sts:AssumeRole", role.arn(), arn, RequestContext.of(context)))
                    && user.liveAccess().evaluate("sts:AssumeRole", role.arn(), context).allowed()) {
                return true;
            }
        }
        return false;
    }
}
