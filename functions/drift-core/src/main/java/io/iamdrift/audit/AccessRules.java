package io.iamdrift.audit;

import io.iamdrift.baseline.RequiredAction;
import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.MatchedStatement;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Effective access: REQUIRED_ACTION_DENIED and FORBIDDEN_ACTION_ALLOWED. */
final class AccessRules {

    private AccessRules() {}

    static void check(PrincipalAudit a) {
        required(a);
        forbidden(a);
    }

    private static void required(PrincipalAudit a) {
        List<Map<String, Object>> denied = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> grantable = new LinkedHashSet<>();
        List<String> byOrganization = new ArrayList<>();
        for (RequiredAction r : a.baseline.allRequiredActions(a.run.terraform)) {
            a.requiredChecked++;
            Decision d = a.liveAccess().required(r.action(), r.resource(), r.context());
            if (d != null && d.allowed()) {
                a.requiredAllowed++;
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("action", r.action());
            e.put("resource", r.resource() == null ? "*" : r.resource());
            e.put(
                    "decision",
                    d == null ? EvalDecision.IMPLICIT_DENY.json() : d.decision().json());
            if (d != null && d.decision() == EvalDecision.EXPLICIT_DENY) {
                e.put("deniedBy", statements(d.matchedStatements()));
            } else if (d != null && !d.allowedByBoundary()) {
                e.put("blockedByBoundary", a.live.boundaryArn());
            }
            if (d != null && d.organizationDenial() != null) {
                String why = d.organizationDenial().describe(r.action());
                e.put("deniedByOrganization", why);
                byOrganization.add(why);
            } else {
                grantable.add(r.action()); // an SCP or RCP denial cannot be fixed by granting in the account
            }
            if (r.why() != null) {
                e.put("why", r.why());
            }
            denied.add(e);
            missing.add(r.action());
        }
        if (denied.isEmpty()) {
            return;
        }
        String statement =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"RequiredByBaseline\",\"Effect\":\"Allow\","
                        + "\"Action\":["
                        + String.join(
                                ",",
                                grantable.stream().map(m -> "\"" + m + "\"").toList())
                        + "],\"Resource\":\"*\"}]}";
        a.add(a.finding(FindingType.REQUIRED_ACTION_DENIED)
                .identity(String.join(",", missing))
                .title(missing.size() + " required action" + (missing.size() == 1 ? " is" : "s are") + " denied to "
                        + a.live.name() + ": "
                        + (byOrganization.isEmpty() ? abbreviate(missing) : abbreviate(byOrganization)))
                .detail(
                        "The baseline requires these actions (its requiredActions and requiredForResourceTypes), but the "
                                + "principal's effective policies (identity, groups, boundary, explicit denies"
                                + (a.liveAccess().guarded() ? ", the organization's SCPs and RCPs" : "")
                                + ") do not allow "
                                + "them: the next deploy that needs them will fail with AccessDenied."
                                + (byOrganization.isEmpty() ? "" : " " + String.join("; ", byOrganization) + "."))
                .evidence("denied", denied)
                .fix(new Remediation(
                        grantable.isEmpty()
                                ? List.of()
                                : List.of(Remediations.putInline(a.live, "drift-auditor-required-actions", statement)),
                        "Grant the missing actions in the deployer's policy (scope Resource to the deployer's own "
                                + "resources rather than \"*\" where the action supports it); where an explicit Deny or "
                                + "the boundary blocks them (evidence.denied[].deniedBy / blockedByBoundary), change that "
                                + "instead; where an SCP or RCP does (evidence.denied[].deniedByOrganization), granting "
                                + "more in the account cannot help: ask the organization's administrators to allow the "
                                + "action for this account's OU, or change the pipeline. If the actions are no longer "
                                + "needed, remove them from the baseline."))
                .build());
    }

    private static void forbidden(PrincipalAudit a) {
        if (a.baseline.forbiddenActions().isEmpty()) {
            return;
        }
        for (String pattern : a.baseline.forbiddenActions()) {
            if (!a.liveAccess().mayAllowSome(pattern)) {
                continue; // no Allow statement names the pattern's service
            }
            Set<String> actions = a.run.catalog.expand(pattern);
            if (actions.isEmpty() && !ActionPattern.hasWildcard(pattern)) {
                actions = Set.of(pattern);
            }
            List<String> allowedActions = new ArrayList<>();
            Set<String> allowedBy = new LinkedHashSet<>();
            for (String action : actions) {
                if (!a.liveAccess().mayAllow(action)) {
                    continue;
                }
                Decision d = a.liveAccess().couldAllow(action);
                if (d != null && d.allowed()) {
                    allowedActions.add(action);
                    allowedBy.addAll(statements(d.matchedStatements()));
                }
            }
            if (!allowedActions.isEmpty()) {
                a.add(a.finding(FindingType.FORBIDDEN_ACTION_ALLOWED)
                        .severity(Severity.CRITICAL)
                        .identity(pattern + "=" + allowedActions)
                        .title(a.live.name() + " is allowed forbidden action"
                                + (allowedActions.size() == 1 ? " " : "s ") + abbreviate(allowedActions))
                        .detail("The baseline forbids " + pattern
                                + " on any resource, but the effective policies allow " + allowedActions.size()
                                + " matching action(s), granted by " + String.join(", ", allowedBy) + ".")
                        .evidence("forbidden", pattern)
                        .evidence("allowedActions", allowedActions)
                        .evidence("allowedBy", List.copyOf(allowedBy))
                        .fix(Remediation.of(
                                "Remove these actions from the granting statements (evidence.allowedBy), or add "
                                        + "an explicit Deny for " + pattern
                                        + ". A forbidden action is never accepted by an exception "
                                        + "of the baseline without review."))
                        .build());
            }
        }
    }

    static List<String> statements(List<MatchedStatement> matched) {
        List<String> out = new ArrayList<>();
        for (MatchedStatement m : matched) {
            out.add(m.policyId() + "#"
                    + (m.sid() != null && !m.sid().isEmpty() ? m.sid() : "Statement[" + m.statementIndex() + "]"));
        }
        return out;
    }

    static String abbreviate(Collection<String> items) {
        List<String> l = List.copyOf(items);
        return l.size() <= 4
                ? String.join(", ", l)
                : String.join(", ", l.subList(0, 4)) + " and " + (l.size() - 4) + " more";
    }
}
