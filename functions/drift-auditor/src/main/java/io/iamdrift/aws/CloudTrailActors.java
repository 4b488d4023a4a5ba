package io.iamdrift.aws;

import io.iamdrift.incident.Actor;
import io.iamdrift.incident.Actors;
import io.iamdrift.incident.ChangeKind;
import io.iamdrift.incident.Incident;
import io.iamdrift.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Who made the change behind a new incident, asked of CloudTrail {@code LookupEvents} (IAM's events are recorded in
 * us-east-1) by the changed resource's name over the last 90 days: the latest IAM write event's identity. At most
 * {@value #MAX_CALLS_PER_RUN} calls a run and one per incident; once CloudTrail throttles, the run asks no more.
 * Anything not found is {@link Actor#NOT_FOUND}; a lookup that failed says so. Never fails the run.
 */
public final class CloudTrailActors {

    public static final int MAX_CALLS_PER_RUN = 20;
    static final Duration LOOKBACK = Duration.ofDays(90);
    private final CloudTrailClient cloudTrail;
    private final Clock clock;
    private final Map<String, Actor> found = new HashMap<>();
    private int calls;
    private boolean throttled;

    public CloudTrailActors(CloudTrailClient cloudTrail, Clock clock) {
        this.cloudTrail = cloudTrail;
        this.clock = clock;
    }

    /** How many LookupEvents calls this run made. */
    public int calls() {
        return calls;
    }

    /** The actor of the incident's change (looked up once per incident per run). */
    public synchronized Actor of(Incident incident) {
        return found.computeIfAbsent(incident.id(), id -> lookup(incident));
    }

    private Actor lookup(Incident incident) {
        String resource = resourceName(incident);
        if (resource == null) {
            return Actor.unknown(
                    "unknown (nothing to look up for a " + incident.change().kind() + " change)");
        }
        if (throttled) {
            return Actor.unknown("unknown (CloudTrail throttled this run's lookups)");
        }
        if (calls >= MAX_CALLS_PER_RUN) {
            return Actor.unknown("unknown (at most " + MAX_CALLS_PER_RUN + " CloudTrail lookups a run)");
        }
        calls++;
        Instant now = clock.instant();
        try {
            LookupEventsResponse response = cloudTrail.lookupEvents(b -> b.startTime(now.minus(LOOKBACK))
                    .endTime(now)
                    .maxResults(50)
                    .lookupAttributes(a ->
                            a.attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue(resource)));
            for (Event e : response.events()) { // newest first
                if (!"iam.amazonaws.com".equals(e.eventSource()) || "true".equalsIgnoreCase(e.readOnly())) {
                    continue;
                }
                Actor actor = e.cloudTrailEvent() == null
                        ? null
                        : Actors.fromRecord(Json.MAPPER.readValue(e.cloudTrailEvent(), Map.class), "cloudtrail");
                if (actor != null) {
                    return actor;
                }
            }
            return Actor.unknown(Actor.NOT_FOUND);
        } catch (CloudTrailException e) {
            String code = e.awsErrorDetails() == null
                    ? String.valueOf(e.statusCode())
                    : e.awsErrorDetails().errorCode();
            if (e.isThrottlingException() || "ThrottlingException".equals(code)) {
                throttled = true;
                return Actor.unknown("unknown (CloudTrail throttled the lookup)");
            }
            return Actor.unknown("unknown (CloudTrail lookup failed: " + code + ")");
        } catch (Exception e) {
            return Actor.unknown(
                    "unknown (CloudTrail lookup failed: " + e.getClass().getSimpleName() + ")");
        }
    }

    /** The name CloudTrail records the changed resource under: the policy ARN, the group's or principal's name. */
    static String resourceName(Incident i) {
        ChangeKind kind = i.change().kind();
        return switch (kind) {
            case MANAGED_POLICY_VERSION, MANAGED_POLICY_EDITED, MANAGED_POLICY_MISSING ->
                i.change().object();
            case GROUP_POLICY, GROUP_MEMBERSHIP ->
                i.change().object() == null
                        ? null
                        : i.change().object().substring(i.change().object().indexOf('/') + 1);
            case STANDING, BASELINE, AUDIT_INCOMPLETE -> null;
            default -> i.principals().isEmpty() ? null : i.principals().get(0).name();
        };
    }
}
