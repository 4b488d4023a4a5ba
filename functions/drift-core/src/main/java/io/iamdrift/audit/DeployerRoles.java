package io.iamdrift.audit;

import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.trust.TrustAnalysis;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles that are deployers without any naming rule: a role whose trust admits a CI/CD OIDC provider's jobs
 * (GitHub Actions, GitLab, HCP Terraform, ...), and a role that a deployer user may assume (its trust admits
 * the user and the user's effective policies allow sts:AssumeRole on it). Both decided by the evaluator; the
 * account's trust index ({@link AccountGraph#mayTrust}) only picks which user and role pairs are worth asking,
 * so a run asks about the roles each user's trust relationships name rather than every role for every user.
 */
final class DeployerRoles {

    private final RunContext run;
    private final List<PrincipalAudit> deployerUsers;
    private Set<String> assumedByUsers;

    DeployerRoles(RunContext run, List<PrincipalAudit> deployerUsers) {
        this.run = run;
        this.deployerUsers = List.copyOf(deployerUsers);
    }

    boolean isDeployer(RoleDetail role) {
        if (role.trustPolicy() == null) {
            return false;
        }
        PolicyLibrary.Parsed trust = trust(role);
        if (!trust.ok()) {
            return false; // audited only when named or discovered; an unreadable trust of a named role is
            // AUDIT_INCOMPLETE
        }
        if (TrustAnalysis.admitsCiJobs(
                trust.document(), TrustRules.JUDGEMENT.probes().universe(role.arn(), List.of(trust.document())))) {
            return true;
        }
        return assumedByUsers().contains(role.arn());
    }

    private PolicyLibrary.Parsed trust(RoleDetail role) {
        return run.library.parse(role.trustPolicy(), "trust policy of " + role.name(), PolicyKind.TRUST);
    }

    /** The roles some deployer user may assume: its policies may allow sts:AssumeRole and the role's trust admits it. */
    private Set<String> assumedByUsers() {
        if (assumedByUsers == null) {
            Set<String> out = new HashSet<>();
            for (PrincipalAudit user : deployerUsers) {
                String arn = user.live.ref().arn();
                if (arn == null || !namesAssumeRole(user)) {
                    continue;
                }
                Map<String, List<String>> context = Map.of(
                        "aws:PrincipalArn",
                        List.of(arn),
                        "aws:PrincipalAccount",
                        List.of(run.accountId),
                        "aws:PrincipalType",
                        List.of("User"));
                for (RoleDetail role : run.graph().mayTrust(arn)) {
                    PolicyLibrary.Parsed trust = role.trustPolicy() == null ? null : trust(role);
                    if (out.contains(role.arn()) || trust == null || !trust.ok()) {
                        continue;
                    }
                    if (user.liveAccess()
                                    .evaluate("sts:AssumeRole", role.arn(), context)
                                    .allowed()
                            && TrustAnalysis.admits(
                                    trust.document(),
                                    new Request("sts:AssumeRole", role.arn(), arn, RequestContext.of(context)))) {
                        out.add(role.arn());
                    }
                }
            }
            assumedByUsers = out;
        }
        return assumedByUsers;
    }

    /** Whether an Allow statement of the user's policies names sts:AssumeRole (without it, no role is assumed). */
    private boolean namesAssumeRole(PrincipalAudit user) {
        for (PolicyDocument doc : user.liveIdentity().values()) {
            for (RunContext.AllowGrant g : run.allowGrants(doc)) {
                if (g.mayAllow("sts:AssumeRole")) {
                    return true;
                }
            }
        }
        return false;
    }
}
