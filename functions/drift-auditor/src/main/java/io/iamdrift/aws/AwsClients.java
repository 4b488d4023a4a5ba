package io.iamdrift.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK v2 clients, built once and lazily (a Lambda container reuses them across invocations; a handler
 * that never publishes never pays for the SNS client).
 *
 * <p>All clients share one {@link UrlConnectionHttpClient} (the only HTTP client in the jar), have an explicit
 * region, the configured retry strategy (throttling and 5xx retried with exponential backoff and jitter),
 * and an endpoint override when {@code AWS_ENDPOINT_URL} (or a service-specific {@code AWS_ENDPOINT_URL_S3}
 * etc.) is set; S3 then uses path-style addressing, which emulators need.
 */
public final class AwsClients implements AutoCloseable {

    private static final class Shared {
        static final AwsClients INSTANCE = create(AwsSettings.fromEnvironment());
    }

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final boolean ownsHttp;
    private final AwsCredentialsProvider credentials;
    private final Lazy<IamClient> iam;
    private final Lazy<S3Client> s3;
    private final Lazy<SnsClient> sns;
    private final Lazy<StsClient> sts;
    private final Lazy<SqsClient> sqs;
    private final Lazy<OrganizationsClient> organizations;
    private final Lazy<software.amazon.awssdk.services.cloudtrail.CloudTrailClient> cloudTrail;
    private final Lazy<software.amazon.awssdk.services.securityhub.SecurityHubClient> securityHub;

    private AwsClients(AwsSettings settings) {
        this(
                settings,
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build(),
                true,
                null);
    }

    private AwsClients(AwsSettings settings, SdkHttpClient http, boolean ownsHttp, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.credentials = credentials;
        this.iam =
                new Lazy<>(() -> configure(IamClient.builder(), AwsSettings.IAM).build());
        this.s3 = new Lazy<>(() -> {
            var b = configure(S3Client.builder(), AwsSettings.S3);
            if (settings.endpointFor(AwsSettings.S3).isPresent()) {
                b.forcePathStyle(true);
            }
            return b.build();
        });
        this.sns =
                new Lazy<>(() -> configure(SnsClient.builder(), AwsSettings.SNS).build());
        this.sts =
                new Lazy<>(() -> configure(StsClient.builder(), AwsSettings.STS).build());
        this.sqs =
                new Lazy<>(() -> configure(SqsClient.builder(), AwsSettings.SQS).build());
        this.organizations = new Lazy<>(() -> configure(OrganizationsClient.builder(), AwsSettings.ORGANIZATIONS)
                .build());
        // IAM is global: its CloudTrail events are recorded in us-east-1, wherever the stack runs
        this.cloudTrail = new Lazy<>(() -> configure(
                        software.amazon.awssdk.services.cloudtrail.CloudTrailClient.builder(), AwsSettings.CLOUDTRAIL)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .build());
        this.securityHub = new Lazy<>(() -> configure(
                        software.amazon.awssdk.services.securityhub.SecurityHubClient.builder(),
                        AwsSettings.SECURITYHUB)
                .build());
    }

    /**
     * Clients with other credentials (a member account's assumed role), sharing this instance's settings and HTTP
     * client. Closing them leaves the HTTP client open.
     */
    public AwsClients withCredentials(AwsCredentialsProvider provider) {
        return new AwsClients(settings, http, false, Objects.requireNonNull(provider, "provider"));
    }

    /** The process-wide clients, configured from the environment on first use. */
    public static AwsClients shared() {
        return Shared.INSTANCE;
    }

    /** New clients for explicit settings (tests, tools). Close them when done. */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(settings);
    }

    public AwsSettings settings() {
        return settings;
    }

    public IamClient iam() {
        return iam.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public SnsClient sns() {
        return sns.get();
    }

    public StsClient sts() {
        return sts.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** CloudTrail in us-east-1, where IAM's events are recorded (LookupEvents for who made a change). */
    public software.amazon.awssdk.services.cloudtrail.CloudTrailClient cloudTrail() {
        return cloudTrail.get();
    }

    public OrganizationsClient organizations() {
        return organizations.get();
    }

    public software.amazon.awssdk.services.securityhub.SecurityHubClient securityHub() {
        return securityHub.get();
    }

    /** The shared HTTP client, for building further clients (e.g. SQS in tests) the same way. */
    public SdkHttpClient httpClient() {
        return http;
    }

    /**
     * Applies region, HTTP client, retry strategy, timeouts and endpoint override to any SDK client builder.
     * Public so that tests can build clients of other services (SQS) exactly like the production ones.
     */
    public <
                    B extends
                            AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
                    C>
            B configure(B builder, String serviceId) {
        builder.region(settings.region())
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(settings))
                        .apiCallTimeout(settings.apiCallTimeout())
                        .build());
        settings.endpointFor(serviceId).ifPresent(builder::endpointOverride);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }

    static RetryStrategy retryStrategy(AwsSettings settings) {
        return switch (settings.retryMode()) {
            case ADAPTIVE ->
                AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build();
            case STANDARD ->
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build();
        };
    }

    @Override
    public void close() {
        iam.closeIfBuilt();
        s3.closeIfBuilt();
        sns.closeIfBuilt();
        sts.closeIfBuilt();
        sqs.closeIfBuilt();
        organizations.closeIfBuilt();
        cloudTrail.closeIfBuilt();
        securityHub.closeIfBuilt();
        if (ownsHttp) {
            http.close();
        }
    }

    private static final class Lazy<T extends AutoCloseable> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        void closeIfBuilt() {
            T v = value;
            if (v != null) {
                try {
                    v.close();
                } catch (Exception ignored) {
                    // closing clients never fails in a way the caller can act on
                }
            }
        }
    }
}
