package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    @Test
    void defaultsToUsEast1StandardRetriesNoOverride() {
        AwsSettings s = AwsSettings.fromEnvironment(Map.of(), new Properties());
        assertThat(s.region()).isEqualTo(Region.US_EAST_1);
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.retryMode()).isEqualTo(AwsSettings.RetryMode.STANDARD);
        assertThat(s.maxAttempts()).isEqualTo(AwsSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void readsRegionEndpointsAndRetryFromTheEnvironment() {
        AwsSettings s = AwsSettings.fromEnvironment(
                Map.of(
                        "AWS_REGION",
                        "eu-west-1",
                        "AWS_ENDPOINT_URL",
                        "http://localhost:4566",
                        "AWS_ENDPOINT_URL_S3",
                        "http://s3.local:9000",
                        "AWS_RETRY_MODE",
                        "adaptive",
                        "AWS_MAX_ATTEMPTS",
                        "12"),
                new Properties());
        assertThat(s.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(s.endpointFor(AwsSettings.IAM)).contains(URI.create("http://localhost:4566"));
        assertThat(s.endpointFor(AwsSettings.S3)).contains(URI.create("http://s3.local:9000"));
        assertThat(s.retryMode()).isEqualTo(AwsSettings.RetryMode.ADAPTIVE);
        assertThat(s.maxAttempts()).isEqualTo(12);
    }

    @Test
    void systemPropertiesAreTheFallback() {
        Properties p = new Properties();
        p.setProperty("aws.region", "ap-southeast-2");
        p.setProperty("aws.endpointUrlIam", "http://127.0.0.1:5000");
        AwsSettings s = AwsSettings.fromEnvironment(Map.of(), p);
        assertThat(s.region()).isEqualTo(Region.AP_SOUTHEAST_2);
        assertThat(s.endpointFor(AwsSettings.IAM)).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(s.endpointFor(AwsSettings.SNS)).isEmpty();
    }

    @Test
    void rejectsBadValuesByName() {
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost"), new Properties()))
                .hasMessageContaining("AWS_ENDPOINT_URL");
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_MAX_ATTEMPTS", "many"), new Properties()))
                .hasMessageContaining("AWS_MAX_ATTEMPTS");
    }

    @Test
    void clientsAreBuiltLazilyWithTheOverride() {
        try (AwsClients c =
                AwsClients.create(AwsSettings.forEndpoint(URI.create("http://127.0.0.1:1"), Region.US_EAST_1))) {
            assertThat(c.s3().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:1"));
            assertThat(c.iam().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }
}
