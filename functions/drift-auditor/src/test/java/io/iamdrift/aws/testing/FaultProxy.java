package io.iamdrift.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy between the SDK clients and the emulator that injects faults by rule: IAM-style
 * throttling, 5xx, delays, or a canned answer (e.g. a credential report that never becomes ready).
 *
 * <p>Each call is classified as {@link Call} (service from the SigV4 credential scope of the Authorization
 * header; operation from the {@code Action=} form parameter of query APIs, or from the method and path for S3).
 * The first rule whose matcher accepts the call and whose seeded coin says yes answers it; otherwise the call
 * goes to the emulator unchanged. Deterministic for a given seed and call order; every injection is counted per
 * rule kind ({@link #injected()}), every call per operation ({@link #calls()}).
 */
public final class FaultProxy implements AutoCloseable {

    /** What a rule does to a call it takes. */
    public enum Kind {
        /** HTTP 400 with the query API's {@code Throttling: Rate exceeded} (S3: 503 SlowDown). */
        THROTTLE,
        /** HTTP 500 InternalError (S3: 503 ServiceUnavailable). */
        SERVER_ERROR,
        /** Waits, then forwards the call. */
        DELAY,
        /** Answers with a fixed 200 body instead of forwarding. */
        CANNED
    }

    /**
     * One classified call.
     *
     * @param service the SigV4 signing name ({@code iam}, {@code sts}, {@code s3}, {@code sns}, ...)
     * @param operation the API action ({@code GetAccountAuthorizationDetails}); for S3 a best guess
     *                  ({@code ListObjectsV2}, {@code GetObject}, {@code PutObject}, ...)
     * @param path the request path with its query
     */
    public record Call(String service, String operation, String method, String path) {
        public String key() {
            return service + ":" + operation;
        }
    }

    /**
     * A fault rule.
     *
     * @param name shown in the counts
     * @param matches which calls it may take
     * @param share the share of matching calls it takes (0..1), drawn from the proxy's seeded generator
     * @param maxConsecutive at most this many calls of one operation in a row are taken (then one passes), so a
     *                       fault stays within a retry budget; {@code Integer.MAX_VALUE} for no limit
     * @param delay for {@link Kind#DELAY}
     * @param cannedBody for {@link Kind#CANNED}
     */
    public record Rule(
            String name,
            Kind kind,
            Predicate<Call> matches,
            double share,
            int maxConsecutive,
            Duration delay,
            String cannedBody) {

        public static Rule throttle(String operation, double share, int maxConsecutive) {
            return new Rule("throttle " + operation, Kind.THROTTLE, op(operation), share, maxConsecutive, null, null);
        }

        public static Rule serverError(String operation, double share, int maxConsecutive) {
            return new Rule("5xx " + operation, Kind.SERVER_ERROR, op(operation), share, maxConsecutive, null, null);
        }

        public static Rule serverError(String name, Predicate<Call> matches) {
            return new Rule(name, Kind.SERVER_ERROR, matches, 1.0, Integer.MAX_VALUE, null, null);
        }

        public static Rule delay(String operation, Duration delay) {
            return new Rule("delay " + operation, Kind.DELAY, op(operation), 1.0, Integer.MAX_VALUE, delay, null);
        }

        /** GenerateCredentialReport answers "STARTED" ({@code times} calls, then the emulator answers). */
        public static Rule credentialReportNotReady(int times) {
            String body = "<GenerateCredentialReportResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                    + "<GenerateCredentialReportResult><State>STARTED</State><Description>No report exists. Starting a new"
                    + " report generation task</Description></GenerateCredentialReportResult><ResponseMetadata>"
                    + "<RequestId>fault-proxy</RequestId></ResponseMetadata></GenerateCredentialReportResponse>";
            return new Rule(
                    "credential report not ready",
                    Kind.CANNED,
                    op("iam:GenerateCredentialReport"),
                    1.0,
                    times,
                    null,
                    body);
        }

        /** Matches {@code service:Operation}, or {@code service:*}. */
        public static Predicate<Call> op(String key) {
            if (key.endsWith(":*")) {
                String service = key.substring(0, key.length() - 2);
                return c -> c.service().equals(service);
            }
            return c -> c.key().equals(key);
        }
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([a-z0-9-]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final Set<String> HOP_HEADERS = Set.of(
            "host",
            "content-length",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection");

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutive = new ConcurrentHashMap<>();

    private FaultProxy(URI upstream, long seed) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Starts a proxy on a free loopback port in front of {@code upstream}. */
    public static FaultProxy start(URI upstream, long seed) {
        try {
            return new FaultProxy(upstream, seed);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fault proxy: " + e, e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Clients pointed at the proxy, with {@code maxAttempts} attempts per call (the retry budget). */
    public AwsClients clients(int maxAttempts) {
        return AwsClients.create(AwsSettings.forEndpoint(uri(), MotoServer.REGION)
                .withRetry(AwsSettings.RetryMode.STANDARD, maxAttempts));
    }

    public FaultProxy add(Rule rule) {
        rules.add(rule);
        return this;
    }

    /** Removes every rule; later calls pass through. */
    public FaultProxy clear() {
        rules.clear();
        consecutive.clear();
        return this;
    }

    /** Faults injected so far, per rule name. */
    public Map<String, Integer> injected() {
        return snapshot(injected);
    }

    public int injectedTotal() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Calls seen so far (injected or forwarded), per {@code service:operation}. */
    public Map<String, Integer> calls() {
        return snapshot(calls);
    }

    public void resetCounts() {
        injected.clear();
        calls.clear();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Call call = classify(ex, body);
            calls.computeIfAbsent(call.key(), k -> new AtomicInteger()).incrementAndGet();
            Rule rule = choose(call);
            if (rule != null) {
                injected.computeIfAbsent(rule.name(), k -> new AtomicInteger()).incrementAndGet();
                switch (rule.kind()) {
                    case THROTTLE -> {
                        respond(
                                ex,
                                call.service().equals("s3") ? 503 : 400,
                                error(call, "Throttling", "Rate exceeded"));
                        return;
                    }
                    case SERVER_ERROR -> {
                        respond(
                                ex,
                                call.service().equals("s3") ? 503 : 500,
                                error(
                                        call,
                                        call.service().equals("s3") ? "ServiceUnavailable" : "InternalError",
                                        "injected by FaultProxy"));
                        return;
                    }
                    case CANNED -> {
                        respond(ex, 200, rule.cannedBody());
                        return;
                    }
                    case DELAY -> sleep(rule.delay());
                }
            }
            forward(ex, body);
        } catch (RuntimeException e) {
            respond(ex, 502, "fault proxy: " + e);
        }
    }

    /** The first rule that takes the call, advancing the per-operation run of consecutive faults. */
    private synchronized Rule choose(Call call) {
        for (Rule r : rules) {
            if (!r.matches().test(call)) {
                continue;
            }
            String runKey = r.name() + "|" + call.key();
            int run = consecutive.getOrDefault(runKey, 0);
            boolean take = run < r.maxConsecutive() && (r.share() >= 1.0 || random.nextDouble() < r.share());
            consecutive.put(runKey, take ? run + 1 : 0);
            if (take) {
                return r;
            }
        }
        return null;
    }

    private static String error(Call call, String code, String message) {
        if (call.service().equals("s3")) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                    + (code.equals("Throttling") ? "SlowDown" : code) + "</Code><Message>" + message
                    + "</Message><RequestId>fault-proxy</RequestId></Error>";
        }
        String type = code.equals("Throttling") ? "Sender" : "Receiver";
        return "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
    }

    static Call classify(HttpExchange ex, byte[] body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String service = "unknown";
        if (auth != null) {
            Matcher m = SCOPE.matcher(auth);
            if (m.find()) {
                service = m.group(1);
            }
        }
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String operation;
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            operation = target.substring(target.lastIndexOf('.') + 1);
        } else if (service.equals("s3")) {
            operation = s3Operation(method, uri);
        } else {
            String form = new String(body, StandardCharsets.UTF_8);
            if (uri.getRawQuery() != null) {
                form = uri.getRawQuery() + "&" + form;
            }
            Matcher m = ACTION.matcher(form);
            operation = m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : method;
        }
        return new Call(service, operation, method, path);
    }

    private static String s3Operation(String method, URI uri) {
        String p = uri.getRawPath() == null ? "/" : uri.getRawPath();
        boolean objectLevel = p.indexOf('/', 1) > 0 && p.indexOf('/', 1) < p.length() - 1;
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" ->
                objectLevel
                        ? "GetObject"
                        : q.contains("list-type=2")
                                ? "ListObjectsV2"
                                : q.contains("versions") ? "ListObjectVersions" : "GetBucket";
            case "PUT" -> objectLevel ? "PutObject" : "PutBucket";
            case "HEAD" -> objectLevel ? "HeadObject" : "HeadBucket";
            case "DELETE" -> objectLevel ? "DeleteObject" : "DeleteBucket";
            case "POST" -> q.contains("delete") ? "DeleteObjects" : "PostObject";
            default -> method;
        };
    }

    private void forward(HttpExchange ex, byte[] body) throws IOException {
        URI target = upstream.resolve(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery()));
        HttpRequest.Builder req = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> req.header(name, v));
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = r.body();
        boolean noBody =
                ex.getRequestMethod().equalsIgnoreCase("HEAD") || r.statusCode() == 204 || r.statusCode() == 304;
        if (noBody) {
            r.headers()
                    .firstValue("content-length")
                    .ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
            ex.sendResponseHeaders(r.statusCode(), -1);
            return;
        }
        ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/xml" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
