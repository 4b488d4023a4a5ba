package io.iamdrift.trust;

/** Someone who might assume a role: a CI job presenting an OIDC token, an AWS principal, or a service. */
public sealed interface Assumer {

    /** A modelled stranger account (no trust names it) and a stranger organization. */
    String STRANGER_ACCOUNT = "999900009999";

    String STRANGER_ORG = "o-zzzzprobe00";
    /** The prefix of every made-up name, so texts can tell modelled strangers from names the policy holds. */
    String PROBE = "zz-";

    /** How a person reads it, e.g. {@code repo:acme/shop:environment:prod}. */
    String describe();

    /**
     * A CI job.
     *
     * @param issuer the provider URL
     * @param provider the provider's facts
     * @param owner the owner (GitHub owner, GitLab group, HCP Terraform organization)
     * @param project the repository, project, workspace or pipeline
     * @param contextKind the kind of job (environment, branch, ...)
     * @param contextValue its value
     * @param subject the token's subject
     * @param strangerOwner an owner that no trust names
     * @param otherProject a project of a named owner that no trust names
     * @param otherContext a job context that no trust names
     * @param strangerAudience a token for another audience
     */
    record CiJob(
            String issuer,
            CiProvider provider,
            String owner,
            String project,
            String contextKind,
            String contextValue,
            String subject,
            boolean strangerOwner,
            boolean otherProject,
            boolean otherContext,
            boolean strangerAudience)
            implements Assumer {
        /** The subject, with the made-up names of modelled strangers shown as placeholders ({@code <any repository>}). */
        @Override
        public String describe() {
            String s = subject;
            if (strangerOwner) {
                s = s.replace(owner, "<any " + provider.ownerTerm() + ">");
            }
            if (otherProject || strangerOwner && project.startsWith(PROBE)) {
                s = s.replace(project, "<any " + provider.projectTerm() + ">");
            }
            if (otherContext) {
                s = s.replace(contextValue, "<any " + contextKind.replace('_', ' ') + ">");
            }
            return s + (strangerAudience ? " (token for another audience)" : "");
        }
    }

    /**
     * An AWS principal calling sts:AssumeRole.
     *
     * @param arn its ARN
     * @param account its account
     * @param orgId the organization it is in (a stranger's unless the trust names one)
     * @param externalId the sts:ExternalId it passes, or {@code null}
     */
    record AwsPrincipal(String arn, String account, String orgId, String externalId) implements Assumer {
        public boolean stranger() {
            return STRANGER_ACCOUNT.equals(account);
        }

        public boolean outsideOrganization() {
            return STRANGER_ORG.equals(orgId);
        }

        @Override
        public String describe() {
            String who = stranger()
                    ? "any AWS principal"
                    : arn.endsWith(":role/" + PROBE + "principal") ? "any principal of account " + account : arn;
            return who
                    + (outsideOrganization() ? "" : " (in organization " + orgId + ")")
                    + (externalId == null ? "" : " (with sts:ExternalId " + externalId + ")");
        }
    }

    /** An AWS service principal, e.g. {@code lambda.amazonaws.com}. */
    record Service(String name) implements Assumer {
        @Override
        public String describe() {
            return "service " + name;
        }
    }
}
