package io.iamdrift.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Who made a change: read from a CloudTrail event (as EventBridge delivers it) and given to its incidents. */
public final class Actors {

    private Actors() {}

    /**
     * The actor of an EventBridge "AWS API Call via CloudTrail" event: {@code detail.userIdentity.arn} and
     * {@code .type}, {@code detail.sourceIPAddress}, {@code detail.userAgent}, {@code detail.eventTime},
     * {@code detail.eventName}; {@code null} when the event carries no identity.
     */
    public static Actor fromEvent(Map<String, Object> event) {
        return fromRecord(event.get("detail") instanceof Map<?, ?> d ? d : Map.of(), "event");
    }

    /**
     * The actor of one CloudTrail record (the {@code detail} of an EventBridge event, or LookupEvents'
     * {@code CloudTrailEvent} parsed), with {@code source} saying where it came from; {@code null} without identity.
     */
    public static Actor fromRecord(Map<?, ?> detail, String source) {
        Map<?, ?> identity = detail.get("userIdentity") instanceof Map<?, ?> u ? u : Map.of();
        String arn = text(identity.get("arn"));
        if (arn == null
                && identity.get("sessionContext") instanceof Map<?, ?> ctx
                && ctx.get("sessionIssuer") instanceof Map<?, ?> issuer) {
            arn = text(issuer.get("arn"));
        }
        if (arn == null && text(identity.get("type")) == null) {
            return null;
        }
        return new Actor(
                source,
                arn,
                text(identity.get("type")),
                text(detail.get("sourceIPAddress")),
                text(detail.get("userAgent")),
                text(detail.get("eventTime")),
                text(detail.get("eventName")),
                null);
    }

    /**
     * The incidents with {@code actor} on each change the event concerns: one reaching a principal it names, or
     * whose changed object (a policy ARN) it names; compared case-insensitively. Standing posture has no change,
     * so no actor.
     */
    public static List<Incident> attach(List<Incident> incidents, Actor actor, Collection<String> concerned) {
        Set<String> names = new HashSet<>();
        concerned.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        List<Incident> out = new ArrayList<>(incidents.size());
        for (Incident i : incidents) {
            boolean concerns = !i.standing()
                    && (i.principals().stream()
                                    .anyMatch(p -> names.contains(p.name().toLowerCase(Locale.ROOT)))
                            || (i.change().object() != null
                                    && names.contains(i.change().object().toLowerCase(Locale.ROOT))));
            out.add(concerns ? i.withActor(actor) : i);
        }
        return out;
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }
}
