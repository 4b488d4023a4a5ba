package io.iamdrift.trust;

import io.iamdrift.finding.FindingType;
import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The trust finding types decided from what the evaluator admits, shared by the audit and {@code lint}:
 * OIDC_SUBJECT_UNRESTRICTED (a stranger owner's job is admitted), OIDC_SUBJECT_WILDCARD (another project of
 * a named owner is), OIDC_AUDIENCE_MISSING (a token for another audience is), TRUST_ANY_PRINCIPAL (a
 * principal of a stranger account outside the organization, without an external id, is) and
 * TRUST_EXTERNAL_ACCOUNT (a principal of another named account is, without an external id and outside the
 * organization).
 */
public final class TrustJudgement {

    private final TrustProbes probes;

    public TrustJudgement(CiProviders providers) {
        this.probes = new TrustProbes(providers);
    }

    public static TrustJudgement withDefaults() {
        return new TrustJudgement(CiProviders.defaults());
    }

    public TrustProbes probes() {
        return probes;
    }

    /**
     * The issues of one trust policy.
     *
     * @param roleArn the role the policy guards
     * @param ownAccount the role's account (its principals are not "external")
     */
    public List<TrustIssue> judge(PolicyDocument trust, String roleArn, String ownAccount) {
        Map<Probe, String> admitted = TrustAnalysis.admittedBy(trust, probes.universe(roleArn, List.of(trust)));
        List<TrustIssue> out = new ArrayList<>();
        Map<String, List<Probe>> jobsByIssuer = new LinkedHashMap<>();
        admitted.keySet().forEach(p -> {
            if (p.who() instanceof Assumer.CiJob j) {
                jobsByIssuer.computeIfAbsent(j.issuer(), k -> new ArrayList<>()).add(p);
            }
        });
        jobsByIssuer.forEach((issuer, jobs) -> ciIssues(out, issuer, jobs, admitted));
        awsIssues(out, admitted, ownAccount);
        return out;
    }

    private static void ciIssues(List<TrustIssue> out, String issuer, List<Probe> jobs, Map<Probe, String> admitted) {
        CiProvider p = ((Assumer.CiJob) jobs.get(0).who()).provider();
        Probe stranger = firstJob(jobs, j -> j.strangerOwner() && !j.strangerAudience());
        Probe other = firstJob(jobs, j -> j.otherProject() && !j.strangerAudience());
        if (stranger != null) {
            out.add(new TrustIssue(
                    FindingType.OIDC_SUBJECT_UNRESTRICTED,
                    issuer,
                    admitted.get(stranger),
                    "Any " + p.projectTerm() + " of any " + p.ownerTerm() + " on " + p.name()
                            + " can assume the role: a job of another "
                            + p.ownerTerm() + ", one the trust does not name, is admitted ("
                            + stranger.who().describe() + "). Restrict the subject to the " + p.projectTerm()
                            + " that deploys.",
                    examples(jobs, j -> j.strangerOwner() && !j.strangerAudience())));
        } else if (other != null) {
            Assumer.CiJob j = (Assumer.CiJob) other.who();
            out.add(new TrustIssue(
                    FindingType.OIDC_SUBJECT_WILDCARD,
                    issuer,
                    admitted.get(other),
                    "Any " + p.projectTerm() + " of " + j.owner() + " on " + p.name()
                            + " can assume the role, not only the ones the trust names (admitted: "
                            + other.who().describe() + ").",
                    examples(jobs, x -> x.otherProject() && !x.strangerAudience())));
        }
        Probe audience = firstJob(jobs, Assumer.CiJob::strangerAudience);
        if (audience != null) {
            out.add(new TrustIssue(
                    FindingType.OIDC_AUDIENCE_MISSING,
                    issuer,
                    admitted.get(audience),
                    "The trust of " + p.name() + " tokens has no condition on the audience (" + issuer
                            + ":aud): a token minted for another audience is accepted.",
                    examples(jobs, Assumer.CiJob::strangerAudience)));
        }
    }

    private static void awsIssues(List<TrustIssue> out, Map<Probe, String> admitted, String ownAccount) {
        Set<String> reported = new LinkedHashSet<>();
        for (Map.Entry<Probe, String> e : admitted.entrySet()) {
            if (!(e.getKey().who() instanceof Assumer.AwsPrincipal aws)
                    || !aws.outsideOrganization()
                    || aws.externalId() != null) {
                continue;
            }
            if (aws.stranger()) {
                if (reported.add("*")) {
                    out.add(new TrustIssue(
                            FindingType.TRUST_ANY_PRINCIPAL,
                            "*",
                            e.getValue(),
                            "Any AWS principal of any account can assume the role: nothing restricts who (no aws:PrincipalOrgID, "
                                    + "aws:PrincipalAccount, aws:PrincipalArn or sts:ExternalId condition admits only intended callers).",
                            List.of(e.getKey())));
                }
            } else if (!aws.account().equals(ownAccount) && reported.add(aws.account())) {
                out.add(new TrustIssue(
                        FindingType.TRUST_EXTERNAL_ACCOUNT,
                        aws.account(),
                        e.getValue(),
                        "Account " + aws.account() + " can assume the role (" + aws.describe()
                                + ") without sts:ExternalId and without an organization condition.",
                        admitted.keySet().stream()
                                .filter(p -> p.who() instanceof Assumer.AwsPrincipal x
                                        && x.account().equals(aws.account())
                                        && x.outsideOrganization()
                                        && x.externalId() == null)
                                .toList()));
            }
        }
    }

    private static Probe firstJob(List<Probe> jobs, Predicate<Assumer.CiJob> test) {
        return jobs.stream()
                .filter(p -> test.test((Assumer.CiJob) p.who()))
                .findFirst()
                .orElse(null);
    }

    private static List<Probe> examples(List<Probe> jobs, Predicate<Assumer.CiJob> test) {
        return jobs.stream().filter(p -> test.test((Assumer.CiJob) p.who())).toList();
    }
}
