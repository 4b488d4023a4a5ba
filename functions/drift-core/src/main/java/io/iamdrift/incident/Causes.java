package io.iamdrift.incident;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which findings are changes (and of what object), and which policies a derived finding names as granting or
 * denying it. The keys decide the incident ids, so they hold what identifies the change and nothing volatile.
 */
final class Causes {

    private Causes() {}

    /**
     * A cause: its kind, its key (the fingerprint's material), the object that changed, and the policy ids through
     * which it reaches a principal (a derived finding naming one of them joins it).
     */
    record Cause(ChangeKind kind, String key, String object, List<String> targets) {}

    /** The cause a finding is the change of, or {@code null} for a finding that a change (or nothing) causes. */
    static Cause of(Finding f) {
        String p = f.principal().key();
        String policy = f.policy() == null ? "" : f.policy();
        return switch (f.type().name()) {
            case "UNEXPECTED_POLICY" ->
                isInline(policy)
                        ? new Cause(
                                ChangeKind.INLINE_POLICY_ADDED, "inline+|" + p + "|" + policy, policy, List.of(policy))
                        : new Cause(ChangeKind.POLICY_ATTACHED, "attach|" + p + "|" + policy, policy, List.of(policy));
            case "MANAGED_POLICY_NOT_ATTACHED" ->
                new Cause(ChangeKind.POLICY_DETACHED, "detach|" + p + "|" + policy, policy, List.of(policy));
            case "MANAGED_POLICY_MISSING" ->
                new Cause(ChangeKind.MANAGED_POLICY_MISSING, "policy-missing|" + policy, policy, List.of(policy));
            case "INLINE_POLICY_MISSING" ->
                new Cause(ChangeKind.INLINE_POLICY_REMOVED, "inline-|" + p + "|" + policy, policy, List.of(policy));
            case "POLICY_DRIFT" ->
                isInline(policy)
                        ? new Cause(
                                ChangeKind.INLINE_POLICY_EDITED, "inline~|" + p + "|" + f.id(), policy, List.of(policy))
                        : new Cause(
                                ChangeKind.MANAGED_POLICY_EDITED,
                                "document|" + policy + "|" + text(f.evidence().get("foundDocumentSha256")),
                                policy,
                                List.of(policy));
            case "POLICY_VERSION_DRIFT" ->
                new Cause(
                        ChangeKind.MANAGED_POLICY_VERSION,
                        "version|" + policy + "|" + versionOf(f.evidence().get("found")),
                        policy,
                        List.of(policy));
            case "GROUP_DRIFT" -> {
                String group = text(f.evidence().get("group"));
                String direction = text(f.evidence().get("change"));
                yield new Cause(
                        ChangeKind.GROUP_MEMBERSHIP,
                        "member|" + group + "|" + direction + ("added".equals(direction) ? "" : "|" + p),
                        "group/" + group,
                        List.of("group:" + group));
            }
            case "GROUP_POLICY_DRIFT" -> {
                // one change of the group, whichever members it reaches: the principal is not part of the key
                String group = text(f.evidence().get("group"));
                yield new Cause(
                        ChangeKind.GROUP_POLICY,
                        "group-policy|" + group + "|" + policy + "|"
                                + text(f.evidence().get("change")) + "|"
                                + text(f.evidence().get("foundDocumentSha256"))
                                + "|" + versionOf(f.evidence().get("found")),
                        "group/" + group,
                        List.of("group:" + group + ":" + policy, "group:" + group));
            }
            case "BOUNDARY_DRIFT" ->
                new Cause(
                        ChangeKind.BOUNDARY,
                        "boundary|" + p + "|" + f.id(),
                        p,
                        List.of("boundary", text(f.evidence().get("found"))));
            case "TRUST_POLICY_DRIFT" ->
                new Cause(ChangeKind.TRUST_POLICY, "trust|" + p + "|" + f.id(), p, List.of("trust"));
            case "CONSOLE_ACCESS" -> new Cause(ChangeKind.CREDENTIAL, "credential|" + p + "|console", p, List.of());
            case "ACCESS_KEY_STALE", "ACCESS_KEY_UNUSED" ->
                new Cause(
                        ChangeKind.CREDENTIAL,
                        "credential|" + p + "|key" + text(f.evidence().get("slot")),
                        p,
                        List.of());
            case "MULTIPLE_ACTIVE_KEYS" -> new Cause(ChangeKind.CREDENTIAL, "credential|" + p + "|keys", p, List.of());
            case "PRINCIPAL_MISSING" -> new Cause(ChangeKind.PRINCIPAL_MISSING, "principal-missing|" + p, p, List.of());
            case "UNBASELINED_DEPLOYER" ->
                new Cause(ChangeKind.PRINCIPAL_UNBASELINED, unbaselinedKey(f.principal()), p, List.of());
            case "BASELINE_INVALID", "BASELINE_ACCOUNT_MISMATCH", "BASELINE_CHANGED", "BASELINE_WIDENED" ->
                new Cause(
                        ChangeKind.BASELINE,
                        "baseline|" + f.id(),
                        text(f.evidence().getOrDefault("file", p)),
                        List.of());
            case "AUDIT_INCOMPLETE" -> new Cause(ChangeKind.AUDIT_INCOMPLETE, "incomplete|" + f.id(), p, List.of());
            default -> null;
        };
    }

    static String unbaselinedKey(PrincipalRef p) {
        return "unbaselined|" + p.key();
    }

    static Cause standing(PrincipalRef p) {
        return new Cause(ChangeKind.STANDING, "standing|" + p.key(), p.key(), List.of());
    }

    /** Findings the baseline's own policies already explain: no change behind them. */
    static boolean inBaseline(Finding f) {
        return Boolean.TRUE.equals(f.evidence().get("inBaseline"))
                || "EXCEPTION_EXPIRED".equals(f.type().name());
    }

    /** The policy ids a derived finding names as granting (or, for denied actions, denying) it, most likely first. */
    static List<String> grantingPolicies(Finding f) {
        if (isTrustFinding(f)) {
            return List.of("trust");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Object via = f.evidence().get("via");
        if (via != null) {
            add(out, f.policy() == null ? null : "group:" + via + ":" + f.policy());
            out.add("group:" + via);
        }
        add(out, f.policy());
        addAll(out, f.evidence().get("grantingPolicies"));
        addAll(out, f.evidence().get("allowedBy"));
        if (f.evidence().get("denied") instanceof Collection<?> denied) {
            for (Object d : denied) {
                if (d instanceof Map<?, ?> m) {
                    addAll(out, m.get("deniedBy"));
                    if (m.get("blockedByBoundary") != null) {
                        out.add("boundary");
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether a change finding moves access the way the derived finding needs: more for what is allowed, less for what is denied. */
    static boolean sameDirection(Finding change, Finding derived) {
        if (isTrustFinding(derived)) {
            return "TRUST_POLICY_DRIFT".equals(change.type().name());
        }
        if (!ACCESS_DERIVED.contains(derived.type().name())
                && !derived.evidence().containsKey("inBaseline")) {
            return false; // a type that says nothing about access joins only the change its policy names
        }
        return "REQUIRED_ACTION_DENIED".equals(derived.type().name()) ? narrows(change) : widens(change);
    }

    /** GROUP_POLICY_DRIFT's {@code evidence.change} values that give the members a policy, or take one away. */
    private static final Set<String> GROUP_POLICY_ADDS = Set.of("attached", "inlineAdded");

    private static final Set<String> GROUP_POLICY_REMOVALS = Set.of("detached", "inlineRemoved");

    /** Derived findings about what the principal may do, which a change of access explains. */
    private static final Set<String> ACCESS_DERIVED = Set.of(
            "ADMIN_ACCESS",
            "PRIVILEGE_ESCALATION",
            "FORBIDDEN_ACTION_ALLOWED",
            "REQUIRED_ACTION_DENIED",
            "PASSROLE_UNSCOPED");

    /** Findings about who may assume a role (trust policy rules), which only a trust policy change explains. */
    static boolean isTrustFinding(Finding f) {
        String type = f.type().name();
        return (type.startsWith("TRUST_") && !type.equals("TRUST_POLICY_DRIFT")) || type.startsWith("OIDC_");
    }

    private static boolean widens(Finding f) {
        String verdict = text(f.evidence().get("verdict"));
        return switch (f.type().name()) {
            case "UNEXPECTED_POLICY" -> true;
            case "GROUP_POLICY_DRIFT" ->
                GROUP_POLICY_ADDS.contains(text(f.evidence().get("change")))
                        || (!"NARROWED".equals(verdict)
                                && !"EQUIVALENT".equals(verdict)
                                && f.evidence().containsKey("verdict"));
            case "POLICY_DRIFT", "POLICY_VERSION_DRIFT" -> !"NARROWED".equals(verdict) && !"EQUIVALENT".equals(verdict);
            case "GROUP_DRIFT" -> "added".equals(text(f.evidence().get("change")));
            case "BOUNDARY_DRIFT" ->
                f.evidence().get("found") == null || f.evidence().get("added") != null;
            default -> false;
        };
    }

    private static boolean narrows(Finding f) {
        String verdict = text(f.evidence().get("verdict"));
        return switch (f.type().name()) {
            case "MANAGED_POLICY_NOT_ATTACHED", "MANAGED_POLICY_MISSING", "INLINE_POLICY_MISSING", "BOUNDARY_DRIFT" ->
                true;
            case "GROUP_POLICY_DRIFT" ->
                GROUP_POLICY_REMOVALS.contains(text(f.evidence().get("change")))
                        || (!"WIDENED".equals(verdict)
                                && !"EQUIVALENT".equals(verdict)
                                && f.evidence().containsKey("verdict"));
            case "POLICY_DRIFT", "POLICY_VERSION_DRIFT" -> !"WIDENED".equals(verdict) && !"EQUIVALENT".equals(verdict);
            case "GROUP_DRIFT" -> "removed".equals(text(f.evidence().get("change")));
            default -> false;
        };
    }

    private static void addAll(LinkedHashSet<String> out, Object values) {
        if (values instanceof Collection<?> c) {
            for (Object v : c) {
                add(out, v == null ? null : v.toString());
            }
        }
    }

    /**
     * {@code policy#Sid} and {@code group:<g>:<policy>} as the ids causes are registered under: the group's policy
     * itself first (a change of that policy), then the group (a membership change), then the bare policy.
     */
    private static void add(LinkedHashSet<String> out, String policyId) {
        if (policyId == null || policyId.isBlank()) {
            return;
        }
        String id = policyId.contains("#") ? policyId.substring(0, policyId.lastIndexOf('#')) : policyId;
        out.add(id);
        if (id.startsWith("group:")) {
            int colon = id.indexOf(':', 6);
            if (colon > 0) {
                out.add(id.substring(0, colon));
                out.add(id.substring(colon + 1));
            }
        }
    }

    static boolean isInline(String policy) {
        return policy != null && policy.startsWith("inline:");
    }

    static String versionOf(Object found) {
        return found instanceof Map<?, ?> m ? text(m.get("versionId")) : text(found);
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
