package io.iamdrift.audit;

import io.iamdrift.catalog.AccessLevel;
import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.Readings;
import io.iamdrift.escalation.Target;
import io.iamdrift.escalation.Targets;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The account as a graph for reachability: every role's effective access and trust policy, read once per run
 * and shared by every principal's escalation questions. Trust conditions are read optimistically (a trust that
 * admits the caller under some condition still admits it).
 */
final class AccountGraph {

    private final RunContext run;
    private final Map<String, EffectiveAccess> roleAccess = new ConcurrentHashMap<>();
    private final Map<String, CompiledPolicy> trusts = new ConcurrentHashMap<>();
    private final Map<String, List<RoleDetail>> byService = new ConcurrentHashMap<>();
    private static final CompiledPolicy NO_TRUST =
            CompiledPolicy.compile(new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of()), "none");

    AccountGraph(RunContext run) {
        this.run = run;
    }

    private volatile Map<String, Object> byArn;

    /** The role, user or group of the snapshot with this ARN, or {@code null}. */
    Object entity(String arn) {
        Map<String, Object> m = byArn;
        if (m == null) {
            m = new HashMap<>();
            for (RoleDetail r : run.snapshot.roles()) {
                m.put(r.arn(), r);
            }
            for (UserDetail u : run.snapshot.users()) {
                m.put(u.arn(), u);
            }
            for (GroupDetail g : run.snapshot.groups()) {
                m.put(g.arn(), g);
            }
            byArn = m;
        }
        return m.get(arn);
    }

    private static final int ACTIONS_COMPARED = 5_000;
    private final Map<String, Capability> capabilities = new ConcurrentHashMap<>();
    private volatile Set<String> tableActions;

    /**
     * What a target's access bears of privilege, the principal-independent half of "is it more privileged":
     * whether it is admin-equivalent, and the privilege-bearing actions it can call somewhere, in the order its
     * grants name them (at most {@value #ACTIONS_COMPARED} actions asked).
     */
    record Capability(boolean admin, List<String> privilegedActions) {}

    /** The capability of a role or user target, judged once per run however many principals reach it. */
    Capability capability(String arn, Supplier<EffectiveAccess> access) {
        return capabilities.computeIfAbsent(arn, k -> capabilityOf(access.get()));
    }

    Capability capabilityOf(EffectiveAccess target) {
        if (target.adminEquivalent(run.catalog)) {
            return new Capability(true, List.of());
        }
        List<String> out = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        int compared = 0;
        for (RunContext.AllowGrant g : target.grants()) {
            if (g.notAction()) {
                continue;
            }
            for (ActionPattern p : g.patterns()) {
                for (String action : run.catalog.expand(p.pattern())) {
                    if (!privileged(action) || !asked.add(action) || compared++ > ACTIONS_COMPARED) {
                        continue;
                    }
                    Decision d = target.somewhere(action);
                    if (d != null && d.allowed()) {
                        out.add(action);
                    }
                }
            }
        }
        return new Capability(false, List.copyOf(out));
    }

    /**
     * Whether the action bears privilege: permissions management, or a step of the run's escalation table that
     * changes something (the table's Read and List steps, such as s3:GetObject or ecs:DescribeTasks, only help a
     * path along: a target that can read what the principal cannot is lateral access, not more privilege).
     */
    private boolean privileged(String action) {
        Set<String> table = tableActions;
        if (table == null) {
            table = run.escalationPaths.stream()
                    .flatMap(p -> p.steps().stream())
                    .map(EscalationPath.Step::action)
                    .filter(a -> run.catalog
                            .find(a)
                            .map(i -> i.accessLevel() != AccessLevel.READ && i.accessLevel() != AccessLevel.LIST)
                            .orElse(true))
                    .map(a -> a.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            tableActions = table;
        }
        return table.contains(action.toLowerCase(Locale.ROOT))
                || run.catalog
                        .find(action)
                        .map(i -> i.accessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT)
                        .orElse(false);
    }

    private final Map<String, Listed> listed = new ConcurrentHashMap<>();

    /**
     * Candidates of a kind the whole account offers, labelled once per run: every user, every group, every role,
     * the customer-managed policies attached somewhere, or the roles trusting a service.
     */
    record Listed(List<Targets.Candidate> all, Map<String, Integer> index) {

        /** The candidates without the one with this ARN (a view: no copy per principal). */
        List<Targets.Candidate> without(String arn) {
            Integer skip = index.get(arn);
            if (skip == null) {
                return all;
            }
            int at = skip;
            return new AbstractList<>() {
                @Override
                public Targets.Candidate get(int i) {
                    return all.get(i < at ? i : i + 1);
                }

                @Override
                public int size() {
                    return all.size() - 1;
                }
            };
        }
    }

    Listed listed(Target kind, String service) {
        return listed.computeIfAbsent(kind + " " + service, k -> {
            List<Targets.Candidate> out = new ArrayList<>();
            switch (kind) {
                case OTHER_USER ->
                    run.snapshot.users().forEach(u -> out.add(Targets.Candidate.of(u.arn(), "user " + u.name())));
                case OTHER_GROUP ->
                    run.snapshot.groups().forEach(g -> out.add(Targets.Candidate.of(g.arn(), "group " + g.name())));
                case ROLE ->
                    run.snapshot.roles().forEach(r -> out.add(Targets.Candidate.of(r.arn(), "role " + r.name())));
                case CUSTOMER_POLICY ->
                    run.snapshot.policies().stream()
                            .filter(p -> !p.awsManaged() && p.attachmentCount() > 0)
                            .forEach(p -> out.add(Targets.Candidate.of(p.arn(), "policy " + p.name())));
                case PASSABLE_ROLE, SERVICE_ROLE ->
                    rolesTrusting(service)
                            .forEach(r -> out.add(
                                    Targets.Candidate.of(r.arn(), "role " + r.name() + " (trusts " + service + ")")));
                default -> throw new IllegalArgumentException("not an account-wide kind: " + kind);
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < out.size(); i++) {
                index.putIfAbsent(out.get(i).arn(), i);
            }
            return new Listed(List.copyOf(out), index);
        });
    }

    /** The role's effective access (its identity policies and boundary). */
    EffectiveAccess access(RoleDetail role) {
        return roleAccess.computeIfAbsent(
                role.arn(), k -> new PrincipalAudit(run, LivePrincipal.of(role), null).liveAccess());
    }

    /** Whether the role's trust policy lets the caller (a user ARN or an assumed-role session ARN) assume it. */
    boolean trustAdmits(RoleDetail role, String callerArn) {
        CompiledPolicy trust = trust(role);
        if (trust == NO_TRUST) {
            return false;
        }
        return Evaluator.evaluate(
                        new PolicySet(List.of(), List.of(), trust),
                        new Request("sts:AssumeRole", role.arn(), callerArn, RequestContext.empty()),
                        true)
                .allowed();
    }

    private volatile Map<String, List<RoleDetail>> byTrustedArn;
    private volatile List<RoleDetail> broadTrust;

    /**
     * The roles whose trust policy may admit the caller: those naming its ARN (a user's, or a role's for its
     * sessions) and those naming an account, a wildcard or a pattern; callers confirm with {@link #trustAdmits}.
     * Indexed once per run, so reachability does not evaluate every trust policy for every principal.
     */
    List<RoleDetail> mayTrust(String arn) {
        if (byTrustedArn == null) {
            index();
        }
        List<RoleDetail> named = byTrustedArn.getOrDefault(arn, List.of());
        if (broadTrust.isEmpty()) {
            return named;
        }
        List<RoleDetail> out = new ArrayList<>(named);
        out.addAll(broadTrust);
        return out;
    }

    private synchronized void index() {
        if (byTrustedArn != null) {
            return;
        }
        Map<String, List<RoleDetail>> named = new HashMap<>();
        List<RoleDetail> broad = new ArrayList<>();
        for (RoleDetail r : run.snapshot.roles()) {
            CompiledPolicy trust = trust(r);
            boolean isBroad = false;
            for (Statement s :
                    trust == NO_TRUST ? List.<Statement>of() : trust.document().statements()) {
                if (s.effect() != Effect.ALLOW || s.principals() == null) {
                    continue;
                }
                if (s.principals().negated() || !(s.principals().principal() instanceof Principal.Named n)) {
                    isBroad = true;
                    continue;
                }
                for (String p : n.byType().getOrDefault(PrincipalType.AWS, List.of())) {
                    if (p.startsWith("arn:") && !p.endsWith(":root") && p.indexOf('*') < 0 && p.indexOf('?') < 0) {
                        named.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
                    } else {
                        isBroad = true;
                    }
                }
            }
            if (isBroad) {
                broad.add(r);
            }
        }
        broadTrust = List.copyOf(broad);
        byTrustedArn = named;
    }

    /** The roles whose trust policy admits the service principal (e.g. {@code lambda.amazonaws.com}). */
    List<RoleDetail> rolesTrusting(String service) {
        return byService.computeIfAbsent(service, s -> {
            List<RoleDetail> out = new ArrayList<>();
            for (RoleDetail r : run.snapshot.roles()) {
                if (trustsService(r, s)) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        });
    }

    private boolean trustsService(RoleDetail role, String service) {
        CompiledPolicy trust = trust(role);
        if (trust == NO_TRUST) {
            return false;
        }
        for (Statement s : trust.document().statements()) {
            if (s.effect() == Effect.ALLOW
                    && s.principals() != null
                    && !s.principals().negated()
                    && s.principals().principal() instanceof Principal.Named n
                    && n.byType().getOrDefault(PrincipalType.SERVICE, List.of()).contains(service)) {
                return true;
            }
        }
        return false;
    }

    private CompiledPolicy trust(RoleDetail role) {
        return trusts.computeIfAbsent(role.arn(), k -> {
            if (role.trustPolicy() == null) {
                return NO_TRUST;
            }
            PolicyLibrary.Parsed p = run.library.parse(role.trustPolicy(), "trust of " + role.name(), PolicyKind.TRUST);
            return p.ok()
                    ? CompiledPolicy.compile(Readings.optimistic(p.document(), Set.of()), "trust:" + role.name())
                    : NO_TRUST;
        });
    }

    /** The session ARN a role acts as after being assumed, as trust policies see it. */
    static String sessionArn(RoleDetail role) {
        String[] p = role.arn().split(":", 6);
        return "arn:" + p[1] + ":sts::" + p[4] + ":assumed-role/" + role.name() + "/escalation";
    }
}
