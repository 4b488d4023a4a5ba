package io.iamdrift.cli;

import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A failed live run ({@code audit --live}, {@code invoke}) as an error a person can act on: it names the
 * environment setting to check (credentials, endpoint, bucket, topic), never a Java class.
 */
final class LiveFailure {

    static final String CREDENTIALS =
            "AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary ones)";

    private LiveFailure() {}

    static InputException explain(RuntimeException e, Map<String, String> env) {
        if (e instanceof InputException input) {
            return input;
        }
        return new InputException(message(e, env), e);
    }

    static String message(RuntimeException e, Map<String, String> env) {
        if (e instanceof AwsServiceException service) {
            return service(service, env);
        }
        String text = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException) {
            if (text.contains("Unable to load credentials")) {
                return "no AWS credentials found: set " + CREDENTIALS
                        + " (a profile lives in ~/.aws/credentials or ~/.aws/config)";
            }
            if (text.contains("Unable to load region")) {
                return "no AWS region: set AWS_REGION (e.g. us-east-1)";
            }
            if (text.contains("Unable to execute HTTP request")) {
                String cause = rootMessage(e);
                String endpoint = env.get("AWS_ENDPOINT_URL");
                return endpoint != null && !endpoint.isBlank()
                        ? "cannot reach AWS_ENDPOINT_URL=" + endpoint + " (" + cause
                                + "): is the emulator running there?"
                        : "cannot reach AWS (" + cause + "): check the network, HTTPS_PROXY, and AWS_REGION="
                                + setting(env, "AWS_REGION");
            }
        }
        return text.lines().findFirst().orElse(text);
    }

    private static String service(AwsServiceException e, Map<String, String> env) {
        String code = e.awsErrorDetails() == null
                ? String.valueOf(e.statusCode())
                : e.awsErrorDetails().errorCode();
        String service = e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().serviceName()).toLowerCase(Locale.ROOT);
        String what = code + ": "
                + (e.awsErrorDetails() == null
                        ? e.getMessage()
                        : e.awsErrorDetails().errorMessage());
        if (code.matches(
                "InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken|UnrecognizedClient")) {
            return "the AWS credentials are not valid (" + what + "): check " + CREDENTIALS;
        }
        if (service.equals("s3")) {
            String buckets = "BASELINE_BUCKET=" + setting(env, "BASELINE_BUCKET")
                    + (env.containsKey("REPORT_BUCKET") ? " / REPORT_BUCKET=" + env.get("REPORT_BUCKET") : "");
            return code.equals("NoSuchBucket")
                    ? buckets + ": no such bucket (" + what + "): check the setting, AWS_REGION and AWS_ENDPOINT_URL"
                    : buckets + ": " + what + ": the credentials in use (" + CREDENTIALS
                            + ") need read access to the baselines and write access to reports/ and state/";
        }
        if (service.equals("sns")) {
            return "ALERT_TOPIC_ARN=" + setting(env, "ALERT_TOPIC_ARN") + ": " + what;
        }
        if (service.equals("iam") || service.equals("sts")) {
            return "IAM refused the live audit's read calls (" + what + "): the credentials in use (" + CREDENTIALS
                    + ") need iam:GetAccountAuthorizationDetails, iam:GenerateCredentialReport, iam:GetCredentialReport and "
                    + "sts:GetCallerIdentity";
        }
        return what + " (AWS_REGION=" + setting(env, "AWS_REGION") + ", AWS_ENDPOINT_URL="
                + setting(env, "AWS_ENDPOINT_URL") + ")";
    }

    private static String setting(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? "(not set)" : v;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "no answer" : t.getMessage();
    }
}
