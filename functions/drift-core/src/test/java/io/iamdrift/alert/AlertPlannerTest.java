package io.iamdrift.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPlannerTest {

    static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
    final AlertPlanner planner = new AlertPlanner(Severity.CRITICAL, Duration.ofHours(24));

    static Finding finding(String id, Severity s, Map<String, Object> evidence) {
        return new Finding(
                id,
                FindingType.POLICY_DRIFT,
                s,
                PrincipalRef.user("d", null),
                "inline:p",
                "t",
                "d",
                evidence,
                Remediation.of("n"));
    }

    @Test
    void newCriticalFindingIsAlertedOnceAndNotAgainNextRun() {
        Finding f = finding("a", Severity.CRITICAL, Map.of("verdict", "WIDENED"));
        AlertPlan first = planner.plan("run-1", List.of(f), AlertState.empty(), T0);
        assertThat(first.toAlert()).containsExactly(f);
        AlertPlan second = planner.plan("run-2", List.of(f), first.stateAfterSend(), T0.plusSeconds(3600));
        assertThat(second.toAlert()).isEmpty();
    }

    @Test
    void partialRunKeepsTheStateOfFindingsItDidNotJudgeSoTheNextFullRunDoesNotAlertThemAgain() {
        Finding f = finding("a", Severity.CRITICAL, Map.of("verdict", "WIDENED"));
        AlertState alerted =
                planner.plan("run-1", List.of(f), AlertState.empty(), T0).stateAfterSend();
        AlertPlan scoped = planner.plan("change-1", List.of(), alerted, T0.plusSeconds(60), true);
        assertThat(scoped.toAlert()).isEmpty();
        assertThat(scoped.stateWithoutSend().findings()).containsKey("a");
        assertThat(planner.plan("run-2", List.of(f), scoped.stateWithoutSend(), T0.plusSeconds(120))
                        .toAlert())
                .isEmpty();
        assertThat(planner.plan("run-3", List.of(), alerted, T0.plusSeconds(180))
                        .stateWithoutSend()
                        .findings())
                .as("a full run that no longer sees it closes it")
                .doesNotContainKey("a");
    }

    @Test
    void findingsBelowTheMinimumSeverityAreNotAlerted() {
        AlertPlan plan = planner.plan("run-1", List.of(finding("a", Severity.HIGH, Map.of())), AlertState.empty(), T0);
        assertThat(plan.toAlert()).isEmpty();
    }

    @Test
    void changedEvidenceIsAlertedAgainButVolatileEvidenceIsNot() {
        Finding f = finding("a", Severity.CRITICAL, Map.of("verdict", "WIDENED", "ageDays", 100));
        AlertState state =
                planner.plan("run-1", List.of(f), AlertState.empty(), T0).stateAfterSend();
        Finding older = finding("a", Severity.CRITICAL, Map.of("verdict", "WIDENED", "ageDays", 101));
        assertThat(planner.plan("run-2", List.of(older), state, T0.plusSeconds(60))
                        .toAlert())
                .isEmpty();
        Finding changed = finding("a", Severity.CRITICAL, Map.of("verdict", "CHANGED", "ageDays", 101));
        assertThat(planner.plan("run-3", List.of(changed), state, T0.plusSeconds(60))
                        .toAlert())
                .containsExactly(changed);
    }

    @Test
    void openFindingIsRealertedAfterTheRealertPeriod() {
        Finding f = finding("a", Severity.CRITICAL, Map.of());
        AlertState state =
                planner.plan("run-1", List.of(f), AlertState.empty(), T0).stateAfterSend();
        assertThat(planner.plan("run-2", List.of(f), state, T0.plus(Duration.ofHours(23)))
                        .toAlert())
                .isEmpty();
        assertThat(planner.plan("run-3", List.of(f), state, T0.plus(Duration.ofHours(24)))
                        .toAlert())
                .containsExactly(f);
    }

    @Test
    void retriedRunWhoseAlertWasAcceptedSendsNothing() {
        Finding f = finding("a", Severity.CRITICAL, Map.of());
        AlertState state =
                planner.plan("run-1", List.of(f), AlertState.empty(), T0).stateAfterSend();
        AlertPlan retry = planner.plan("run-1", List.of(f), state, T0.plus(Duration.ofDays(3)));
        assertThat(retry.alreadySent()).isTrue();
        assertThat(retry.toAlert()).isEmpty();
    }

    @Test
    void stateRoundTripsThroughJson() {
        AlertState state = planner.plan(
                        "run-1", List.of(finding("a", Severity.CRITICAL, Map.of())), AlertState.empty(), T0)
                .stateAfterSend();
        assertThat(AlertState.fromJson(state.toJson())).isEqualTo(state);
    }

    static AlertState claimedBy(String runId, Finding f, Instant at) {
        return AlertState.empty().withClaim(runId, Map.of(f.id(), AlertPlanner.evidenceHash(f)), at);
    }

    @Test
    void aFindingAnotherRunHasClaimedIsLeftToThatRun() {
        Finding f = finding("a", Severity.CRITICAL, Map.of());
        AlertPlan plan = planner.plan("run-2", List.of(f), claimedBy("run-1", f, T0), T0.plusSeconds(5));
        assertThat(plan.toAlert()).isEmpty();
        assertThat(plan.stateAfterSend().claims()).containsKey("run-1");
    }

    @Test
    void aRetriedRunIsNotBlockedByItsOwnClaim() {
        Finding f = finding("a", Severity.CRITICAL, Map.of());
        AlertPlan plan = planner.plan("run-1", List.of(f), claimedBy("run-1", f, T0), T0.plusSeconds(60));
        assertThat(plan.toAlert()).containsExactly(f);
        assertThat(plan.stateAfterSend().claims())
                .as("recorded, so the claim goes")
                .isEmpty();
    }

    @Test
    void aClaimOfARunThatDiedExpiresSoNothingIsLost() {
        Finding f = finding("a", Severity.CRITICAL, Map.of());
        AlertState state = claimedBy("run-1", f, T0);
        assertThat(planner.plan("run-2", List.of(f), state, T0.plus(AlertState.CLAIM_LEASE))
                        .toAlert())
                .containsExactly(f);
    }

    @Test
    void aClaimOnOtherEvidenceDoesNotHideAChange() {
        Finding claimed = finding("a", Severity.CRITICAL, Map.of("verdict", "WIDENED"));
        Finding changed = finding("a", Severity.CRITICAL, Map.of("verdict", "CHANGED"));
        assertThat(planner.plan("run-2", List.of(changed), claimedBy("run-1", claimed, T0), T0)
                        .toAlert())
                .containsExactly(changed);
    }

    @Test
    void claimsSurviveTheJsonRoundTrip() {
        AlertState state = claimedBy("run-1", finding("a", Severity.CRITICAL, Map.of()), T0);
        assertThat(AlertState.fromJson(state.toJson())).isEqualTo(state);
    }
}
