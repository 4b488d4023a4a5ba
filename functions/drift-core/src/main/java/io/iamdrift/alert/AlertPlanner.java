package io.iamdrift.alert;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.FindingJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
            boolean due = previous == null || !previous.evidenceHash().equals(hash)
                    || !Duration.between(previous.lastAlerted(), now).minus(realert).isNegative();
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
                after.put(f.id(), new AlertState.Entry(hash, f.severity().name(),
                        previous == null ? now : previous.firstSeen(), now));
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
        return new AlertPlan(toAlert, new AlertState(after, runs, others),
                new AlertState(without, state.alertedRuns(), others), false);
    }

    /** A digest of what the finding says (severity and evidence), without the evidence that changes on every run. */
    public static String evidenceHash(Finding f) {
        Map<String, Object> stable = new LinkedHashMap<>(f.evidence());
        VOLATILE_EVIDENCE.forEach(stable::remove);
        Finding canonical = new Finding(f.id(), f.type(), f.severity(), f.principal(), f.policy(), "", "", stable, f.remediation());
        return f.severity() + ":" + FindingJson.evidenceDigest(canonical);
    }
}
