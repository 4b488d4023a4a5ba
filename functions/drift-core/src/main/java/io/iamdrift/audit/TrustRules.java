package io.iamdrift.audit;

import io.iamdrift.baseline.AssumableBy;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.trust.Assumer;
import io.iamdrift.trust.Probe;
import io.iamdrift.trust.TrustAnalysis;
import io.iamdrift.trust.TrustIssue;
import io.iamdrift.trust.TrustJudgement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may assume a role: the trust types (OIDC_SUBJECT_UNRESTRICTED, OIDC_SUBJECT_WILDCARD,
 * OIDC_AUDIENCE_MISSING, TRUST_ANY_PRINCIPAL, TRUST_EXTERNAL_ACCOUNT) on today's trust policy, and
 * TRUST_POLICY_DRIFT against the baseline's trust policy and its {@code assumableBy}, all decided by the
 * evaluator on modelled AssumeRole* requests. A trust type that the baseline already accepts (its trust policy
 * has it, or {@code assumableBy} lists everyone it admits) is capped at MEDIUM and marked {@code inBaseline}.
 */
final class TrustRules {

    static final TrustJudgement JUDGEMENT = TrustJudgement.withDefaults();

    private TrustRules() {}

    static void check(PrincipalAudit a) {
        if (a.live.isUser()
                || a.live.trustPolicy() == null && (a.baseline == null || a.baseline.trustPolicy() == null)) {
            return;
        }
        PolicyLibrary.Parsed found =
                a.run.library.parse(a.live.trustPolicy(), "trust policy of " + a.live.name(), PolicyKind.TRUST);
        if (!found.ok()) {
            a.incomplete.add("trust policy could not be read: " + found.error().getMessage());
            return;
        }
        PolicyDocument expected = null;
        if (a.baseline != null && a.baseline.trustPolicy() != null) {
            PolicyLibrary.Parsed e = a.run.library.parse(
                    a.baseline.trustPolicy(), "baseline trust policy of " + a.live.name(), PolicyKind.TRUST);
            if (!e.ok()) {
                a.incomplete.add(
                        "baseline trust policy could not be read: " + e.error().getMessage());
                return;
            }
            expected = e.document();
        }
        AssumableBy intended = a.baseline == null ? null : a.baseline.assumableBy();
        issues(a, found.document(), expected, intended);
        List<PolicyDocument> docs = expected == null ? List.of(found.document()) : List.of(expected, found.document());
        List<Probe> probes = JUDGEMENT.probes().universe(a.live.ref().arn(), docs);
        Set<Probe> now = TrustAnalysis.admitted(found.document(), probes);
        Set<Probe> before = expected == null ? Set.of() : TrustAnalysis.admitted(expected, probes);
        Set<Probe> gained = new LinkedHashSet<>(now);
        gained.removeAll(before);
        if (expected != null && !expected.equals(found.document())) {
            drift(a, expected, found.document(), before, now, gained, intended);
        }
        if (intended != null) {
            Set<Probe> unlisted = new LinkedHashSet<>(now);
            boolean drifted = expected != null;
            unlisted.removeIf(p -> intended(p, intended) || drifted && gained.contains(p));
            if (!unlisted.isEmpty()) {
                unlisted(a, unlisted, intended);
            }
        }
    }

    /** True when the baseline's assumableBy lists the assumer (a token for another audience is another type's matter). */
    static boolean intended(Probe p, AssumableBy ab) {
        return switch (p.who()) {
            case Assumer.CiJob j ->
                j.strangerAudience() || ab.admitsJob(j.owner() + "/" + j.project(), j.contextKind(), j.contextValue());
            case Assumer.AwsPrincipal aws -> ab.admitsPrincipal(aws.arn(), aws.account());
            case Assumer.Service s -> true;
        };
    }

    private static void issues(PrincipalAudit a, PolicyDocument found, PolicyDocument expected, AssumableBy intended) {
        String arn = a.live.ref().arn();
        Set<String> inBaseline = new LinkedHashSet<>();
        if (expected != null) {
            JUDGEMENT.judge(expected, arn, a.run.accountId).forEach(i -> inBaseline.add(i.type() + "|" + i.scope()));
        }
        for (TrustIssue i : JUDGEMENT.judge(found, arn, a.run.accountId)) {
            boolean listed = intended != null
                    && i.type() != FindingType.OIDC_AUDIENCE_MISSING
                    && i.admitted().stream().allMatch(p -> intended(p, intended));
            boolean reviewed = listed || inBaseline.contains(i.type() + "|" + i.scope());
            a.add(a.finding(i.type())
                    .severity(
                            reviewed
                                    ? i.type().defaultSeverity().capAt(Severity.MEDIUM)
                                    : i.type().defaultSeverity())
                    .identity(i.scope())
                    .title(title(i, a.live.name()))
                    .detail(i.message()
                            + (listed
                                    ? " The baseline's assumableBy lists them."
                                    : reviewed ? " The baseline's trust policy already admits this." : ""))
                    .evidence("scope", i.scope())
                    .evidence("statement", i.statement())
                    .evidence("admitted", i.examples())
                    .evidence("inBaseline", reviewed)
                    .fix(Remediation.of(i.type().remediation() + " " + Remediations.IF_INTENDED
                            + " Show the trust policy: aws iam get-role --role-name " + Remediations.sh(a.live.name())
                            + " --query Role.AssumeRolePolicyDocument"))
                    .build());
        }
    }

    private static String title(TrustIssue i, String role) {
        return switch (i.type()) {
            case OIDC_SUBJECT_UNRESTRICTED -> "Any CI job on " + i.scope() + " can assume role " + role;
            case OIDC_SUBJECT_WILDCARD ->
                "More repositories than named can assume role " + role + " through " + i.scope();
            case OIDC_AUDIENCE_MISSING ->
                "Trust of role " + role + " does not check the audience of " + i.scope() + " tokens";
            case TRUST_ANY_PRINCIPAL -> "Any AWS principal can assume role " + role;
            case TRUST_EXTERNAL_ACCOUNT ->
                "Account " + i.scope() + " can assume role " + role + " without an external id";
            default -> i.type() + " on role " + role;
        };
    }

    private static void drift(
            PrincipalAudit a,
            PolicyDocument expected,
            PolicyDocument found,
            Set<Probe> before,
            Set<Probe> now,
            Set<Probe> gained,
            AssumableBy intended) {
        Set<Probe> lost = new LinkedHashSet<>(before);
        lost.removeAll(now);
        Set<Probe> alarming = new LinkedHashSet<>(gained);
        if (intended != null) {
            alarming.removeIf(p -> intended(p, intended));
        }
        // Principals the probes do not model (SAML, other web identity providers) are judged by the document diff.
        TrustDiff.Result diff = JUDGEMENT.probes().models(List.of(expected, found))
                ? new TrustDiff.Result(List.of(), List.of(), false)
                : TrustDiff.compare(expected, found);
        List<String> newly = TrustAnalysis.describe(gained);
        List<String> gone = TrustAnalysis.describe(lost);
        List<String> beforeWho = TrustAnalysis.describe(before);
        boolean widened = !alarming.isEmpty() || !diff.newlyTrusted().isEmpty();
        Severity severity = widened
                ? Severity.CRITICAL
                : gained.isEmpty() && lost.isEmpty() && diff.noLongerTrusted().isEmpty()
                        ? Severity.INFO
                        : Severity.HIGH;
        List<String> newlyTrusted = new ArrayList<>(newly);
        newlyTrusted.addAll(diff.newlyTrusted());
        String who = String.join("; ", newlyTrusted);
        String was = beforeWho.isEmpty() ? "nobody" : String.join(", ", beforeWho);
        a.add(a.finding(FindingType.TRUST_POLICY_DRIFT)
                .severity(severity)
                .identity(found.toString())
                .title(
                        widened
                                ? "New principals can assume role " + a.live.name() + ": " + who
                                : "Trust policy of role " + a.live.name() + " changed"
                                        + (severity == Severity.INFO ? " cosmetically" : ""))
                .detail(
                        widened
                                ? who + " can now assume the role; before only " + was + "."
                                : !gained.isEmpty()
                                        ? who + " can now assume the role, all listed in the baseline's assumableBy."
                                        : "The trust policy differs from the baseline but nobody new can assume the role"
                                                + (gone.isEmpty()
                                                        ? "."
                                                        : "; no longer admitted: " + String.join(", ", gone) + "."))
                .evidence("newlyTrusted", newlyTrusted)
                .evidence("noLongerTrusted", gone.isEmpty() ? diff.noLongerTrusted() : gone)
                .evidence("trustedBefore", beforeWho)
                .fix(Remediation.of(
                        Remediations.IF_INTENDED,
                        Remediations.updateTrust(a.live, PolicyRules.compact(a.baseline.trustPolicy()))))
                .build());
    }

    private static void unlisted(PrincipalAudit a, Set<Probe> unlisted, AssumableBy intended) {
        List<String> who = TrustAnalysis.describe(unlisted);
        a.add(a.finding(FindingType.TRUST_POLICY_DRIFT)
                .severity(Severity.CRITICAL)
                .identity("assumableBy|" + String.join(";", who))
                .title("Role " + a.live.name() + " can be assumed by principals its baseline does not list: "
                        + String.join("; ", who))
                .detail(String.join("; ", who) + " can assume the role, which the baseline's assumableBy does not list "
                        + "(repositories " + intended.repositories() + intended.workspaces() + ", environments "
                        + intended.environments() + ", branches " + intended.branches() + ", AWS principals "
                        + intended.awsPrincipals() + ", accounts " + intended.accounts() + ").")
                .evidence("notListed", who)
                .evidence("assumableBy", intended.nonEmpty())
                .fix(Remediation.of(
                        "Restrict the trust policy to what assumableBy lists. " + Remediations.IF_INTENDED,
                        "aws iam get-role --role-name " + Remediations.sh(a.live.name())
                                + " --query Role.AssumeRolePolicyDocument"))
                .build());
    }
}
