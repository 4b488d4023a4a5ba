package io.iamdrift.aws;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.regions.Region;

/**
 * How the SDK clients are built: region, endpoint overrides (emulators), retry behaviour, timeouts.
 *
 * <p>Read from the environment (Lambda, CLI) with JVM system properties as a fallback (tests), using the
 * names the AWS SDKs and CLI already use:
 * <ul>
 *   <li>{@code AWS_REGION} / {@code aws.region} (default {@code us-east-1}; IAM is global, the SDK resolves
 *       its global endpoint from any region of the partition)</li>
 *   <li>{@code AWS_ENDPOINT_URL} / {@code aws.endpointUrl}: every client; {@code AWS_ENDPOINT_URL_IAM},
 *       {@code _S3}, {@code _SNS}, {@code _STS}, {@code _SQS}, {@code _ORGANIZATIONS} / {@code aws.endpointUrlIam} etc. per service (win over the
 *       global one)</li>
 *   <li>{@code AWS_RETRY_MODE} / {@code aws.retryMode}: {@code standard} (default) or {@code adaptive}
 *       ({@code legacy} is treated as standard)</li>
 *   <li>{@code AWS_MAX_ATTEMPTS} / {@code aws.maxAttempts}: attempts per call including the first (default 8)</li>
 *   <li>{@code DRIFT_API_CALL_TIMEOUT_SECONDS}: bound on one API call including retries (default 120)</li>
 * </ul>
 */
public record AwsSettings(
        Region region,
        Optional<URI> endpoint,
        Map<String, URI> serviceEndpoints,
        RetryMode retryMode,
        int maxAttempts,
        Duration apiCallTimeout) {

    /** Retry strategies offered. Both retry throttling and 5xx with exponential backoff and jitter. */
    public enum RetryMode {
        /** SDK standard strategy: exponential backoff with jitter, throttling uses a longer base delay. */
        STANDARD,
        /** Standard plus client-side rate limiting once throttling is seen (good for IAM's low TPS limits). */
        ADAPTIVE
    }

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    /** Service ids used for service-specific endpoint variables ({@code AWS_ENDPOINT_URL_<ID>}). */
    public static final String IAM = "IAM";

    public static final String S3 = "S3";
    public static final String SNS = "SNS";
    public static final String STS = "STS";
    public static final String SQS = "SQS";
    public static final String ORGANIZATIONS = "ORGANIZATIONS";
    public static final String CLOUDTRAIL = "CLOUDTRAIL";
    public static final String SECURITYHUB = "SECURITYHUB";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        serviceEndpoints = Map.copyOf(serviceEndpoints == null ? Map.of() : serviceEndpoints);
        Objects.requireNonNull(retryMode, "retryMode");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
    }

    /** Settings for real AWS in the given region, no overrides. */
    public static AwsSettings defaults(Region region) {
        return new AwsSettings(
                region, Optional.empty(), Map.of(), RetryMode.STANDARD, DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(120));
    }

    /** Settings pointing every client at one endpoint (an emulator such as moto or LocalStack). */
    public static AwsSettings forEndpoint(URI endpoint, Region region) {
        return new AwsSettings(region, Optional.of(endpoint), Map.of(), RetryMode.STANDARD, 3, Duration.ofSeconds(120));
    }

    /** From the process environment, falling back to system properties. */
    public static AwsSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    public static AwsSettings fromEnvironment(Map<String, String> env, Properties sys) {
        String region = first(env, sys, "AWS_REGION", "aws.region");
        if (region == null) {
            region = first(env, sys, "AWS_DEFAULT_REGION", "aws.defaultRegion");
        }
        String endpoint = first(env, sys, "AWS_ENDPOINT_URL", "aws.endpointUrl");
        Map<String, URI> perService = new HashMap<>();
        for (String svc : new String[] {IAM, S3, SNS, STS, SQS, ORGANIZATIONS, SECURITYHUB, CLOUDTRAIL}) {
            String sysName =
                    "aws.endpointUrl" + svc.charAt(0) + svc.substring(1).toLowerCase(Locale.ROOT);
            String v = first(env, sys, "AWS_ENDPOINT_URL_" + svc, sysName);
            if (v != null) {
                perService.put(svc, uri(v, "AWS_ENDPOINT_URL_" + svc));
            }
        }
        String mode = first(env, sys, "AWS_RETRY_MODE", "aws.retryMode");
        RetryMode retryMode =
                mode != null && mode.trim().equalsIgnoreCase("adaptive") ? RetryMode.ADAPTIVE : RetryMode.STANDARD;
        int attempts = intValue(
                first(env, sys, "AWS_MAX_ATTEMPTS", "aws.maxAttempts"), DEFAULT_MAX_ATTEMPTS, "AWS_MAX_ATTEMPTS");
        int timeout = intValue(
                first(env, sys, "DRIFT_API_CALL_TIMEOUT_SECONDS", "drift.apiCallTimeoutSeconds"),
                120,
                "DRIFT_API_CALL_TIMEOUT_SECONDS");
        return new AwsSettings(
                Region.of(region == null ? DEFAULT_REGION : region.trim()),
                Optional.ofNullable(endpoint).map(e -> uri(e, "AWS_ENDPOINT_URL")),
                perService,
                retryMode,
                attempts,
                Duration.ofSeconds(timeout));
    }

    /** The endpoint override for one service (service-specific first, then the global one), if any. */
    public Optional<URI> endpointFor(String serviceId) {
        URI specific = serviceEndpoints.get(serviceId);
        return specific != null ? Optional.of(specific) : endpoint;
    }

    public AwsSettings withRetry(RetryMode mode, int attempts) {
        return new AwsSettings(region, endpoint, serviceEndpoints, mode, attempts, apiCallTimeout);
    }

    private static String first(Map<String, String> env, Properties sys, String envName, String sysName) {
        String v = env.get(envName);
        if (v == null || v.isBlank()) {
            v = sys.getProperty(sysName);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static URI uri(String value, String name) {
        try {
            URI u = URI.create(value.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "' (" + e.getMessage() + ")", e);
        }
    }

    private static int intValue(String value, int dflt, String name) {
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
        }
    }
}
