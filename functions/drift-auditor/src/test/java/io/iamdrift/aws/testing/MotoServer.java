package io.iamdrift.aws.testing;

import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.AwsSettings;
import java.io.File;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.regions.Region;

/**
 * JUnit 5 extension giving emulator-backed tests ({@code *IT}) an AWS endpoint.
 *
 * <ul>
 *   <li>When {@code AWS_ENDPOINT_URL} (or system property {@code aws.endpointUrl}) is set, that endpoint is used
 *       as is (LocalStack, a moto_server you started yourself).</li>
 *   <li>Otherwise starts {@code moto_server -p <free port> -H 127.0.0.1} once per test JVM and per flavour:
 *       one plain server, and, for classes annotated {@link LoadAwsManagedPolicies}, one with
 *       {@code MOTO_IAM_LOAD_MANAGED_POLICIES=true} (it makes GetAccountAuthorizationDetails return the ~1,300
 *       AWS managed policies, which is slow, so only classes that need them pay for it). The servers stop
 *       when the root test context closes (and from a shutdown hook if the JVM dies first).</li>
 *   <li>Before each test class the emulator's state is reset ({@code POST /moto-api/reset}).</li>
 *   <li>Sets dummy credentials as system properties ({@code aws.accessKeyId=testing}), which the SDK's
 *       default chain reads before environment variables and profiles, so a developer's real credentials are
 *       never used.</li>
 * </ul>
 *
 * Test classes take a {@link Endpoint} parameter (constructor, {@code @BeforeAll}, or test method).
 */
public final class MotoServer implements BeforeAllCallback, ParameterResolver {

    /** Start (or reuse) the moto server that loads AWS managed policies into IAM. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface LoadAwsManagedPolicies {}

    public static final String ACCOUNT_ID = "123456789012";
    public static final Region REGION = Region.US_EAST_1;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MotoServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An endpoint for one test class. */
    public static final class Endpoint {
        private final URI uri;
        private final boolean external;

        Endpoint(URI uri, boolean external) {
            this.uri = uri;
            this.external = external;
        }

        public URI uri() {
            return uri;
        }

        /** True when the endpoint came from AWS_ENDPOINT_URL rather than a server this extension started. */
        public boolean external() {
            return external;
        }

        public AwsSettings settings() {
            return AwsSettings.forEndpoint(uri, REGION);
        }

        /** New clients for this endpoint; close them (try-with-resources or @AfterAll). */
        public AwsClients clients() {
            return AwsClients.create(settings());
        }

        /** Resets the emulator's state (moto only; a no-op elsewhere). */
        public void reset() {
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(uri.resolve("/moto-api/reset"))
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 && !external) {
                    throw new IllegalStateException(
                            "moto reset at " + uri + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                if (!external) {
                    throw new IllegalStateException("moto reset at " + uri + " failed: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        useDummyCredentials();
        endpoint(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Endpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) throws ParameterResolutionException {
        return endpoint(e);
    }

    /** Dummy credentials and region for the SDK, as JVM system properties. */
    public static void useDummyCredentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.sessionToken", "testing");
        System.setProperty("aws.region", REGION.id());
    }

    private static Endpoint endpoint(ExtensionContext context) {
        Optional<String> external = Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL"))
                .or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl")))
                .filter(s -> !s.isBlank());
        if (external.isPresent()) {
            return new Endpoint(URI.create(external.get().strip()), true);
        }
        boolean managed = context.getTestClass()
                .map(c -> c.isAnnotationPresent(LoadAwsManagedPolicies.class))
                .orElse(false);
        Running server = context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(
                        managed ? "moto-managed-policies" : "moto", k -> Running.start(managed), Running.class);
        return new Endpoint(server.uri, false);
    }

    /** One moto_server process; closed with the root context. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        final URI uri;
        final Process process;
        final Path log;
        private final Thread hook;

        private Running(URI uri, Process process, Path log) {
            this.uri = uri;
            this.process = process;
            this.log = log;
            this.hook = new Thread(this::stop, "moto_server-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        static Running start(boolean loadManagedPolicies) {
            String exe = findExecutable();
            int port = freePort();
            Path log;
            try {
                Path dir = Path.of("target");
                Files.createDirectories(dir);
                log = dir.resolve("moto_server-" + port + ".log");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ProcessBuilder pb = new ProcessBuilder(exe, "-p", Integer.toString(port), "-H", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", Boolean.toString(loadManagedPolicies));
            // moto must never see real credentials either
            pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            pb.environment().remove("AWS_PROFILE");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + exe + ": " + e.getMessage(), e);
            }
            URI uri = URI.create("http://127.0.0.1:" + port);
            Running running = new Running(uri, p, log);
            running.awaitReady();
            return running;
        }

        private void awaitReady() {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server exited with " + process.exitValue()
                            + " before answering; " + "its output (" + log + "):\n" + tail());
                }
                try {
                    HttpResponse<Void> r = HTTP.send(
                            HttpRequest.newBuilder(uri.resolve("/moto-api/data.json"))
                                    .timeout(Duration.ofSeconds(2))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() < 500) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            stop();
            throw new IllegalStateException("moto_server did not answer at " + uri + " within " + START_TIMEOUT
                    + "; its output (" + log + "):\n" + tail());
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        synchronized void stop() {
            if (!process.isAlive()) {
                return;
            }
            List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    children.forEach(ProcessHandle::destroyForcibly);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port: " + e, e);
            }
        }

        static String findExecutable() {
            String path = System.getenv().getOrDefault("PATH", "");
            List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
            String home = System.getProperty("user.home");
            dirs.add(home + "/.pyenv/shims");
            dirs.add(home + "/.local/bin");
            for (String dir : dirs) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path exe = Path.of(dir, "moto_server");
                if (Files.isExecutable(exe)) {
                    return exe.toString();
                }
            }
            throw new IllegalStateException(
                    "moto_server is not installed (looked on PATH, ~/.pyenv/shims, ~/.local/bin). "
                            + "Install it with: pip install 'moto[server]' (the emulator-backed *IT tests need it), "
                            + "or point AWS_ENDPOINT_URL at a running emulator such as LocalStack.");
        }
    }
}
