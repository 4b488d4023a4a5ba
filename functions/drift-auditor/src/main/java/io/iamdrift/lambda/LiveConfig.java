package io.iamdrift.lambda;

import io.iamdrift.finding.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * The live auditor's settings, from the Lambda's environment (contract section 7).
 *
 * @param baselineBucket {@code BASELINE_BUCKET} (required)
 * @param baselinePrefix {@code BASELINE_PREFIX}, default {@code baselines/}
 * @param reportBucket {@code REPORT_BUCKET}, default the baseline bucket
 * @param alertTopicArn {@code ALERT_TOPIC_ARN}; without it no alert is sent (and the response says so)
 * @param environmentName {@code ENVIRONMENT_NAME}, shown in alert subjects
 * @param alertMinSeverity {@code ALERT_MIN_SEVERITY}, default CRITICAL
 * @param realert {@code REALERT_HOURS}, default 24
 * @param alertOnResolve {@code ALERT_ON_RESOLVE}, default true: a run whose only news is resolved incidents sends a
 *     short RESOLVED message
 */
public record LiveConfig(
        String baselineBucket,
        String baselinePrefix,
        String reportBucket,
        String alertTopicArn,
        String environmentName,
        Severity alertMinSeverity,
        Duration realert,
        boolean alertOnResolve) {

    public LiveConfig(
            String baselineBucket,
            String baselinePrefix,
            String reportBucket,
            String alertTopicArn,
            String environmentName,
            Severity alertMinSeverity,
            Duration realert) {
        this(
                baselineBucket,
                baselinePrefix,
                reportBucket,
                alertTopicArn,
                environmentName,
                alertMinSeverity,
                realert,
                true);
    }

    public static LiveConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static LiveConfig fromEnvironment(Map<String, String> env) {
        String bucket = value(env, "BASELINE_BUCKET", null);
        if (bucket == null) {
            throw new IllegalArgumentException(
                    "BASELINE_BUCKET is not set: the live audit needs the bucket that holds the baselines");
        }
        String hours = value(env, "REALERT_HOURS", "24");
        long realert;
        try {
            realert = Long.parseLong(hours);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("REALERT_HOURS must be a whole number of hours, not \"" + hours + "\"");
        }
        return new LiveConfig(
                bucket,
                value(env, "BASELINE_PREFIX", "baselines/"),
                value(env, "REPORT_BUCKET", bucket),
                value(env, "ALERT_TOPIC_ARN", null),
                value(env, "ENVIRONMENT_NAME", null),
                Severity.parse(value(env, "ALERT_MIN_SEVERITY", "CRITICAL")),
                Duration.ofHours(realert),
                bool(value(env, "ALERT_ON_RESOLVE", "true"), "ALERT_ON_RESOLVE"));
    }

    private static boolean bool(String v, String name) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(name + " must be true or false, not \"" + v + "\"");
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
