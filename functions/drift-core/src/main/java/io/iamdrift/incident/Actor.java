package io.iamdrift.incident;

/**
 * Who made the change behind an incident, from the CloudTrail event that triggered the run or from a lookup.
 *
 * @param source {@code event} (the triggering event), {@code cloudtrail} (LookupEvents) or {@code unknown}
 * @param principalArn the caller's ARN ({@code userIdentity.arn}), or {@code null}
 * @param principalType {@code userIdentity.type}: IAMUser, AssumedRole, Root, AWSService, ...
 * @param sourceIp {@code sourceIPAddress}
 * @param userAgent {@code userAgent}
 * @param eventTime ISO-8601
 * @param eventName e.g. AttachUserPolicy
 * @param note why it is unknown, when it is
 */
public record Actor(
        String source,
        String principalArn,
        String principalType,
        String sourceIp,
        String userAgent,
        String eventTime,
        String eventName,
        String note) {

    /** The text used when no IAM event could be found. */
    public static final String NOT_FOUND = "unknown (no IAM event found in the last 90 days)";

    public static Actor unknown(String why) {
        return new Actor("unknown", null, null, null, null, null, null, why);
    }

    /** One line: "arn (type) from ip, via agent, at time (EventName)" or the note. */
    public String describe() {
        if (principalArn == null) {
            return note == null ? NOT_FOUND : note;
        }
        StringBuilder b = new StringBuilder(principalArn);
        if (principalType != null) {
            b.append(" (").append(principalType).append(')');
        }
        if (sourceIp != null) {
            b.append(" from ").append(sourceIp);
        }
        if (eventTime != null) {
            b.append(" at ").append(eventTime);
        }
        if (eventName != null) {
            b.append(" (").append(eventName).append(')');
        }
        return b.toString();
    }
}
