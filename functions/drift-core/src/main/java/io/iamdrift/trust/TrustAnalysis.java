package io.iamdrift.trust;

import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a trust policy admits, decided by the evaluator: each probe's request is evaluated with the trust
 * policy as the resource policy and an identity side that allows everything, across accounts, so the
 * decision is the trust policy's own (its allows, its denies, its conditions on the request context).
 */
public final class TrustAnalysis {

    private static final CompiledPolicy ALLOW_ALL = CompiledPolicy.compile(
            PolicyParser.parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                    "caller",
                    PolicyKind.IDENTITY),
            "caller");

    private static final String TRUST_ID = "trust";

    private TrustAnalysis() {}

    /** True when the trust policy admits the request (its allows, denies and conditions; the caller's own policies aside). */
    public static boolean admits(PolicyDocument trust, Request request) {
        PolicySet set = new PolicySet(List.of(ALLOW_ALL), List.of(), CompiledPolicy.compile(trust, TRUST_ID));
        return Evaluator.evaluate(set, request, false).allowed();
    }

    /** True when the trust admits some job of a CI/CD OIDC provider (with any audience): the role is a deployer. */
    public static boolean admitsCiJobs(PolicyDocument trust, List<Probe> probes) {
        return admitted(trust, probes).stream().anyMatch(p -> p.who() instanceof Assumer.CiJob);
    }

    /** The probes the trust policy admits, in probe order. */
    public static Set<Probe> admitted(PolicyDocument trust, List<Probe> probes) {
        return admittedBy(trust, probes).keySet();
    }

    /** The probes the trust policy admits, each with the statement that admits it ({@code Sid} or {@code Statement[i]}). */
    public static Map<Probe, String> admittedBy(PolicyDocument trust, List<Probe> probes) {
        PolicySet set = new PolicySet(List.of(ALLOW_ALL), List.of(), CompiledPolicy.compile(trust, TRUST_ID));
        Map<Probe, String> out = new LinkedHashMap<>();
        for (Probe p : probes) {
            Decision d = Evaluator.evaluate(set, p.request(), false);
            if (d.allowed()) {
                String label = d.matchedStatements().stream()
                        .filter(m -> m.policyId().equals(TRUST_ID))
                        .findFirst()
                        .map(m -> m.sid() != null && !m.sid().isEmpty()
                                ? m.sid()
                                : "Statement[" + m.statementIndex() + "]")
                        .orElse("Statement[0]");
                out.put(p, label);
            }
        }
        return out;
    }

    /**
     * The admitted assumers in words, summarised: "any repository of any owner on GitHub Actions", "any
     * repository of acme", "repo:acme/shop with any branch", else the subjects themselves.
     */
    public static List<String> describe(Set<Probe> admitted) {
        Set<String> out = new TreeSet<>();
        Map<String, List<Assumer.CiJob>> byIssuer = new LinkedHashMap<>();
        for (Probe p : admitted) {
            switch (p.who()) {
                case Assumer.CiJob job
                when !job.strangerAudience() ->
                    byIssuer.computeIfAbsent(job.issuer(), k -> new ArrayList<>())
                            .add(job);
                case Assumer.CiJob job -> {}
                case Assumer.AwsPrincipal aws -> out.add(aws.describe());
                case Assumer.Service s -> out.add(s.describe());
            }
        }
        byIssuer.forEach((issuer, jobs) -> out.addAll(describeJobs(jobs)));
        return List.copyOf(out);
    }

    private static List<String> describeJobs(List<Assumer.CiJob> jobs) {
        List<String> out = new ArrayList<>();
        CiProvider p = jobs.get(0).provider();
        if (jobs.stream().anyMatch(Assumer.CiJob::strangerOwner)) {
            out.add("any " + p.projectTerm() + " of any " + p.ownerTerm() + " on " + p.name() + " ("
                    + jobs.get(0).issuer() + ")");
            return out;
        }
        Map<String, List<Assumer.CiJob>> byOwner = new LinkedHashMap<>();
        jobs.forEach(
                j -> byOwner.computeIfAbsent(j.owner(), k -> new ArrayList<>()).add(j));
        byOwner.forEach((owner, ownJobs) -> {
            if (ownJobs.stream().anyMatch(Assumer.CiJob::otherProject)) {
                out.add("any " + p.projectTerm() + " of " + owner + " on " + p.name());
                return;
            }
            Map<String, List<Assumer.CiJob>> byProject = new LinkedHashMap<>();
            ownJobs.forEach(j -> byProject
                    .computeIfAbsent(j.project(), k -> new ArrayList<>())
                    .add(j));
            byProject.forEach((project, projectJobs) -> {
                Set<String> anyKinds = new TreeSet<>();
                projectJobs.stream().filter(Assumer.CiJob::otherContext).forEach(j -> anyKinds.add(j.contextKind()));
                String name = CiProvider.fill(
                        p.subject(),
                        Map.of(
                                "owner",
                                owner,
                                "project",
                                project,
                                "group",
                                p.defaults().getOrDefault("group", "*")));
                if (anyKinds.size() == p.contexts().size()) {
                    out.add(name + " (any job)");
                    return;
                }
                for (String kind : anyKinds) {
                    out.add(name + " with any " + kind.replace('_', ' '));
                }
                projectJobs.stream()
                        .filter(j -> !anyKinds.contains(j.contextKind()))
                        .forEach(j -> out.add(j.subject()));
            });
        });
        return out;
    }
}
