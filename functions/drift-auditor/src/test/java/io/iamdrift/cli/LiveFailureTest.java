package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sts.model.StsException;

class LiveFailureTest {

    static final Map<String, String> ENV = Map.of(
            "BASELINE_BUCKET",
            "drift-baselines",
            "ALERT_TOPIC_ARN",
            "arn:aws:sns:us-east-1:123456789012:drift",
            "AWS_REGION",
            "eu-west-1");

    static String message(RuntimeException e, Map<String, String> env) {
        String m = LiveFailure.explain(e, env).getMessage();
        assertThat(m).doesNotContain("software.amazon").doesNotContain("Exception");
        return m;
    }

    static AwsErrorDetails details(String service, String code) {
        return AwsErrorDetails.builder()
                .serviceName(service)
                .errorCode(code)
                .errorMessage("from AWS")
                .build();
    }

    @Test
    void missingCredentialsNameTheVariablesToSet() {
        String m = message(
                SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                        + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider()])"),
                ENV);
        assertThat(m).contains("AWS_PROFILE").contains("AWS_ACCESS_KEY_ID").contains("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void unreachableEndpointNamesAwsEndpointUrlAndItsValue() {
        SdkClientException e = SdkClientException.create(
                "Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused"));
        assertThat(message(e, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")))
                .contains("AWS_ENDPOINT_URL=http://127.0.0.1:5000")
                .contains("Connection refused");
        assertThat(message(e, ENV)).contains("HTTPS_PROXY").contains("AWS_REGION=eu-west-1");
    }

    @Test
    void missingBucketNamesBaselineBucketAndItsValue() {
        S3Exception e = (S3Exception) S3Exception.builder()
                .statusCode(404)
                .awsErrorDetails(details("S3", "NoSuchBucket"))
                .build();
        assertThat(message(e, ENV)).contains("BASELINE_BUCKET=drift-baselines").contains("NoSuchBucket");
    }

    @Test
    void missingTopicNamesAlertTopicArn() {
        NotFoundException e = (NotFoundException) NotFoundException.builder()
                .statusCode(404)
                .awsErrorDetails(details("Sns", "NotFound"))
                .build();
        assertThat(message(e, ENV)).contains("ALERT_TOPIC_ARN=arn:aws:sns:us-east-1:123456789012:drift");
    }

    @Test
    void invalidCredentialsSayWhichVariablesHoldThem() {
        StsException e = (StsException) StsException.builder()
                .statusCode(403)
                .awsErrorDetails(details("Sts", "InvalidClientTokenId"))
                .build();
        assertThat(message(e, ENV)).contains("not valid").contains("AWS_ACCESS_KEY_ID");
    }
}
