package io.iamdrift.incident;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root-cause correlation: every finding into exactly one {@link Incident}, keyed by the object that changed
 * ({@link Causes}). Findings a change causes (admin access, forbidden actions allowed, escalation paths, required
 * actions denied, lint of the new document) join the change whose policy grants or denies them, as the
 * evaluator's matched statements and the finding's policy name it; findings with no change behind them form one
 * standing incident per principal. Pure: a function of the findings, so an old report can be read back into the
 * same incidents.
 */
public final class Incidents {

    private Incidents() {}

    /** The incidents of one run's findings, most severe first, changes before standing posture. */
    public static List<Incident> correlate(String accountId, List<Finding> findings) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, List<Group>> byTarget = new HashMap<>();
        Map<String, List<Group>> byPrincipal = new HashMap<>();
        Set<String> unbaselined = new LinkedHashSet<>();
        List<Finding> derived = new ArrayList<>();
        for (Finding f : findings) {
            Causes.Cause cause = Causes.of(f);
            if (cause == null) {
                derived.add(f);
                continue;
            }
            Group g = groups.computeIfAbsent(cause.key(), k -> new Group(cause));
            g.own.add(f);
            g.principals.add(f.principal());
            for (String target : cause.targets()) {
                List<Group> list = byTarget.computeIfAbsent(f.principal().key() + "|" + target, k -> new ArrayList<>());
                if (!list.contains(g)) {
                    list.add(g);
                }
            }
            List<Group> own = byPrincipal.computeIfAbsent(f.principal().key(), k -> new ArrayList<>());
            if (!own.contains(g)) {
                own.add(g);
            }
            if (cause.kind() == ChangeKind.PRINCIPAL_UNBASELINED) {
                unbaselined.add(f.principal().key());
            }
        }
        for (Finding f : derived) {
            Group g = unbaselined.contains(f.principal().key())
                    ? groups.get(Causes.unbaselinedKey(f.principal()))
                    : Causes.inBaseline(f) ? null : causeOf(f, byTarget, byPrincipal);
            if (g == null) {
                Causes.Cause standing = Causes.standing(f.principal());
                g = groups.computeIfAbsent(standing.key(), k -> new Group(standing));
                g.principals.add(f.principal());
            }
            g.caused.add(f);
        }
        List<Incident> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            out.add(g.toIncident(accountId));
        }
        out.sort(Comparator.comparing(Incident::severity)
                .thenComparing(Incident::standing)
                .thenComparing(Incident::title)
                .thenComparing(Incident::id));
        return out;
    }

    /**
     * The incidents among {@code incidents} that hold any of {@code findings}, in their order, then the correlation
     * of the findings none of them holds (e.g. read from a file written before incidents): every finding in one.
     */
    public static List<Incident> holding(String accountId, List<Incident> incidents, List<Finding> findings) {
        Set<String> ids = new HashSet<>();
        findings.forEach(f -> ids.add(f.id()));
        List<Incident> out = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (Incident i : incidents) {
            if (i.findings().stream().anyMatch(ids::contains)) {
                out.add(i);
                held.addAll(i.findings());
            }
        }
        List<Finding> loose =
                findings.stream().filter(f -> !held.contains(f.id())).toList();
        if (!loose.isEmpty()) {
            out.addAll(correlate(accountId, loose));
        }
        return out;
    }

    /** Finding id to incident id. */
    public static Map<String, String> index(List<Incident> incidents) {
        Map<String, String> out = new HashMap<>();
        incidents.forEach(i -> i.findings().forEach(f -> out.put(f, i.id())));
        return out;
    }

    private static Group causeOf(Finding f, Map<String, List<Group>> byTarget, Map<String, List<Group>> byPrincipal) {
        for (String target : Causes.grantingPolicies(f)) {
            List<Group> hits = byTarget.get(f.principal().key() + "|" + target);
            if (hits != null) {
                Group best =
                        hits.stream().filter(g -> g.explains(f)).findFirst().orElse(null);
                if (best != null) {
                    return best;
                }
            }
        }
        // Not granted by a changed policy by name: the principal's one change of the right direction, if any.
        List<Group> candidates = byPrincipal.getOrDefault(f.principal().key(), List.of()).stream()
                .filter(g -> g.explains(f))
                .toList();
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    /** The findings of one cause while they are gathered. */
    private static final class Group {
        final Causes.Cause cause;
        final List<Finding> own = new ArrayList<>();
        final List<Finding> caused = new ArrayList<>();
        final LinkedHashSet<PrincipalRef> principals = new LinkedHashSet<>();

        Group(Causes.Cause cause) {
            this.cause = cause;
        }

        /** Whether this change moves access the way the derived finding needs (more to allow, less to deny). */
        boolean explains(Finding derived) {
            return own.stream()
                    .anyMatch(o -> o.principal().equals(derived.principal()) && Causes.sameDirection(o, derived));
        }

        Incident toIncident(String accountId) {
            List<Finding> all = new ArrayList<>(own);
            all.addAll(caused);
            Severity severity =
                    all.stream().map(Finding::severity).min(Enum::compareTo).orElse(Severity.INFO);
            List<String> ids = all.stream().map(Finding::id).toList();
            LinkedHashSet<String> fix = new LinkedHashSet<>();
            for (Finding f : all) {
                if (f.remediation() != null) {
                    fix.addAll(f.remediation().commands());
                }
            }
            List<PrincipalRef> reached = List.copyOf(principals);
            List<String> grants = own.isEmpty() ? List.of() : ChangeText.grants(own.get(0));
            String detail = grants.isEmpty() && !own.isEmpty() ? own.get(0).detail() : null;
            Change change = new Change(
                    cause.kind(),
                    cause.object(),
                    grants,
                    ChangeText.consequences(caused, own),
                    detail == null || detail.isBlank() ? null : detail);
            return new Incident(
                    fingerprint(accountId, cause.key()),
                    severity,
                    ChangeText.title(cause, own, caused, reached),
                    reached,
                    ids,
                    change,
                    null,
                    List.copyOf(fix));
        }
    }

    static String fingerprint(String accountId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("incident\u001f" + accountId + "\u001f" + key).getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
