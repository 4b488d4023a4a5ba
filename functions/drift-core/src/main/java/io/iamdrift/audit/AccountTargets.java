package io.iamdrift.audit;

import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.Target;
import io.iamdrift.escalation.Targets;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The escalation targets one principal may reach in the account, from what the snapshot shows: its own user,
 * role, groups and policies, the other users, groups and roles, the roles its trust relationships reach
 * (role chains up to {@value #MAX_CHAIN} hops), and the roles a service may assume. "More privileged" is
 * decided by the evaluator: the target is admin-equivalent and the principal is not, or it can call a
 * privilege-bearing action the principal cannot call anywhere: one of the catalog's "Permissions management"
 * level, or a step of the escalation table. Data-plane access a target has and the principal lacks (a function
 * role reading its table) is lateral movement, not escalation, and is not reported.
 */
final class AccountTargets implements Targets {

    static final int MAX_CHAIN = 3;
    private static final int ACTIONS_COMPARED = 5_000;

    private final PrincipalAudit a;
    private final EffectiveAccess principal;
    private final AccountGraph graph;
    private final Map<String, String> why = new HashMap<>();
    private List<Candidate> assumable;

    AccountTargets(PrincipalAudit a, EffectiveAccess principal) {
        this.a = a;
        this.principal = principal;
        this.graph = a.run.graph();
    }

    @Override
    public List<Candidate> candidates(Target target, EscalationPath.Step step) {
        String self = a.live.ref().arn();
        List<Candidate> out = new ArrayList<>();
        switch (target) {
            case SELF_USER -> {
                if (a.live.isUser()) {
                    out.add(Candidate.of(self, "itself"));
                }
            }
            case SELF_ROLE -> {
                if (!a.live.isUser()) {
                    out.add(Candidate.of(self, "itself"));
                }
            }
            case OWN_GROUP -> a.live.groups().stream().map(a.run::group).filter(g -> g != null)
                    .forEach(g -> out.add(Candidate.of(g.arn(), "its group " + g.name())));
            case OWN_POLICY -> ownPolicies().forEach(p -> out.add(Candidate.of(p, "policy " + PolicyRules.name(p) + " attached to it")));
            case CUSTOMER_POLICY -> {
                return everyone("policies", () -> a.run.snapshot.policies().stream()
                        .filter(p -> !p.awsManaged() && p.attachmentCount() > 0)
                        .map(p -> Candidate.of(p.arn(), "policy " + p.name()))).without(null);
            }
            case OTHER_USER -> {
                return everyone("users", () -> a.run.snapshot.users().stream()
                        .map(u -> Candidate.of(u.arn(), "user " + u.name()))).without(self);
            }
            case OTHER_GROUP -> {
                if (a.live.isUser()) {
                    a.run.snapshot.groups().stream().filter(g -> !a.live.groups().contains(g.name()))
                            .forEach(g -> out.add(Candidate.of(g.arn(), "group " + g.name())));
                }
            }
            case ROLE -> {
                return everyone("roles", () -> a.run.snapshot.roles().stream()
                        .map(r -> Candidate.of(r.arn(), "role " + r.name()))).without(self);
            }
            case ASSUMABLE_ROLE -> out.addAll(assumable());
            case PASSABLE_ROLE, SERVICE_ROLE -> {
                return everyone("trusting " + step.service(), () -> graph.rolesTrusting(step.service()).stream()
                        .map(r -> Candidate.of(r.arn(), "role " + r.name() + " (trusts " + step.service() + ")")))
                        .without(self);
            }
            case ANY -> out.add(Candidate.of("*", "any resource"));
        }
        return out;
    }

    /** The account's candidates of one kind, built once per run and shared by every principal's judgement. */
    private Everyone everyone(String kind, Supplier<Stream<Candidate>> build) {
        return a.run.everyone.computeIfAbsent(kind, k -> new Everyone(build.get().toList()));
    }

    /** Every candidate of one kind in the account, in snapshot order, with the position of each ARN. */
    static final class Everyone {
        private final List<Candidate> all;
        private final Map<String, Integer> positions = new HashMap<>();

        Everyone(List<Candidate> all) {
            this.all = all;
            for (int i = 0; i < all.size(); i++) {
                positions.putIfAbsent(all.get(i).arn(), i);
            }
        }

        /** The candidates but the one with this ARN (the principal itself), as a view; all of them for {@code null}. */
        List<Candidate> without(String arn) {
            Integer at = arn == null ? null : positions.get(arn);
            if (at == null) {
                return all;
            }
            int skip = at;
            return new AbstractList<>() {
                @Override
                public Candidate get(int i) {
                    return all.get(i < skip ? i : i + 1);
                }

                @Override
                public int size() {
                    return all.size() - 1;
                }
            };
        }
    }

    /** Customer-managed policies attached to the principal, directly or through its groups. */
    private List<String> ownPolicies() {
        Set<String> out = new java.util.LinkedHashSet<>();
        a.live.attached().forEach(p -> out.add(p.arn()));
        for (String g : a.live.groups()) {
            GroupDetail group = a.run.group(g);
            if (group != null) {
                group.attachedPolicies().forEach(p -> out.add(p.arn()));
            }
        }
        out.removeIf(ManagedPolicyDetail::isAwsManagedArn);
        return List.copyOf(out);
    }

    /**
     * The roles the principal can reach by assuming roles: first those whose trust admits it, then, up to
     * {@value #MAX_CHAIN} hops, those each reached role's trust admits and its access lets it assume. A chained
     * candidate carries the roles before it in {@code via} (the first is the one the principal assumes).
     */
    private List<Candidate> assumable() {
        if (assumable != null) {
            return assumable;
        }
        Map<String, Candidate> out = new LinkedHashMap<>();
        Deque<Candidate> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        seen.add(a.live.ref().arn());
        for (RoleDetail r : graph.mayTrust(a.live.ref().arn())) {
            if (!seen.contains(r.arn()) && graph.trustAdmits(r, a.live.ref().arn())) {
                Candidate c = new Candidate(r.arn(), "role " + r.name(), List.of());
                seen.add(r.arn());
                out.put(r.arn(), c);
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            Candidate from = queue.poll();
            if (from.via().size() + 1 >= MAX_CHAIN) {
                continue;
            }
            RoleDetail fromRole = role(from.arn());
            EffectiveAccess access = graph.access(fromRole);
            for (RoleDetail r : graph.mayTrust(fromRole.arn())) {
                if (seen.contains(r.arn()) || !graph.trustAdmits(r, AccountGraph.sessionArn(fromRole))) {
                    continue;
                }
                Decision d = access.on("sts:AssumeRole", r.arn(), Map.of());
                if (d == null || !d.allowed()) {
                    continue;
                }
                List<String> via = new ArrayList<>(from.via());
                via.add(from.arn());
                Candidate c = new Candidate(r.arn(), "role " + r.name() + " through " + String.join(" -> ", via.stream().map(PolicyRules::name).toList()), via);
                seen.add(r.arn());
                out.put(r.arn(), c);
                queue.add(c);
            }
        }
        assumable = List.copyOf(out.values());
        return assumable;
    }

    private RoleDetail role(String arn) {
        return (RoleDetail) graph.entity(arn);
    }

    @Override
    public boolean morePrivileged(Candidate c) {
        return whyMorePrivileged(c) != null;
    }

    @Override
    public String whyMorePrivileged(Candidate c) {
        if (why.containsKey(c.arn())) {
            return why.get(c.arn()); // null: judged not more privileged
        }
        EffectiveAccess target = targetAccess(c.arn());
        String reason = target == null ? null : compare(target);
        why.put(c.arn(), reason);
        return reason;
    }

    /** The access a principal gains through the target, or {@code null} when the target gives none. */
    private EffectiveAccess targetAccess(String arn) {
        Object entity = graph.entity(arn);
        if (entity instanceof RoleDetail r) {
            return graph.access(r);
        }
        if (entity instanceof UserDetail u) {
            return new PrincipalAudit(a.run, LivePrincipal.of(u), null).liveAccess();
        }
        if (entity instanceof GroupDetail g) {
            Map<String, PolicyDocument> docs = new LinkedHashMap<>(a.liveIdentity());
            a.addGroup(docs, g.name());
            return a.accessWith(docs);
        }
        return null;
    }

    private static final Set<String> TABLE_ACTIONS = io.iamdrift.escalation.EscalationPaths.defaults().stream()
            .flatMap(p -> p.steps().stream()).map(st -> st.action().toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether the action bears privilege: permissions management, or a step of an escalation path. */
    private boolean privileged(String action) {
        return TABLE_ACTIONS.contains(action.toLowerCase(java.util.Locale.ROOT))
                || a.run.catalog.find(action).map(i -> i.accessLevel() == io.iamdrift.catalog.AccessLevel.PERMISSIONS_MANAGEMENT)
                        .orElse(false);
    }

    /** Why the target can do more than the principal, or {@code null} when it cannot. */
    private String compare(EffectiveAccess target) {
        boolean targetAdmin = target.adminEquivalent(a.run.catalog);
        if (targetAdmin) {
            return principal.adminEquivalent(a.run.catalog) ? null : "it is admin-equivalent";
        }
        int compared = 0;
        Set<String> asked = new HashSet<>();
        for (RunContext.AllowGrant g : target.grants()) {
            if (g.notAction()) {
                continue;
            }
            for (ActionPattern p : g.patterns()) {
                for (String action : a.run.catalog.expand(p.pattern())) {
                    if (!privileged(action) || !asked.add(action) || compared++ > ACTIONS_COMPARED) {
                        continue;
                    }
                    Decision t = target.somewhere(action);
                    if (t != null && t.allowed()) {
                        Decision mine = principal.somewhere(action);
                        if (mine == null || !mine.allowed()) {
                            return "it can call " + action + ", which the principal cannot";
                        }
                    }
                }
            }
        }
        return null;
    }
}
