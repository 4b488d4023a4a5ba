package io.iamdrift.audit;

import io.iamdrift.escalation.Readings;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.RoleDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final CompiledPolicy NO_TRUST = CompiledPolicy.compile(
            new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of()), "none");

    AccountGraph(RunContext run) {
        this.run = run;
    }

    private volatile Map<String, Object> byArn;

    /** The role, user or group of the snapshot with this ARN, or {@code null}. */
    Object entity(String arn) {
        Map<String, Object> m = byArn;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (RoleDetail r : run.snapshot.roles()) {
                m.put(r.arn(), r);
            }
            for (var u : run.snapshot.users()) {
                m.put(u.arn(), u);
            }
            for (var g : run.snapshot.groups()) {
                m.put(g.arn(), g);
            }
            byArn = m;
        }
        return m.get(arn);
    }

    /** The role's effective access (its identity policies and boundary). */
    EffectiveAccess access(RoleDetail role) {
        return roleAccess.computeIfAbsent(role.arn(), k -> new PrincipalAudit(run, LivePrincipal.of(role), null).liveAccess());
    }

    /** Whether the role's trust policy lets the caller (a user ARN or an assumed-role session ARN) assume it. */
    boolean trustAdmits(RoleDetail role, String callerArn) {
        CompiledPolicy trust = trust(role);
        if (trust == NO_TRUST) {
            return false;
        }
        return Evaluator.evaluate(new PolicySet(List.of(), List.of(), trust),
                new Request("sts:AssumeRole", role.arn(), callerArn, RequestContext.empty()), true).allowed();
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
        Map<String, List<RoleDetail>> named = new java.util.HashMap<>();
        List<RoleDetail> broad = new ArrayList<>();
        for (RoleDetail r : run.snapshot.roles()) {
            CompiledPolicy trust = trust(r);
            boolean isBroad = false;
            for (Statement s : trust == NO_TRUST ? List.<Statement>of() : trust.document().statements()) {
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
            if (s.effect() == Effect.ALLOW && s.principals() != null && !s.principals().negated()
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
            PolicyLibrary.Parsed p = run.library.parse(role.trustPolicy(), "trust of " + role.name(), io.iamdrift.policy.PolicyKind.TRUST);
            return p.ok() ? CompiledPolicy.compile(Readings.optimistic(p.document(), java.util.Set.of()), "trust:" + role.name())
                    : NO_TRUST;
        });
    }

    /** The session ARN a role acts as after being assumed, as trust policies see it. */
    static String sessionArn(RoleDetail role) {
        String[] p = role.arn().split(":", 6);
        return "arn:" + p[1] + ":sts::" + p[4] + ":assumed-role/" + role.name() + "/escalation";
    }
}
