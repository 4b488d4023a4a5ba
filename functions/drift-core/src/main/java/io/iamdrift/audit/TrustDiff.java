package io.iamdrift.audit;

import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Principal;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may assume a role, before and after: compares trust policies as sets of (principal, action, conditions)
 * grants. A grant in the new policy counts as new unless the old policy had the same principal and action
 * with no more conditions than now; a deny the new policy lost counts as new trust too.
 */
final class TrustDiff {

    private TrustDiff() {}

    /** The principals newly able to assume the role, those no longer able, and whether nothing changed. */
    record Result(List<String> newlyTrusted, List<String> noLongerTrusted, boolean equivalent) {}

    private record Grant(String principal, String action, Set<String> conditions) {
        boolean coveredBy(Grant old) {
            return old.principal.equals(principal)
                    && old.action.equals(action)
                    && conditions.containsAll(old.conditions);
        }
    }

    static Result compare(PolicyDocument before, PolicyDocument after) {
        List<Grant> oldAllow = grants(before, Effect.ALLOW);
        List<Grant> newAllow = grants(after, Effect.ALLOW);
        List<Grant> oldDeny = grants(before, Effect.DENY);
        List<Grant> newDeny = grants(after, Effect.DENY);
        TreeSet<String> added = new TreeSet<>();
        for (Grant g : newAllow) {
            if (oldAllow.stream().noneMatch(g::coveredBy)) {
                added.add(g.principal + " (" + g.action
                        + (g.conditions.isEmpty() ? "" : ", with conditions " + g.conditions) + ")");
            }
        }
        for (Grant d : oldDeny) {
            if (newDeny.stream()
                    .noneMatch(n -> n.principal.equals(d.principal)
                            && n.action.equals(d.action)
                            && d.conditions.containsAll(n.conditions))) {
                added.add("deny removed for " + d.principal + " (" + d.action + ")");
            }
        }
        TreeSet<String> removed = new TreeSet<>();
        for (Grant g : oldAllow) {
            if (newAllow.stream().noneMatch(n -> n.principal.equals(g.principal) && n.action.equals(g.action))) {
                removed.add(g.principal + " (" + g.action + ")");
            }
        }
        boolean equivalent =
                new TreeSet<>(oldAllow.stream().map(Grant::toString).toList())
                                .equals(new TreeSet<>(
                                        newAllow.stream().map(Grant::toString).toList()))
                        && new TreeSet<>(oldDeny.stream().map(Grant::toString).toList())
                                .equals(new TreeSet<>(
                                        newDeny.stream().map(Grant::toString).toList()));
        return new Result(List.copyOf(added), List.copyOf(removed), equivalent);
    }

    private static List<Grant> grants(PolicyDocument doc, Effect effect) {
        List<Grant> out = new ArrayList<>();
        for (Statement s : doc.statements()) {
            if (s.effect() != effect || s.principals() == null) {
                continue;
            }
            Set<String> conditions = new TreeSet<>();
            for (Condition c : s.conditions()) {
                conditions.add(
                        c.operator().text() + " " + c.key().toLowerCase(Locale.ROOT) + "=" + new TreeSet<>(c.values()));
            }
            List<String> principals = new ArrayList<>();
            String prefix = s.principals().negated() ? "everyone except " : "";
            if (s.principals().principal() instanceof Principal.Named named) {
                named.byType()
                        .forEach((type, values) -> values.forEach(v -> principals.add(prefix + type.json() + ":" + v)));
            } else {
                principals.add(prefix + "*");
            }
            List<String> actions = s.actions().negated()
                    ? s.actions().patterns().stream()
                            .map(p -> "not " + p.toLowerCase(Locale.ROOT))
                            .toList()
                    : s.actions().patterns().stream()
                            .map(p -> p.toLowerCase(Locale.ROOT))
                            .toList();
            for (String p : principals) {
                for (String act : actions) {
                    out.add(new Grant(p, act, conditions));
                }
            }
        }
        return out;
    }
}
