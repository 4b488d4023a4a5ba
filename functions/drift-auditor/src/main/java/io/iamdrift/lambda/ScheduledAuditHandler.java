package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.iamdrift.aws.IamCollector;
import java.util.Map;

/** The EventBridge schedule: audits every deployer of the account and alerts on what is new. */
public final class ScheduledAuditHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static {
        SnapStartPriming.register(Handlers::service);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.logged(context, () -> audit(event, context));
    }

    private static Map<String, Object> audit(Map<String, Object> event, Context context) {
        long start = System.currentTimeMillis();
        LiveAudit.Outcome outcome = Handlers.service()
                .audit(Handlers.runId(event, context), IamCollector.Scope.all(), true, Handlers.collectUntil(context));
        Handlers.metrics(outcome, System.currentTimeMillis() - start, "schedule");
        return Handlers.exported(outcome, true);
    }
}
