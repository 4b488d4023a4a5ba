package io.iamdrift.trust;

import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.Arns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requests that tell who a trust policy admits. From the names the trust policies hold (owners, projects,
 * environments, branches, accounts, organization ids, external ids) it builds the intended assumers and
 * their neighbours: a stranger's repository, another repository of the owner, another branch or
 * environment, a pull request, a token for another audience, a principal of a stranger account or
 * organization. The evaluator then answers for each one.
 */
public final class TrustProbes {

    private static final String ANY_PRINCIPAL = "*";

    private final CiProviders providers;

    public TrustProbes(CiProviders providers) {
        this.providers = providers;
    }

    /** The probes for a role judged by one or more versions of its trust policy (e.g. the baseline's and today's). */
    public List<Probe> universe(String roleArn, List<PolicyDocument> trusts) {
        Map<String, String> federated = new LinkedHashMap<>();
        Set<String> awsPrincipals = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        for (PolicyDocument d : trusts) {
            for (Statement s : d.statements()) {
                if (s.principals() == null) {
                    continue;
                }
                if (s.principals().principal() instanceof Principal.Named named) {
                    for (String f : named.byType().getOrDefault(PrincipalType.FEDERATED, List.of())) {
                        String issuer = CiProviders.issuerOf(f);
                        if (issuer != null && providers.forIssuer(issuer).isPresent()) {
                            federated.putIfAbsent(issuer, f);
                        }
                    }
                    awsPrincipals.addAll(named.byType().getOrDefault(PrincipalType.AWS, List.of()));
                    services.addAll(named.byType().getOrDefault(PrincipalType.SERVICE, List.of()));
                }
            }
        }
        List<Probe> out = new ArrayList<>();
        federated.forEach((issuer, arn) ->
                ciJobs(out, roleArn, issuer, arn, providers.forIssuer(issuer).orElseThrow(), trusts));
        awsCallers(out, roleArn, awsPrincipals, trusts);
        for (String svc : services) {
            if (!svc.equals(ANY_PRINCIPAL)) {
                out.add(new Probe(
                        new Assumer.Service(svc), new Request("sts:AssumeRole", roleArn, svc, RequestContext.empty())));
            }
        }
        return out;
    }

    /**
     * True when the probes model every principal the policies name: AWS principals, services, and OIDC
     * providers of the CI table. A SAML or other web identity provider is not modelled.
     */
    public boolean models(List<PolicyDocument> trusts) {
        for (PolicyDocument d : trusts) {
            for (Statement s : d.statements()) {
                if (s.principals() != null && s.principals().principal() instanceof Principal.Named named) {
                    for (String f : named.byType().getOrDefault(PrincipalType.FEDERATED, List.of())) {
                        String issuer = CiProviders.issuerOf(f);
                        if (issuer == null || providers.forIssuer(issuer).isEmpty()) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    // ---- CI jobs -------------------------------------------------------------------------------------------

    private void ciJobs(
            List<Probe> out,
            String roleArn,
            String issuer,
            String providerArn,
            CiProvider p,
            List<PolicyDocument> trusts) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        String prefix = issuer.toLowerCase(Locale.ROOT) + ":";
        for (Condition c : conditions(trusts)) {
            String key = c.key().toLowerCase(Locale.ROOT);
            if (!key.startsWith(prefix)) {
                continue;
            }
            String claim = key.substring(prefix.length());
            for (String v : c.values()) {
                if (claim.equals("aud") && !v.contains("*") && !v.contains("?")) {
                    names.computeIfAbsent("audience", k -> new LinkedHashSet<>())
                            .add(v);
                }
                p.namesIn(claim, v)
                        .forEach((k, n) -> names.computeIfAbsent(k, x -> new LinkedHashSet<>())
                                .add(n));
            }
        }
        String tenant = p.ownerOfIssuer(issuer);
        Set<String> owners = new LinkedHashSet<>();
        if (tenant != null) {
            owners.add(tenant);
        } else {
            owners.addAll(names.getOrDefault("owner", Set.of()));
            if (owners.isEmpty()) {
                owners.add("probe-" + p.ownerTerm());
            }
        }
        String strangerOwner = Assumer.PROBE + "stranger-" + p.ownerTerm();
        if (p.shared() && tenant == null) {
            owners.add(strangerOwner);
        }
        Set<String> projects = new LinkedHashSet<>(names.getOrDefault("project", Set.of()));
        String otherProject = Assumer.PROBE + "other-" + p.projectTerm();
        projects.add(otherProject);
        Map<String, String> base = new LinkedHashMap<>(p.defaults());
        first(names, "group").ifPresent(g -> base.put("group", g));
        for (String owner : owners) {
            boolean stranger = owner.equals(strangerOwner);
            String audience = names.containsKey("audience")
                    ? names.get("audience").iterator().next()
                    : CiProvider.fill(p.audience(), Map.of("owner", owner));
            for (String project : projects) {
                boolean other = project.equals(otherProject);
                Map<String, String> values = new LinkedHashMap<>(base);
                values.put("owner", owner);
                values.put("project", project);
                values.put(
                        "ownerId", stranger ? "9001" : first(names, "ownerId").orElse("1001"));
                values.put(
                        "projectId",
                        stranger || other ? "9002" : first(names, "projectId").orElse("2001"));
                for (CiProvider.JobContext ctx : p.contexts().values()) {
                    Set<String> contextValues = new LinkedHashSet<>(names.getOrDefault(ctx.kind(), Set.of()));
                    contextValues.add(ctx.defaultValue());
                    String otherContext = Assumer.PROBE + "other-" + ctx.kind();
                    contextValues.add(otherContext);
                    for (String cv : contextValues) {
                        Map<String, String> v = new LinkedHashMap<>(values);
                        v.put(ctx.kind(), cv);
                        for (boolean strangerAudience : new boolean[] {false, true}) {
                            v.put(
                                    "audience",
                                    strangerAudience ? "https://" + Assumer.PROBE + "audience.invalid" : audience);
                            Map<String, List<String>> context = new LinkedHashMap<>();
                            p.claims()
                                    .forEach((claim, t) ->
                                            context.put(issuer + ":" + claim, List.of(CiProvider.fill(t, v))));
                            ctx.claims()
                                    .forEach((claim, t) ->
                                            context.put(issuer + ":" + claim, List.of(CiProvider.fill(t, v))));
                            context.put("aws:FederatedProvider", List.of(providerArn));
                            String subject = CiProvider.fill(ctx.claims().getOrDefault("sub", p.subject()), v);
                            Assumer.CiJob job = new Assumer.CiJob(
                                    issuer,
                                    p,
                                    owner,
                                    project,
                                    ctx.kind(),
                                    cv,
                                    subject,
                                    stranger,
                                    other && !stranger,
                                    cv.equals(otherContext),
                                    strangerAudience);
                            out.add(new Probe(
                                    job,
                                    new Request(
                                            "sts:AssumeRoleWithWebIdentity",
                                            roleArn,
                                            providerArn,
                                            RequestContext.of(context))));
                        }
                    }
                }
            }
        }
    }

    private static Optional<String> first(Map<String, Set<String>> names, String key) {
        return names.getOrDefault(key, Set.of()).stream().findFirst();
    }

    // ---- AWS principals ------------------------------------------------------------------------------------

    private static void awsCallers(List<Probe> out, String roleArn, Set<String> named, List<PolicyDocument> trusts) {
        Set<String> orgs = new LinkedHashSet<>();
        Set<String> externalIds = new LinkedHashSet<>();
        for (Condition c : conditions(trusts)) {
            String key = c.key().toLowerCase(Locale.ROOT);
            for (String v : c.values()) {
                if (v.contains("*") || v.contains("?")) {
                    continue;
                }
                if (key.equals("aws:principalorgid")) {
                    orgs.add(v);
                } else if (key.equals("sts:externalid")) {
                    externalIds.add(v);
                }
            }
        }
        Set<String> callers = new LinkedHashSet<>();
        for (String p : named) {
            if (p.equals(ANY_PRINCIPAL)) {
                continue;
            }
            String account = Arns.isAccountId(p) ? p : accountOf(p);
            if (account == null) {
                continue;
            }
            if (Arns.isAccountId(p) || p.endsWith(":root")) {
                callers.add(probeIn(account));
            } else {
                callers.add(p);
                callers.add(probeIn(account));
            }
        }
        callers.add(probeIn(Assumer.STRANGER_ACCOUNT));
        List<String> orgVariants = new ArrayList<>();
        orgVariants.add(Assumer.STRANGER_ORG);
        orgVariants.addAll(orgs);
        List<String> idVariants = new ArrayList<>();
        idVariants.add(null);
        idVariants.addAll(externalIds);
        for (String caller : callers) {
            String account = accountOf(caller);
            for (String org : orgVariants) {
                for (String ext : idVariants) {
                    Map<String, List<String>> ctx = new LinkedHashMap<>();
                    ctx.put("aws:PrincipalArn", List.of(caller));
                    ctx.put("aws:PrincipalAccount", List.of(account));
                    ctx.put("aws:PrincipalOrgID", List.of(org));
                    ctx.put("aws:PrincipalType", List.of("AssumedRole"));
                    if (ext != null) {
                        ctx.put("sts:ExternalId", List.of(ext));
                    }
                    out.add(new Probe(
                            new Assumer.AwsPrincipal(caller, account, org, ext),
                            new Request("sts:AssumeRole", roleArn, caller, RequestContext.of(ctx))));
                }
            }
        }
    }

    private static String probeIn(String account) {
        return "arn:aws:iam::" + account + ":role/" + Assumer.PROBE + "principal";
    }

    private static String accountOf(String arn) {
        String account = Arns.account(arn);
        return Arns.isAccountId(account) ? account : null;
    }

    private static List<Condition> conditions(List<PolicyDocument> trusts) {
        List<Condition> out = new ArrayList<>();
        trusts.forEach(d -> d.statements().forEach(s -> out.addAll(s.conditions())));
        return out;
    }
}
