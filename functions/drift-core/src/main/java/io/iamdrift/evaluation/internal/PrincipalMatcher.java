package io.iamdrift.evaluation.internal;

import io.iamdrift.policy.Principal;
import io.iamdrift.policy.PrincipalSet;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.snapshot.Arns;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches the caller against a resource-based policy's Principal/NotPrincipal (IAM User Guide, "AWS JSON
 * policy elements: Principal"). {@code "*"} and AWS principals name IAM callers; a Federated principal (an
 * OIDC or SAML provider ARN) names the caller of {@code sts:AssumeRoleWithWebIdentity}/{@code WithSAML}, whose
 * caller ARN is the provider's, and a Service principal names that service; both only as written.
 */
public final class PrincipalMatcher {

    /** How a Principal element names the caller. */
    public enum Match {
        /** Not named. */
        NONE,
        /** {@code "*"}: everyone. */
        EVERYONE,
        /** The caller's account ({@code 111122223333} or {@code arn:aws:iam::111122223333:root}): delegation. */
        ACCOUNT,
        /** The role behind the caller's assumed-role session (the role ARN). */
        ROLE,
        /** The caller's own ARN (IAM user ARN, or the assumed-role session ARN). */
        DIRECT
    }

    private final boolean negated;
    private final boolean anyone;
    private final String[] aws;
    /** Federated and Service principals, matched as written. */
    private final List<String> others;

    private PrincipalMatcher(PrincipalSet set) {
        negated = set.negated();
        if (set.principal() instanceof Principal.Anyone) {
            anyone = true;
            aws = new String[0];
            others = List.of();
        } else {
            Principal.Named named = (Principal.Named) set.principal();
            List<String> list = named.byType().getOrDefault(PrincipalType.AWS, List.of());
            anyone = list.contains("*");
            aws = list.toArray(new String[0]);
            List<String> o = new ArrayList<>(named.byType().getOrDefault(PrincipalType.FEDERATED, List.of()));
            o.addAll(named.byType().getOrDefault(PrincipalType.SERVICE, List.of()));
            others = List.copyOf(o);
        }
    }

    public static PrincipalMatcher compile(PrincipalSet set) {
        return set == null ? null : new PrincipalMatcher(set);
    }

    public boolean negated() {
        return negated;
    }

    /** How the element names the caller (ignoring negation). */
    public Match match(String callerArn) {
        if (anyone) {
            return Match.EVERYONE;
        }
        if (callerArn == null) {
            return Match.NONE;
        }
        if (others.contains(callerArn)) {
            return Match.DIRECT;
        }
        Match best = Match.NONE;
        for (String p : aws) {
            Match m = matchOne(p, callerArn);
            if (m.ordinal() > best.ordinal()) {
                best = m;
            }
        }
        return best;
    }

    private static Match matchOne(String p, String caller) {
        if (p.equals(caller)) {
            return Match.DIRECT;
        }
        String account = accountOf(caller);
        if (account != null) {
            if (p.equals(account)) {
                return Match.ACCOUNT;
            }
            if (p.startsWith("arn:") && p.endsWith(":iam::" + account + ":root")) {
                return Match.ACCOUNT;
            }
        }
        // arn:aws:sts::111122223333:assumed-role/RoleName/session is a session of
        // arn:aws:iam::111122223333:role/path/RoleName
        String[] c = caller.split(":", 6);
        if (c.length == 6 && c[2].equals("sts") && c[5].startsWith("assumed-role/")) {
            String[] parts = c[5].split("/");
            String[] r = p.split(":", 6);
            if (parts.length >= 2
                    && r.length == 6
                    && r[2].equals("iam")
                    && r[1].equals(c[1])
                    && r[4].equals(c[4])
                    && r[5].startsWith("role/")
                    && r[5].substring(r[5].lastIndexOf('/') + 1).equals(parts[1])) {
                return Match.ROLE;
            }
        }
        return Match.NONE;
    }

    /** The account id of an ARN, or {@code null}. */
    public static String accountOf(String arn) {
        return Arns.account(arn);
    }
}
