package io.iamdrift.alert;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.ChangeKind;
import io.iamdrift.incident.Incident;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.FindingJson;
import io.iamdrift.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which findings a run alerts: those at or above the minimum severity that are new, whose evidence
 * changed, or that were last alerted more than the re-alert period ago. Pure: the handler stores the state.
 */
public final class AlertPlanner {

    /** Evidence that changes every run without the drift changing (ages, last-used times). */
    private static final Set<String> VOLATILE_EVIDENCE = Set.of("ageDays", "lastUsed", "passwordLastUsed");

    private final Severity minimum;
    private final Duration realert;

    public AlertPlanner(Severity minimum, Duration realert) {
        this.minimum = minimum;
        this.realert = realert;
    }

    public AlertPlan plan(String runId, List<Finding> findings, AlertState state, Instant now) {
        return plan(runId, findings, state, now, false);
    }

    /**
     * @param partial true for a run that judged only some principals (a change event, an ad hoc audit): the findings
     *                it did not see are not thereby gone, so their state is kept for the next full run to judge
     */
    public AlertPlan plan(String runId, List<Finding> findings, AlertState state, Instant now, boolean partial) {
        if (state.alertedRuns().contains(runId)) {
            return new AlertPlan(List.of(), state, state, true);
        }
        List<Finding> toAlert = new ArrayList<>();
        Map<String, AlertState.Entry> after = new LinkedHashMap<>();
        Map<String, AlertState.Entry> without = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.severity().atLeast(minimum)) {
                continue;
            }
            String hash = evidenceHash(f);
            AlertState.Entry previous = state.findings().get(f.id());
            boolean due = previous == null
                    || !previous.evidenceHash().equals(hash)
                    || !Duration.between(previous.lastAlerted(), now)
                            .minus(realert)
                            .isNegative();
            if (due && state.claimedByAnother(runId, f.id(), hash, now)) {
                // a concurrent run is alerting exactly this: it records it; we neither send nor record it
                if (previous != null) {
                    after.put(f.id(), previous);
                    without.put(f.id(), previous);
                }
                continue;
            }
            if (due) {
                toAlert.add(f);
                after.put(
                        f.id(),
                        new AlertState.Entry(
                                hash, f.severity().name(), previous == null ? now : previous.firstSeen(), now));
            } else {
                after.put(f.id(), previous);
            }
            if (previous != null) {
                without.put(f.id(), previous);
            }
        }
        if (partial) {
            state.findings().forEach((id, entry) -> {
                after.putIfAbsent(id, entry);
                without.putIfAbsent(id, entry);
            });
        }
        List<String> runs = new ArrayList<>(state.alertedRuns());
        runs.add(runId);
        if (runs.size() > AlertState.RUNS_KEPT) {
            runs = runs.subList(runs.size() - AlertState.RUNS_KEPT, runs.size());
        }
        Map<String, AlertState.Claim> others = state.claimsOfOthers(runId, now);
        return new AlertPlan(
                toAlert,
                new AlertState(after, runs, others, state.incidents()),
                new AlertState(without, state.alertedRuns(), others, state.incidents()),
                false);
    }

    /**
     * The plan of a run by incident (contract section 8): <b>new</b> are the incidents holding a finding first seen
     * or changed, <b>still open</b> those whose findings are only due again after the re-alert period, and
     * <b>resolved</b> the incidents alerted before that this run no longer has, among principals it audited (a
     * scoped run resolves nothing it did not look at). Resolutions alone send a message only when
     * {@code alertOnResolve}; otherwise they are forgotten quietly.
     */
    public AlertPlan plan(String runId, Report report, AlertState state, Instant now, boolean alertOnResolve) {
        return plan(runId, report, state, now, alertOnResolve, false);
    }

    /**
     * As {@link #plan(String, Report, AlertState, Instant, boolean)}; {@code partial} for a scoped run, which keeps
     * the state of findings it did not judge and resolves no account-level incident.
     */
    public AlertPlan plan(
            String runId, Report report, AlertState state, Instant now, boolean alertOnResolve, boolean partial) {
        AlertPlan byFinding = plan(runId, report.findings(), state, now, partial);
        if (byFinding.alreadySent()) {
            return byFinding;
        }
        Map<String, AlertState.Entry> previous = state.findings();
        Map<String, AlertState.Entry> planned = byFinding.stateAfterSend().findings();
        Set<String> fresh = new HashSet<>();
        Set<String> due = new HashSet<>();
        for (Finding f : byFinding.toAlert()) {
            due.add(f.id());
            AlertState.Entry p = previous.get(f.id());
            // the evidence hash the finding plan recorded for this alert: hashed once per finding
            if (p == null || !p.evidenceHash().equals(planned.get(f.id()).evidenceHash())) {
                fresh.add(f.id());
            }
        }
        List<Incident> newIncidents = new ArrayList<>();
        List<Incident> stillOpen = new ArrayList<>();
        Map<String, AlertState.IncidentEntry> kept = new LinkedHashMap<>();
        Map<String, AlertState.IncidentEntry> after = new LinkedHashMap<>();
        for (Incident i : report.incidents()) {
            AlertState.IncidentEntry old = state.incidents().get(i.id());
            boolean isNew = i.findings().stream().anyMatch(fresh::contains);
            boolean isDue = i.findings().stream().anyMatch(due::contains);
            if (isNew) {
                newIncidents.add(i);
            } else if (isDue) {
                stillOpen.add(i);
            }
            if (old != null) {
                kept.put(i.id(), old);
            }
            if (!tracked(i)) {
                continue;
            }
            if (isNew || isDue) {
                after.put(
                        i.id(),
                        new AlertState.IncidentEntry(
                                i.title(),
                                i.severity().name(),
                                old == null ? now : old.firstSeen(),
                                now,
                                i.principals().stream().map(p -> p.key()).toList()));
            } else if (old != null) {
                after.put(i.id(), old);
            }
        }
        Set<String> audited = new HashSet<>();
        report.principals().forEach(e -> audited.add(e.principal().key()));
        boolean complete =
                !partial && report.unaudited().isEmpty() && !report.principals().isEmpty();
        Set<String> current = new HashSet<>();
        report.incidents().forEach(i -> current.add(i.id()));
        List<AlertMessage.Resolved> resolved = new ArrayList<>();
        Map<String, AlertState.IncidentEntry> unresolved = new LinkedHashMap<>();
        state.incidents().forEach((id, e) -> {
            if (current.contains(id)) {
                return;
            }
            boolean looked = e.principals().stream()
                    .allMatch(p -> audited.contains(p) || (p.startsWith("account/") && complete));
            if (looked) {
                resolved.add(
                        new AlertMessage.Resolved(id, Severity.valueOf(e.severity()), e.title(), e.firstSeen(), null));
            } else {
                unresolved.put(id, e);
            }
        });
        after.putAll(unresolved);
        kept.putAll(unresolved);
        AlertMessage.Sections sections =
                new AlertMessage.Sections(newIncidents, stillOpen, alertOnResolve ? resolved : List.of());
        AlertState a = byFinding.stateAfterSend();
        AlertState w = byFinding.stateWithoutSend();
        return new AlertPlan(
                byFinding.toAlert(),
                new AlertState(a.findings(), a.alertedRuns(), a.claims(), after),
                new AlertState(w.findings(), w.alertedRuns(), w.claims(), kept),
                false,
                sections);
    }

    /**
     * Whether an incident's end is news: a change that can be undone is; a one-off event (a baseline edited, an
     * audit that could not complete this time) is not, so its disappearance sends no RESOLVED message.
     */
    private static boolean tracked(Incident i) {
        return i.change().kind() != ChangeKind.BASELINE && i.change().kind() != ChangeKind.AUDIT_INCOMPLETE;
    }

    /** A digest of what the finding says (severity and evidence), without the evidence that changes on every run. */
    public static String evidenceHash(Finding f) {
        Map<String, Object> stable = new LinkedHashMap<>(f.evidence());
        VOLATILE_EVIDENCE.forEach(stable::remove);
        Finding canonical =
                new Finding(f.id(), f.type(), f.severity(), f.principal(), f.policy(), "", "", stable, f.remediation());
        return f.severity() + ":" + FindingJson.evidenceDigest(canonical);
    }
}
