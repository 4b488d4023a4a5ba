package io.iamdrift.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * A loopback HTTP stub speaking CloudTrail's LookupEvents wire shape (JSON 1.1, {@code X-Amz-Target:
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}): moto_server has no LookupEvents, so this
 * stands in for it. Replies are queued; a request with none queued (or of another operation) gets a 400
 * InvalidRequestException; every request body is recorded.
 */
public final class LookupEventsStub implements AutoCloseable {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final HttpServer server;
    private final Deque<String[]> responses = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final CloudTrailClient client;

    private LookupEventsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            String[] reply = target != null && target.endsWith(".LookupEvents") && !responses.isEmpty()
                    ? responses.poll()
                    : new String[] {"400", "{\"__type\":\"InvalidRequestException\",\"message\":\"unexpected\"}"};
            byte[] body = reply[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(Integer.parseInt(reply[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = CloudTrailClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static LookupEventsStub start() {
        try {
            return new LookupEventsStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of the stub, retries off (a throttling reply is seen once). */
    public CloudTrailClient client() {
        return client;
    }

    /** Queues one reply: an HTTP status and its JSON body. */
    public void reply(int status, String body) {
        responses.add(new String[] {String.valueOf(status), body});
    }

    /** Drops the queued replies and the recorded requests. */
    public void clear() {
        responses.clear();
        requests.clear();
    }

    /** The request bodies received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** A LookupEvents reply holding these CloudTrail records (as {@code CloudTrailEvent} strings), in order. */
    public static String events(String... records) {
        try {
            List<Map<String, Object>> events = new ArrayList<>();
            for (String r : records) {
                JsonNode n = JSON.readTree(r);
                events.add(Map.of(
                        "EventId",
                        "e-" + events.size(),
                        "EventName",
                        n.get("eventName").asText(),
                        "ReadOnly",
                        String.valueOf(n.path("readOnly").asBoolean()),
                        "EventTime",
                        1.7646e9,
                        "EventSource",
                        n.get("eventSource").asText(),
                        "Username",
                        "alice",
                        "CloudTrailEvent",
                        r));
            }
            return JSON.writeValueAsString(Map.of("Events", events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
