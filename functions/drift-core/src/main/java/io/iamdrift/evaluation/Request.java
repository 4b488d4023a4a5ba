package io.iamdrift.evaluation;

import java.util.Objects;

/**
 * One request to evaluate.
 *
 * @param action the action, e.g. {@code s3:GetObject} (matched case-insensitively)
 * @param resource the resource ARN, or {@code *} (matched case-sensitively)
 * @param callerArn the calling principal's ARN, used to match the Principal element of a resource-based
 *     policy; {@code null} when unknown
 * @param context the request context (condition keys and their values)
 */
public record Request(String action, String resource, String callerArn, RequestContext context) {

    public Request {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = context == null ? RequestContext.empty() : context;
    }

    /** A request with no caller and an empty context. */
    public static Request of(String action, String resource) {
        return new Request(action, resource, null, RequestContext.empty());
    }

    public Request withContext(RequestContext newContext) {
        return new Request(action, resource, callerArn, newContext);
    }

    public Request withCaller(String newCallerArn) {
        return new Request(action, resource, newCallerArn, context);
    }
}
