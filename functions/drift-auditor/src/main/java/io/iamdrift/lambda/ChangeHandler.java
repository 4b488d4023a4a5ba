package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.iamdrift.incident.Actors;
import io.iamdrift.organization.Guardrails;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A CloudTrail IAM write event (AttachUserPolicy, PutUserPolicy, ...): audits just the principals concerned. */
public final class ChangeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static {
        SnapStartPriming.register(Handlers::service);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChangeHandler.class);

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.logged(context, () -> audit(event, context));
    }

    private static Map<String, Object> audit(Map<String, Object> event, Context context) {
        long start = System.currentTimeMillis();
        var scope = ChangeEvents.scopeOf(event);
        LOG.info(
                "IAM change {} concerns {}",
                ChangeEvents.eventName(event),
                scope.isAll() ? "the whole account" : scope);
        LiveAudit.Outcome outcome = Handlers.service()
                .audit(
                        Handlers.runId(event, context),
                        scope,
                        true,
                        Handlers.collectUntil(context),
                        Guardrails.NONE,
                        List.of(),
                        Actors.fromEvent(event));
        Handlers.metrics(outcome, System.currentTimeMillis() - start, "change");
        return Handlers.exported(outcome, scope.isAll());
    }
}
