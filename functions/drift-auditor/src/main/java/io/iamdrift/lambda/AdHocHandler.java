package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.iamdrift.aws.IamCollector;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Console test events and {@code aws lambda invoke}: {@code {"action": "audit", "principals": [...], "notify": false}}
 * or {@code {"action": "capture-baseline", "principals": [...], "write": false}}.
 */
public final class AdHocHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static {
        SnapStartPriming.register(Handlers::service);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.logged(context, () -> run(event, context));
    }

    private static Map<String, Object> run(Map<String, Object> event, Context context) {
        Object action = event == null ? null : event.get("action");
        List<String> principals = strings(event == null ? null : event.get("principals"));
        if ("audit".equals(action)) {
            long start = System.currentTimeMillis();
            IamCollector.Scope scope = principals.isEmpty()
                    ? IamCollector.Scope.all()
                    : new IamCollector.Scope(Set.copyOf(principals), Set.copyOf(principals), Set.of(), Set.of());
            LiveAudit.Outcome outcome = Handlers.service()
                    .audit(
                            Handlers.runId(null, context),
                            scope,
                            Boolean.TRUE.equals(event.get("notify")),
                            Handlers.collectUntil(context));
            Handlers.metrics(outcome, System.currentTimeMillis() - start, "adhoc");
            return outcome.response().toMap();
        }
        if ("capture-baseline".equals(action)) {
            return Handlers.service().capture(principals, Boolean.TRUE.equals(event.get("write")));
        }
        throw new IllegalArgumentException("unknown action " + (action == null ? "(none)" : "\"" + action + "\"")
                + ": expected {\"action\": \"audit\", \"principals\": [...], \"notify\": false} or "
                + "{\"action\": \"capture-baseline\", \"principals\": [...], \"write\": false}");
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String)) {
            throw new IllegalArgumentException("\"principals\" must be an array of IAM user or role names");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
