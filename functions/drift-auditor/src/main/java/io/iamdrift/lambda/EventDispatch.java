package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** Picks the handler for an event by its shape, as the template's wiring does by trigger. */
public final class EventDispatch {

    private EventDispatch() {}

    /** Runs the matching handler on the event and returns its response. */
    public static Map<String, Object> handle(Map<String, Object> event, Context context) {
        if (event.containsKey("action")) {
            return new AdHocHandler().handleRequest(event, context);
        }
        Object detailType = event.get("detail-type");
        if ("AWS API Call via CloudTrail".equals(detailType)) {
            return new ChangeHandler().handleRequest(event, context);
        }
        if ("Scheduled Event".equals(detailType)) {
            return new ScheduledAuditHandler().handleRequest(event, context);
        }
        throw new IllegalArgumentException(
                "unrecognised event: expected an EventBridge \"Scheduled Event\", a CloudTrail "
                        + "\"AWS API Call via CloudTrail\" event, or an ad hoc {\"action\": ...} event");
    }
}
