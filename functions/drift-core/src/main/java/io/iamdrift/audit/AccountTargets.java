package io.iamdrift.audit;

import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.ResourceScope;
import io.iamdrift.escalation.Target;
import io.iamdrift.escalation.Targets;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final PrincipalAudit a;
    private final EffectiveAccess principal;
    private final AccountGraph graph;
    private final Map<String, String> why = new HashMap<>();
    /** Whether the principal can call the action somewhere, asked once per action. */
    private final Map<String, Boolean> mine = new HashMap<>();

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
            case OWN_GROUP ->
                a.live.groups().stream()
                        .map(a.run::group)
                        .filter(g -> g != null)
                        .forEach(g -> out.add(Candidate.of(g.arn(), "its group " + g.name())));
            case OWN_POLICY ->
                ownPolicies()
                        .forEach(p -> out.add(Candidate.of(p, "policy " + PolicyRules.name(p) + " attached to it")));
            case CUSTOMER_POLICY -> {
                return graph.listed(target, null).all();
            }
            case OTHER_USER, ROLE -> {
                return graph.listed(target, null).without(self);
            }
            case OTHER_GROUP -> {
                if (a.live.isUser()) {
                    graph.listed(target, null).all().stream()
                            .filter(g -> !a.live.groups().contains(PolicyRules.name(g.arn())))
                            .forEach(out::add);
                }
            }
            case ASSUMABLE_ROLE -> out.addAll(assumable());
            case PASSABLE_ROLE, SERVICE_ROLE -> {
                return graph.listed(target, step.service()).without(self);
            }
            case ANY -> out.add(Candidate.of("*", "any resource"));
        }
        return out;
    }

    /** Account-wide kinds whose candidates named by exact ARN are looked up rather than scanned. */
    private static final Set<Target> LISTED =
            EnumSet.of(Target.OTHER_USER, Target.ROLE, Target.CUSTOMER_POLICY, Target.PASSABLE_ROLE);

    @Override
    public List<Candidate> candidates(Target target, EscalationPath.Step step, ResourceScope scope) {
        if (!scope.onlyExact() || !LISTED.contains(target)) {
            return Targets.super.candidates(target, step, scope);
        }
        AccountGraph.Listed listed = graph.listed(target, target == Target.PASSABLE_ROLE ? step.service() : null);
        List<Candidate> out = new ArrayList<>();
        for (String arn : scope.exact()) {
            Integer i = listed.index().get(arn);
            if (i != null && !arn.equals(a.live.ref().arn())) {
                out.add(listed.all().get(i));
            }
        }
        return out;
    }

    /** Customer-managed policies attached to the principal, directly or through its groups. */
    private List<String> ownPolicies() {
        Set<String> out = new LinkedHashSet<>();
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
                Candidate c = new Candidate(
                        r.arn(),
                        "role " + r.name() + " through "
                                + String.join(
                                        " -> ",
                                        via.stream().map(PolicyRules::name).toList()),
                        via);
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
        AccountGraph.Capability target = capability(c.arn());
        String reason = target == null ? null : compare(target);
        why.put(c.arn(), reason);
        return reason;
    }

    /**
     * What the principal gains through the target, or {@code null} when the target gives nothing: a role's or a
     * user's own access, judged once per run; for a group, the principal's access with the group's policies added.
     */
    private AccountGraph.Capability capability(String arn) {
        Object entity = graph.entity(arn);
        if (entity instanceof RoleDetail r) {
            return graph.capability(arn, () -> graph.access(r));
        }
        if (entity instanceof UserDetail u) {
            return graph.capability(arn, () -> new PrincipalAudit(a.run, LivePrincipal.of(u), null).liveAccess());
        }
        if (entity instanceof GroupDetail g) {
            Map<String, PolicyDocument> docs = new LinkedHashMap<>(a.liveIdentity());
            a.addGroup(docs, g.name());
            return graph.capabilityOf(a.accessWith(docs));
        }
        return null;
    }

    /** Why the target can do more than the principal, or {@code null} when it cannot. */
    private String compare(AccountGraph.Capability target) {
        if (target.admin()) {
            return principal.adminEquivalent(a.run.catalog) ? null : "it is admin-equivalent";
        }
        for (String action : target.privilegedActions()) {
            if (!mine.computeIfAbsent(action, x -> {
                Decision d = principal.somewhere(x);
                return d != null && d.allowed();
            })) {
                return "it can call " + action + ", which the principal cannot";
            }
        }
        return null;
    }
}
