package io.iamdrift.baseline;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted deviation: a finding of {@code type} (optionally only for one policy and statement Sid) is
 * turned into INFO until {@code expires}.
 *
 * @param policy a policy ARN or {@code inline:<name>}, or {@code null} for any policy
 * @param statementSid a statement Sid, or {@code null} for any statement
 * @param expires the last day (inclusive, UTC) the exception applies
 */
public record BaselineException(String type, String policy, String statementSid, String reason, LocalDate expires) {

    public BaselineException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the exception has expired on {@code today} (it still applies on its {@code expires} day). */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** Whether it covers a finding of that type, policy and Sid (null policy/Sid in the finding match only wildcards). */
    public boolean covers(String findingType, String findingPolicy, String findingSid) {
        return type.equals(findingType)
                && (policy == null || policy.equals(findingPolicy))
                && (statementSid == null || statementSid.equals(findingSid));
    }
}
