package io.iamdrift.incident;

import io.iamdrift.catalog.ActionSummary;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words of an incident: the change line, the compact grant diff, the consequences. */
final class ChangeText {

    private ChangeText() {}

    static final int MAX_GRANT_LINES = 5;
    private static final int MAX_ACTION_PARTS = 4;

    static String title(Causes.Cause cause, List<Finding> own, List<Finding> caused, List<PrincipalRef> reached) {
        Finding first = own.isEmpty() ? null : own.get(0);
        String who = reached.isEmpty() ? "" : reached.get(0).name();
        String where = reached.size() == 1 ? who : reached.size() + " principals";
        String policy = first == null ? "" : policyName(first.policy());
        String verdict = first == null ? "" : Causes.text(first.evidence().get("verdict"));
        return switch (cause.kind()) {
            case POLICY_ATTACHED -> policy + " attached to " + where;
            case INLINE_POLICY_ADDED -> "Inline policy " + policy + " added to " + where;
            case POLICY_DETACHED -> policy + " detached from " + where;
            case MANAGED_POLICY_MISSING -> "Managed policy " + policy + " does not exist (expected on " + where + ")";
            case INLINE_POLICY_REMOVED -> "Inline policy " + policy + " removed from " + where;
            case INLINE_POLICY_EDITED -> "Inline policy " + policy + " on " + where + " edited" + paren(verdict);
            case MANAGED_POLICY_EDITED -> policy + " document changed" + paren(verdict) + " on " + where;
            case MANAGED_POLICY_VERSION ->
                policy + " default version set to "
                        + Causes.versionOf(first.evidence().get("found")) + " (baseline: "
                        + Causes.versionOf(first.evidence().get("expected"))
                        + (verdict.isEmpty() ? "" : ", " + verdict) + ") on " + where;
            case GROUP_MEMBERSHIP ->
                where
                        + ("added".equals(first.evidence().get("change")) ? " added to group " : " removed from group ")
                        + Causes.text(first.evidence().get("group"));
            case GROUP_POLICY ->
                first.title() == null
                        ? "Policy of group " + Causes.text(first.evidence().get("group")) + " changed"
                        : first.title() + (reached.size() > 1 ? " (" + reached.size() + " members)" : "");
            case STANDING ->
                who + ": standing posture (" + caused.size() + " finding" + (caused.size() == 1 ? "" : "s")
                        + " with no change behind them)";
            default -> first == null || first.title() == null ? cause.kind().name() : first.title();
        };
    }

    /** The change as compact diff lines, from the change finding's evidence (its document's own patterns first). */
    static List<String> grants(Finding change) {
        List<String> lines = new ArrayList<>();
        Object document = change.evidence().get("document");
        if (document instanceof Collection<?> statements && !statements.isEmpty()) {
            statements.forEach(s -> lines.add("+ " + grant(s)));
        } else {
            Object added = change.evidence().containsKey("added")
                    ? change.evidence().get("added")
                    : change.evidence().get("grantsBeyondBaseline");
            if (added instanceof Collection<?> grants) {
                grants.forEach(g -> lines.add("+ " + grant(g)));
            }
        }
        if (change.evidence().get("removed") instanceof Collection<?> removed) {
            removed.forEach(g -> lines.add("- " + grant(g)));
        }
        if (lines.size() <= MAX_GRANT_LINES) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, MAX_GRANT_LINES));
        out.add("... and " + (lines.size() - MAX_GRANT_LINES) + " more grants (see the findings' evidence)");
        return out;
    }

    /** One grant ({@code actions}/{@code notActions}, {@code resources}/{@code notResources}, {@code conditions}) as a phrase. */
    static String grant(Object value) {
        Object g = value instanceof Map<?, ?> || value instanceof CharSequence
                ? value
                : Json.MAPPER.convertValue(value, Object.class);
        if (!(g instanceof Map<?, ?> m)) {
            return String.valueOf(g);
        }
        String actions = m.get("notActions") != null
                ? "every action except " + actions(strings(m.get("notActions")))
                : actions(strings(m.get("actions")));
        List<String> resources = strings(m.get("resources"));
        List<String> notResources = strings(m.get("notResources"));
        String on = !notResources.isEmpty()
                ? "every resource except " + shortList(notResources)
                : resources.isEmpty() || resources.equals(List.of("*")) ? "every resource" : shortList(resources);
        String when = m.get("conditions") instanceof Map<?, ?> c && !c.isEmpty() ? " when " + conditions(c) : "";
        return actions + " on " + on + when;
    }

    private static String actions(List<String> names) {
        if (names.isEmpty() || names.equals(List.of("*"))) {
            return "every action";
        }
        return ActionSummary.defaults().phrase(names, MAX_ACTION_PARTS);
    }

    private static String shortList(List<String> items) {
        return items.size() <= 3
                ? String.join(", ", items)
                : String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    private static String conditions(Map<?, ?> c) {
        List<String> parts = new ArrayList<>();
        c.forEach((op, keys) -> {
            if (keys instanceof Map<?, ?> k) {
                k.forEach((key, values) -> parts.add(op + " " + key + " " + strings(values)));
            }
        });
        return String.join(" and ", parts);
    }

    /**
     * What the change causes, one phrase each ("admin access", "2 forbidden actions allowed", "3 escalation paths"),
     * from its derived findings and any of its own beyond the first.
     */
    static List<String> consequences(List<Finding> caused, List<Finding> own) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> principals = new LinkedHashMap<>();
        for (Finding f : caused) {
            String type = f.type().name();
            int n = type.equals("REQUIRED_ACTION_DENIED") && f.evidence().get("denied") instanceof Collection<?> d
                    ? d.size()
                    : 1;
            counts.merge(type, n, Integer::sum);
            principals
                    .computeIfAbsent(type, t -> new LinkedHashSet<>())
                    .add(f.principal().key());
        }
        List<String> out = new ArrayList<>();
        counts.forEach((type, n) -> out.add(phrase(type, n, principals.get(type).size())));
        return out;
    }

    private static String phrase(String type, int n, int principals) {
        String on = principals > 1 ? " (" + principals + " principals)" : "";
        return switch (type) {
            case "ADMIN_ACCESS" -> "admin access" + on;
            case "FORBIDDEN_ACTION_ALLOWED" -> plural(n, "forbidden action") + " allowed" + on;
            case "PRIVILEGE_ESCALATION" -> plural(n, "escalation path") + on;
            case "REQUIRED_ACTION_DENIED" -> plural(n, "required action") + " denied" + on;
            case "PASSROLE_UNSCOPED" -> "iam:PassRole on any role" + on;
            case "WILDCARD_ACTION", "WILDCARD_RESOURCE", "NOT_ACTION_ALLOW", "MISSING_SID", "UNKNOWN_ACTION" ->
                plural(n, type.toLowerCase(Locale.ROOT).replace('_', ' ') + " lint") + on;
            default -> plural(n, type.toLowerCase(Locale.ROOT).replace('_', ' ')) + on;
        };
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : what.endsWith("s") ? "es" : "s");
    }

    static String policyName(String policy) {
        if (policy == null) {
            return "";
        }
        return policy.startsWith("inline:") ? policy.substring(7) : policy.substring(policy.lastIndexOf('/') + 1);
    }

    private static String paren(String verdict) {
        return verdict.isEmpty() ? "" : " (" + verdict + ")";
    }

    private static List<String> strings(Object values) {
        List<String> out = new ArrayList<>();
        if (values instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (values != null) {
            out.add(values.toString());
        }
        return out;
    }
}
