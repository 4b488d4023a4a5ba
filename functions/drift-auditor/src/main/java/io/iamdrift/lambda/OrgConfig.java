package io.iamdrift.lambda;

import io.iamdrift.organization.AccountSelection;
import java.time.Duration;
import java.util.Map;

/**
 * Organization mode's settings, from the environment (besides {@link LiveConfig}'s).
 *
 * @param queueUrl {@code ORG_QUEUE_URL}: the queue of account messages (required)
 * @param memberRoleName {@code MEMBER_ROLE_NAME}, default {@code IamDriftAuditorMember}
 * @param externalId {@code MEMBER_EXTERNAL_ID}: the ExternalId the member role's trust policy requires (required)
 * @param selection {@code ORG_INCLUDE_ACCOUNTS} / {@code ORG_EXCLUDE_ACCOUNTS}: account ids, comma- or space-separated
 * @param maxAttempts {@code MEMBER_MAX_ATTEMPTS}, default 3: the queue's maxReceiveCount; the last attempt records a
 *     failed account as AUDIT_INCOMPLETE instead of retrying
 * @param finalizeDelaySeconds {@code ORG_FINALIZE_DELAY_SECONDS}, default 900 (SQS's maximum delay): when the
 *     finalize message first checks the run
 * @param deadline {@code ORG_RUN_DEADLINE_MINUTES}, default 60: after it, accounts without a result are reported
 *     missing and the summary is written without them
 */
public record OrgConfig(
        String queueUrl,
        String memberRoleName,
        String externalId,
        AccountSelection selection,
        int maxAttempts,
        int finalizeDelaySeconds,
        Duration deadline) {

    public static OrgConfig fromEnvironment(Map<String, String> env) {
        String queue = value(env, "ORG_QUEUE_URL", null);
        if (queue == null) {
            throw new IllegalArgumentException("ORG_QUEUE_URL is not set: organization mode needs the account queue");
        }
        String externalId = value(env, "MEMBER_EXTERNAL_ID", null);
        if (externalId == null) {
            throw new IllegalArgumentException(
                    "MEMBER_EXTERNAL_ID is not set: the member role's trust policy requires it");
        }
        return new OrgConfig(
                queue,
                value(env, "MEMBER_ROLE_NAME", "IamDriftAuditorMember"),
                externalId,
                AccountSelection.parse(
                        value(env, "ORG_INCLUDE_ACCOUNTS", null), value(env, "ORG_EXCLUDE_ACCOUNTS", null)),
                number(env, "MEMBER_MAX_ATTEMPTS", 3, 1, 1000),
                number(env, "ORG_FINALIZE_DELAY_SECONDS", 900, 0, 900),
                Duration.ofMinutes(number(env, "ORG_RUN_DEADLINE_MINUTES", 60, 0, 7 * 24 * 60)));
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int number(Map<String, String> env, String key, int fallback, int min, int max) {
        String v = value(env, key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a whole number from " + min + " to " + max + ", not \"" + v + "\"");
        }
    }
}
