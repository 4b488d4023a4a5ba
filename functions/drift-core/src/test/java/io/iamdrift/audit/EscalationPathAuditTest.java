package io.iamdrift.audit;

import static io.iamdrift.audit.AuditorTest.AUDITOR;
import static io.iamdrift.audit.AuditorTest.baselineWith;
import static io.iamdrift.audit.TestAccount.ACCOUNT;
import static io.iamdrift.audit.TestAccount.ADMIN;
import static io.iamdrift.audit.TestAccount.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.EscalationPaths;
import io.iamdrift.escalation.Target;
import io.iamdrift.finding.FindingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the escalation table judged by the audit on a principal's effective access in an account that holds
 * its targets: found when the principal holds exactly the row's steps on the right resources, and not found when
 * the steps are scoped to resources that are no target, denied, cut by a permissions boundary, or (for paths that
 * gain the target's permissions) when every target is no more privileged than the principal.
 */
class EscalationPathAuditTest {

    static final String ATTACKER = "attacker";
    static final String WEAK = policy(statement("Allow", "s3:GetObject", "arn:aws:s3:::data-bucket/*", null));

    static Stream<EscalationPath> paths() {
        return EscalationPaths.defaults().stream();
    }

    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String statement(String effect, String action, String resource, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    static String iam(String type, String name) {
        return "arn:aws:iam::" + ACCOUNT + ":" + type + "/" + name;
    }

    static String trustArn(String principalArn) {
        return policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principalArn
                + "\"},\"Action\":\"sts:AssumeRole\"}");
    }

    static String trustService(String service) {
        return policy(
                "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service + "\"},\"Action\":\"sts:AssumeRole\"}");
    }

    static boolean asRole(EscalationPath p) {
        return p.steps().stream().anyMatch(s -> s.on() == Target.SELF_ROLE);
    }

    /** The resource each step is granted on: a real target of its kind, or, when {@code offTarget}, a resource that is none. */
    static String resource(EscalationPath.Step s, boolean offTarget) {
        return switch (s.on()) {
            case SELF_USER -> iam("user", offTarget ? "someone-else" : ATTACKER);
            case SELF_ROLE -> iam("role", offTarget ? "someone-else" : ATTACKER);
            case OWN_GROUP -> iam("group", offTarget ? "target-group" : "attacker-group");
            case OWN_POLICY -> offTarget ? arn("unattached-policy") : arn("attacker-policy");
            case CUSTOMER_POLICY -> offTarget ? "arn:aws:iam::aws:policy/*" : arn("shared-policy");
            case OTHER_USER -> iam("user", offTarget ? ATTACKER : "target-user");
            case OTHER_GROUP -> iam("group", offTarget ? "attacker-group" : "target-group");
            case ROLE -> iam("role", offTarget ? "no-such-role" : "target-role");
            case ASSUMABLE_ROLE -> iam("role", offTarget ? "target-role" : "assumable-role");
            case PASSABLE_ROLE -> iam("role", offTarget ? "target-role" : "service-role-" + s.service());
            case SERVICE_ROLE, ANY -> "*";
        };
    }

    /** The attacker's grant: each step of the path, with the pass conditioned on the service the row names. */
    static String grant(EscalationPath p, boolean offTarget, String extra) {
        List<String> statements = new ArrayList<>();
        for (EscalationPath.Step s : p.steps()) {
            String condition = s.on() == Target.PASSABLE_ROLE
                    ? "{\"StringEquals\":{\"iam:PassedToService\":\"" + s.passedToService() + "\"}}"
                    : null;
            statements.add(statement("Allow", s.action(), resource(s, offTarget), condition));
        }
        if (extra != null) {
            statements.add(extra);
        }
        return policy(statements.toArray(String[]::new));
    }

    /**
     * An account with the attacker (a user, or a role for paths on its own role) and one target of every kind:
     * another user, a group it is in and one it is not, a customer policy attached to it and a shared one, a role, a
     * role trusting it and a role trusting each service the table names. Targets are admin-equivalent unless
     * {@code weakTargets}.
     */
    static TestAccount account(EscalationPath p, String attackerPolicy, String boundary, boolean weakTargets) {
        String target = weakTargets ? WEAK : ADMIN;
        String attackerArn = iam(asRole(p) ? "role" : "user", ATTACKER);
        TestAccount acct = new TestAccount()
                .policy("attacker-policy", WEAK)
                .policy("shared-policy", WEAK)
                .policy("unattached-policy", WEAK)
                .policy("s3-only", policy(statement("Allow", "s3:*", "*", null)))
                .group("attacker-group", Map.of("weak", WEAK), List.of())
                .group("target-group", Map.of("target", target), List.of())
                .user("target-user", Map.of("target", target), List.of(), List.of(), null)
                .role("target-role", trustService("backup.amazonaws.com"), Map.of("target", target), List.of(), null)
                .role("assumable-role", trustArn(attackerArn), Map.of("target", target), List.of(), null);
        EscalationPaths.defaults().stream()
                .flatMap(x -> x.steps().stream())
                .map(EscalationPath.Step::service)
                .filter(s -> s != null)
                .distinct()
                .forEach(s ->
                        acct.role("service-role-" + s, trustService(s), Map.of("target", target), List.of(), null));
        List<String> attached = List.of(arn("attacker-policy"), arn("shared-policy"));
        if (asRole(p)) {
            acct.role(
                    ATTACKER,
                    trustService("codebuild.amazonaws.com"),
                    Map.of("grant", attackerPolicy),
                    attached,
                    boundary);
        } else {
            acct.user(ATTACKER, Map.of("grant", attackerPolicy), attached, List.of("attacker-group"), boundary);
        }
        return acct;
    }

    static List<String> found(TestAccount acct) {
        String discovery = ",\"discovery\":{\"userNamePatterns\":[\"" + ATTACKER + "\"],\"roleNamePatterns\":[\""
                + ATTACKER + "\"]}";
        return AUDITOR.audit(acct.build(), baselineWith(discovery), AuditOptions.defaults()).findings().stream()
                .filter(f -> f.type() == FindingType.PRIVILEGE_ESCALATION
                        && f.principal().name().equals(ATTACKER))
                .map(f -> String.valueOf(((Map<?, ?>) f.evidence().get("path")).get("id")))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aPrincipalHoldingEveryStepOnItsTargetsHasThePath(EscalationPath p) {
        assertThat(found(account(p, grant(p, false, null), null, false))).contains(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void stepsScopedToResourcesThatAreNoTargetOpenNoPath(EscalationPath p) {
        assumeThat(p.steps()).as("a step on a named kind of resource").anyMatch(s -> s.on().bound());
        assertThat(found(account(p, grant(p, true, null), null, false))).doesNotContain(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void anExplicitDenyOnTheFirstStepClosesThePath(EscalationPath p) {
        String deny = statement("Deny", p.steps().get(0).action(), "*", null);
        assertThat(found(account(p, grant(p, false, deny), null, false))).doesNotContain(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aPermissionsBoundaryWithoutTheStepsClosesThePath(EscalationPath p) {
        assertThat(found(account(p, grant(p, false, null), arn("s3-only"), false)))
                .doesNotContain(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void targetsNoMorePrivilegedThanThePrincipalOpenNoPathThatGainsTheirAccess(EscalationPath p) {
        assumeThat(p.gainsTargetAccess())
                .as("the path gains the target's permissions")
                .isTrue();
        assertThat(found(account(p, grant(p, false, null), null, true))).doesNotContain(p.id());
    }
}
