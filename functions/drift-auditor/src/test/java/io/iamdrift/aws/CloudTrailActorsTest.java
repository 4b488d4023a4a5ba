package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Actor;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * {@link CloudTrailActors} against a loopback HTTP stub speaking CloudTrail's LookupEvents wire shape (JSON 1.1,
 * {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}): moto_server has no
 * LookupEvents, so this stub stands in for it.
 */
class CloudTrailActorsTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    /** A CloudTrail record of AttachUserPolicy in the shape AWS documents for IAM events. */
    private static final String RECORD = """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
            "arn":"arn:aws:iam::210987654321:user/alice","accountId":"210987654321","userName":"alice"},
            "eventTime":"2026-11-27T21:14:03Z","eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy",
            "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2.15.0",
            "requestParameters":{"userName":"prod-deployer","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"},
            "responseElements":null,"readOnly":false,"eventType":"AwsApiCall","managementEvent":true}""";

    private HttpServer server;
    private final Deque<String[]> responses = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private CloudTrailClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()).deepCopy());
            String[] reply = target != null && target.endsWith(".LookupEvents") && !responses.isEmpty()
                    ? responses.poll() : new String[] {"400", "{\"__type\":\"InvalidRequestException\",\"message\":\"unexpected\"}"};
            byte[] body = reply[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(Integer.parseInt(reply[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = CloudTrailClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private static String events(String... records) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String r : records) {
            JsonNode n = JSON.readTree(r);
            events.add(Map.of("EventId", "e-" + events.size(), "EventName", n.get("eventName").asText(),
                    "ReadOnly", String.valueOf(n.path("readOnly").asBoolean()), "EventTime", 1.7646e9,
                    "EventSource", n.get("eventSource").asText(), "Username", "alice", "CloudTrailEvent", r));
        }
        return JSON.writeValueAsString(Map.of("Events", events));
    }

    private static Incident attachment(String principal) {
        return Incidents.correlate("210987654321", List.of(new Finding("f-" + principal, FindingType.UNEXPECTED_POLICY,
                Severity.CRITICAL, PrincipalRef.user(principal, null), "arn:aws:iam::aws:policy/AdministratorAccess",
                "t", "", Map.of(), Remediation.of(null)))).get(0);
    }

    @Test
    void theLatestIamWriteOnTheChangedPrincipalNamesWhoMadeTheChange() throws IOException {
        String read = RECORD.replace("AttachUserPolicy", "GetUser").replace("\"readOnly\":false", "\"readOnly\":true");
        responses.add(new String[] {"200", events(read, RECORD)});
        CloudTrailActors actors = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));

        Actor actor = actors.of(attachment("prod-deployer"));

        assertThat(actor).isEqualTo(new Actor("cloudtrail", "arn:aws:iam::210987654321:user/alice", "IAMUser",
                "198.51.100.20", "aws-cli/2.15.0", "2026-11-27T21:14:03Z", "AttachUserPolicy", null));
        JsonNode request = requests.get(0);
        assertThat(request.at("/LookupAttributes/0/AttributeKey").asText()).isEqualTo("ResourceName");
        assertThat(request.at("/LookupAttributes/0/AttributeValue").asText()).isEqualTo("prod-deployer");
        assertThat(request.get("EndTime").asDouble() - request.get("StartTime").asDouble()).isEqualTo(90 * 86_400.0);
    }

    @Test
    void noEventIsUnknownInTheWordsPeopleRead() throws IOException {
        responses.add(new String[] {"200", "{\"Events\":[]}"});

        assertThat(new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC)).of(attachment("quiet")).describe())
                .isEqualTo("unknown (no IAM event found in the last 90 days)");
    }

    @Test
    void atMostOneCallPerIncidentAndTwentyPerRunAndNoneAfterThrottling() throws IOException {
        CloudTrailActors actors = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 25; i++) {
            responses.add(new String[] {"200", events(RECORD)});
        }
        Incident same = attachment("p-0");
        actors.of(same);
        actors.of(same);
        for (int i = 1; i < 25; i++) {
            actors.of(attachment("p-" + i));
        }
        assertThat(actors.calls()).isEqualTo(CloudTrailActors.MAX_CALLS_PER_RUN);
        assertThat(requests).hasSize(20);

        responses.clear();
        requests.clear();
        responses.add(new String[] {"400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"});
        CloudTrailActors throttled = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(throttled.of(attachment("a")).note()).isEqualTo("unknown (CloudTrail throttled the lookup)");
        assertThat(throttled.of(attachment("b")).note()).isEqualTo("unknown (CloudTrail throttled this run's lookups)");
        assertThat(requests).hasSize(1);
    }
}
