package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Organization mode's schedule: lists the organization's accounts and sends one SQS message per account (the
 * member audits run as concurrent invocations of {@link MemberAuditHandler}). The run id is the EventBridge event
 * id, so a retried invocation resumes the same run.
 */
public final class OrganizationHubHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static {
        SnapStartPriming.register(OrganizationAudit::shared);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return OrganizationAudit.shared().startRun(Handlers.runId(event, context));
    }
}
