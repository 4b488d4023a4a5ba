package io.iamdrift.trust;

import io.iamdrift.baseline.AssumableBy;
import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes down who a trust policy admits today as a baseline's {@code assumableBy}, so that auditing the
 * captured baseline finds nobody unlisted: owners' wildcards as {@code owner/*}, a stranger's as {@code *},
 * environments and branches as listed (or {@code *}), and no job lists when tags, pull requests or other
 * kinds of job are admitted too.
 */
public final class AssumableByCapture {

    private static final String WORKSPACE_PROVIDER = "hcp-terraform";

    private AssumableByCapture() {}

    /** Who the trust policy of a role admits today, as assumableBy, or {@code null} when nobody modelled is admitted. */
    public static AssumableBy of(PolicyDocument trust, String roleArn) {
        TrustProbes probes = new TrustProbes(CiProviders.defaults());
        return of(TrustAnalysis.admitted(trust, probes.universe(roleArn, List.of(trust))));
    }

    /** The assumableBy for the admitted probes, or {@code null} when nobody modelled is admitted. */
    public static AssumableBy of(Set<Probe> admitted) {
        Set<String> repositories = new LinkedHashSet<>();
        Set<String> workspaces = new LinkedHashSet<>();
        Set<String> environments = new LinkedHashSet<>();
        Set<String> branches = new LinkedHashSet<>();
        Set<String> principals = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        boolean otherKinds = false;
        for (Probe p : admitted) {
            switch (p.who()) {
                case Assumer.CiJob j
                when !j.strangerAudience() -> {
                    String project = j.strangerOwner() ? "*" : j.owner() + "/" + (j.otherProject() ? "*" : j.project());
                    (j.provider().id().equals(WORKSPACE_PROVIDER) ? workspaces : repositories).add(project);
                    String value = j.otherContext() ? "*" : j.contextValue();
                    switch (j.contextKind()) {
                        case "environment" -> environments.add(value);
                        case "branch" -> branches.add(value);
                        default -> otherKinds = true;
                    }
                }
                case Assumer.CiJob j -> {}
                case Assumer.AwsPrincipal aws -> {
                    if (aws.stranger()) {
                        principals.add("*");
                    } else if (aws.arn().endsWith(":role/" + Assumer.PROBE + "principal")) {
                        accounts.add(aws.account());
                    } else {
                        principals.add(aws.arn());
                    }
                }
                case Assumer.Service s -> {}
            }
        }
        if (repositories.isEmpty() && workspaces.isEmpty() && principals.isEmpty() && accounts.isEmpty()) {
            return null;
        }
        if (otherKinds) {
            environments.clear();
            branches.clear();
        }
        return new AssumableBy(
                collapse(repositories),
                collapse(branches),
                collapse(environments),
                collapse(workspaces),
                collapse(principals),
                List.copyOf(accounts));
    }

    /** {@code *} alone when present; else the values. */
    private static List<String> collapse(Set<String> values) {
        return values.contains("*") ? List.of("*") : new ArrayList<>(values);
    }
}
