package io.iamdrift.lambda;

import io.iamdrift.alert.AlertPlan;
import io.iamdrift.alert.AlertPlanner;
import io.iamdrift.alert.AlertState;
import io.iamdrift.aws.AlertStateStore;
import io.iamdrift.aws.Notifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one alert path of the account and organization runs: read the alert state, plan, <b>claim</b> what is about to
 * be alerted (a conditional write, so a concurrent run leaves it alone), <b>publish</b>, <b>record</b>. When the
 * publish fails the claim is released before the error goes up, so the next run alerts the same findings instead
 * of waiting out the claim's lease in silence.
 */
public final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int ATTEMPTS = 5;

    /** A run's plan against the state it read, and the message to publish when the plan sends one. */
    public record Prepared(AlertPlan plan, Notifier.Notification notification) {}

    private final AlertStateStore store;
    private final Notifier notifier;
    private final Clock clock;

    public AlertDispatcher(AlertStateStore store, Notifier notifier, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * Alerts once for {@code runId} under the state {@code key}.
     *
     * @param planner the plan for a state (called again after a concurrent write); its notification is only
     *     built when the plan sends
     * @return whether a message was published
     */
    public boolean dispatch(String key, String runId, Function<AlertState, Prepared> planner) {
        for (int attempt = 1; ; attempt++) {
            var stored = store.read(key);
            AlertState state = parse(stored);
            String tag = stored.map(AlertStateStore.Versioned::tag).orElse(null);
            Prepared prepared = planner.apply(state);
            AlertPlan plan = prepared.plan();
            if (plan.alreadySent()) {
                return false;
            }
            boolean send = plan.sends() && prepared.notification() != null;
            if (send) {
                try {
                    tag = write(key, state.withClaim(runId, claimed(plan), clock.instant()), tag);
                } catch (AlertStateStore.ConcurrentModificationException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    continue; // re-read: what the other run claimed or recorded now shows
                }
                try {
                    notifier.publish(prepared.notification());
                } catch (RuntimeException e) {
                    release(key, runId, e);
                    throw e;
                }
            }
            AlertState next = send ? plan.stateAfterSend() : plan.stateWithoutSend();
            try {
                if (send || !next.equals(state)) {
                    write(key, next, tag);
                }
                return send;
            } catch (AlertStateStore.ConcurrentModificationException e) {
                if (send || attempt >= 3) {
                    merge(key, next, runId); // the message went out (or we tried enough): ours on top of theirs
                    return send;
                }
            }
        }
    }

    /** What a plan claims: each finding it alerts with its evidence hash, each incident it reports resolved. */
    private static Map<String, String> claimed(AlertPlan plan) {
        Map<String, String> hashes = new LinkedHashMap<>();
        plan.toAlert().forEach(f -> hashes.put(f.id(), AlertPlanner.evidenceHash(f)));
        plan.sections().resolved().forEach(r -> hashes.put("resolved:" + r.id(), "resolved"));
        return hashes;
    }

    /** Takes the run's claim back after a failed publish; a failure to do so is added to the publish error. */
    private void release(String key, String runId, RuntimeException cause) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                var stored = store.read(key);
                AlertState state = parse(stored);
                write(
                        key,
                        state.withoutClaim(runId),
                        stored.map(AlertStateStore.Versioned::tag).orElse(null));
                LOG.warn("alert of run {} failed to publish; its claim on the findings was released", runId);
                return;
            } catch (AlertStateStore.ConcurrentModificationException e) {
                LOG.warn("alert state {} changed while releasing the claim of run {}, retrying", key, runId);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                return;
            }
        }
        cause.addSuppressed(new IllegalStateException("alert state " + key + " kept changing: the claim of run " + runId
                + " was not released and holds until its lease ends"));
    }

    private void merge(String key, AlertState ours, String runId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var stored = store.read(key);
            AlertState theirs = parse(stored);
            try {
                write(
                        key,
                        ours.mergedOnto(theirs, runId),
                        stored.map(AlertStateStore.Versioned::tag).orElse(null));
                return;
            } catch (AlertStateStore.ConcurrentModificationException e) {
                LOG.warn("alert state {} changed concurrently, retrying the merge", key);
            }
        }
        throw new IllegalStateException("alert state " + key + " kept changing: could not record the alert");
    }

    private String write(String key, AlertState state, String tag) {
        return store.write(key, state.toJson().getBytes(StandardCharsets.UTF_8), tag);
    }

    /** The alert state as stored, or the empty state when there is none yet. */
    static AlertState parse(Optional<AlertStateStore.Versioned> stored) {
        return stored.map(v -> AlertState.fromJson(new String(v.json(), StandardCharsets.UTF_8)))
                .orElse(AlertState.empty());
    }
}
