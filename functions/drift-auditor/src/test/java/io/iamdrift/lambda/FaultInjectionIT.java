package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.alert.AlertState;
import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AlertStateStore;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.BaselineSource;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.SnsNotifier;
import io.iamdrift.aws.testing.AlertInbox;
import io.iamdrift.aws.testing.FaultProxy;
import io.iamdrift.aws.testing.FaultProxy.Rule;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The live auditor under faults: the SDK clients talk to moto through {@link FaultProxy}, which throttles,
 * fails, delays or fakes calls by rule. Set-up and inspection go to moto directly. Each test says which
 * guarantee of contract section 10 it holds; the figures (faults injected per kind) are printed at the end.
 */
@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    static final String BUCKET = "drift-faults-it";
    static final String USER = "shop-ci-deployer";
    static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    static final int ATTEMPTS = 3;
    static final Map<String, Integer> INJECTED = new TreeMap<>();

    static AwsClients direct;
    static AwsClients viaProxy;
    static FaultProxy proxy;
    static AlertInbox inbox;
    static String topicArn;
    static Set<String> reference;
    static List<Finding> referenceFindings;
    static final Set<FindingType> FROM_CREDENTIAL_REPORT = Set.of(
            FindingType.CONSOLE_ACCESS,
            FindingType.ACCESS_KEY_STALE,
            FindingType.ACCESS_KEY_UNUSED,
            FindingType.MULTIPLE_ACTIVE_KEYS);
    static final List<String> ALL_ALERT_BODIES = new ArrayList<>();
    static String accessKeyId;
    static String secretAccessKey;
    static CapturedLogs logs;

    @BeforeAll
    static void account(MotoServer.Endpoint moto) {
        logs = CapturedLogs.capture();
        moto.reset();
        direct = moto.clients();
        proxy = FaultProxy.start(moto.uri(), 20261126L);
        viaProxy = proxy.clients(ATTEMPTS);
        direct.s3().createBucket(b -> b.bucket(BUCKET));
        direct.s3().putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));
        inbox = AlertInbox.create(direct, "iam-drift-alerts", "fault-inbox");
        topicArn = inbox.topicArn();

        IamClient iam = direct.iam();
        String deployArn = iam.createPolicy(b -> b.policyName("CIDeploy").policyDocument(LiveAuditIT.DEPLOY))
                .policy()
                .arn();
        iam.createUser(b -> b.userName(USER));
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(deployArn));
        iam.putUserPolicy(b -> b.userName(USER).policyName("state").policyDocument(LiveAuditIT.STATE));
        var key = iam.createAccessKey(b -> b.userName(USER)).accessKey();
        accessKeyId = key.accessKeyId();
        secretAccessKey = key.secretAccessKey();
        iam.createUser(b -> b.userName("bystander"));
        iam.putUserPolicy(b -> b.userName("bystander")
                .policyName("private")
                .policyDocument(LiveAuditIT.STATE.replace("tf-state/shop/*", "bystander-private-bucket/*")));
        service().capture(List.of(USER), true);
        // drift that every run must find, faults or not
        String wide = iam.createPolicy(
                        b -> b.policyName("Everything")
                                .policyDocument(
                                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                .policy()
                .arn();
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(wide));
        referenceFindings = service()
                .audit("reference", IamCollector.Scope.all(), false)
                .report()
                .findings();
        reference = ids(referenceFindings);
        assertThat(reference).isNotEmpty();
    }

    @BeforeEach
    void cleanSlate() throws Exception {
        proxy.clear();
        proxy.resetCounts();
        direct.s3().deleteObject(b -> b.bucket(BUCKET).key("state/" + ACCOUNT + "/alerts.json"));
        alerts();
    }

    @AfterAll
    static void figures() {
        System.out.println(
                "FaultInjectionIT faults injected (and survived or reported) per kind: " + INJECTED + ", total "
                        + INJECTED.values().stream().mapToInt(Integer::intValue).sum());
        proxy.close();
        inbox.close();
        viaProxy.close();
        direct.close();
    }

    /** The live audit wired to the proxy; the credential report wait is short and its sleeps a tenth. */
    static LiveAudit service() {
        LiveConfig config =
                new LiveConfig(BUCKET, "baselines/", BUCKET, topicArn, "it", Severity.CRITICAL, Duration.ofHours(24));
        AwsClients aws = viaProxy;
        IamCollector collector = new IamCollector(
                aws.iam(),
                aws.sts(),
                Clock.systemUTC(),
                Duration.ofSeconds(2),
                d -> Thread.sleep(Math.max(1, d.toMillis() / 10)));
        return new LiveAudit(new LiveAudit.Parts(
                config,
                collector,
                new S3BaselineStore(aws.s3(), BUCKET, "baselines/"),
                new S3ReportStore(aws.s3(), BUCKET),
                new S3AlertStateStore(aws.s3(), BUCKET),
                new SnsNotifier(aws.sns(), topicArn),
                Auditor.withDefaults(),
                Clock.systemUTC(),
                null,
                new S3AlertStateStore(aws.s3(), BUCKET, "state/", "baselines.json"),
                null));
    }

    static Map<String, Object> scheduled(String eventId, Context context) {
        Handlers.use(service());
        return new ScheduledAuditHandler()
                .handleRequest(
                        Map.of("id", eventId, "detail-type", "Scheduled Event", "source", "aws.events"), context);
    }

    static Set<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    static List<JsonNode> alerts() {
        List<JsonNode> out = inbox.drain();
        out.forEach(a -> ALL_ALERT_BODIES.add(a.toString()));
        return out;
    }

    static void record() {
        proxy.injected().forEach((k, v) -> INJECTED.merge(k, v, Integer::sum));
    }

    @Test
    @Order(1)
    void throttlingAndServerErrorsWithinTheRetryBudgetChangeNoFinding() {
        proxy.add(Rule.throttle("iam:*", 0.5, ATTEMPTS - 1))
                .add(Rule.serverError("sts:*", 0.5, ATTEMPTS - 1))
                .add(Rule.serverError("s3:*", 0.3, ATTEMPTS - 1));
        for (int run = 1; run <= 4; run++) {
            LiveAudit.Outcome outcome = service().audit("faulty-" + run, IamCollector.Scope.all(), false);
            assertThat(ids(outcome.report().findings()))
                    .as("run %d under faults %s", run, proxy.injected())
                    .isEqualTo(reference);
        }
        assertThat(proxy.injected()).containsKeys("throttle iam:*", "5xx s3:*");
        record();
    }

    @Test
    @Order(2)
    void pastTheRetryBudgetTheRunNamesWhatWasNotAuditedAndAlerts() throws Exception {
        proxy.add(Rule.throttle("iam:GetAccountAuthorizationDetails", 1.0, Integer.MAX_VALUE));
        Map<String, Object> response = scheduled("throttled-out", null);
        assertThat(proxy.injected()).containsEntry("throttle iam:GetAccountAuthorizationDetails", ATTEMPTS);
        assertThat(response).containsEntry("notified", true);
        var report = LiveAuditIT.JSON.readTree(direct.s3()
                .getObjectAsBytes(b -> b.bucket(BUCKET)
                        .key(response.get("report").toString().substring(("s3://" + BUCKET + "/").length())))
                .asByteArray());
        List<String> types = new ArrayList<>();
        report.get("findings")
                .forEach(f -> types.add(
                        f.get("type").asText() + " " + f.at("/principal/name").asText()));
        assertThat(types)
                .contains("AUDIT_INCOMPLETE " + USER, "AUDIT_INCOMPLETE " + ACCOUNT)
                .noneMatch(t -> t.startsWith("PRINCIPAL_MISSING"));
        assertThat(report.get("unaudited").toString()).contains(USER);
        String body = alerts().get(0).get("Message").asText();
        assertThat(body).contains(USER + " was not audited").contains("Throttling");
        record();
    }

    @Test
    @Order(3)
    void credentialReportNotReadyForAWhileThenReadyChangesNoFinding() {
        proxy.add(Rule.credentialReportNotReady(3));
        LiveAudit.Outcome outcome = service().audit("slow-report", IamCollector.Scope.all(), false);
        assertThat(ids(outcome.report().findings())).isEqualTo(reference);
        assertThat(proxy.injected()).containsEntry("credential report not ready", 3);
        assertThat(proxy.calls()).containsEntry("iam:GenerateCredentialReport", 4);
        record();
    }

    @Test
    @Order(4)
    void credentialReportNeverReadyIsAFindingNotAHang() {
        proxy.add(Rule.credentialReportNotReady(Integer.MAX_VALUE));
        Instant start = Instant.now();
        LiveAudit.Outcome outcome = service().audit("no-report", IamCollector.Scope.all(), false);
        assertThat(Duration.between(start, Instant.now()))
                .as("bounded by the 2 s wait, not a hang")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(outcome.report().findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.AUDIT_INCOMPLETE);
            assertThat(f.evidence()).containsEntry("notCollected", "credential report");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(referenceFindings).anyMatch(f -> FROM_CREDENTIAL_REPORT.contains(f.type()));
        assertThat(ids(outcome.report().findings()))
                .as("every finding not from the credential report still there")
                .containsAll(ids(referenceFindings.stream()
                        .filter(f -> !FROM_CREDENTIAL_REPORT.contains(f.type()))
                        .toList()));
        record();
    }

    @Test
    @Order(5)
    void unavailableS3SendsACriticalCouldNotRunAlertAndFailsTheHandler() throws Exception {
        proxy.add(Rule.serverError("s3 down", Rule.op("s3:*")));
        assertThatThrownBy(() -> scheduled("s3-down", null)).hasMessageContaining("503");
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("Subject").asText()).startsWith("IAM drift CRITICAL");
        assertThat(alerts.get(0).get("Message").asText())
                .contains("could not run")
                .contains("reading the baselines");
        record();
    }

    @Test
    @Order(6)
    void failedPublishKeepsTheReportFailsTheHandlerAndTheRetryAlertsExactlyOnce() throws Exception {
        proxy.add(Rule.serverError("sns down", Rule.op("sns:Publish")));
        assertThatThrownBy(() -> scheduled("sns-down", null)).isInstanceOf(RuntimeException.class);
        record();
        assertThat(proxy.injected()).containsEntry("sns down", ATTEMPTS);
        assertThat(alerts()).isEmpty();
        assertThat(direct.s3()
                        .listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/" + ACCOUNT + "/"))
                        .contents())
                .anyMatch(o -> o.key().endsWith("/sns-down.json"));
        proxy.clear();
        assertThat(scheduled("sns-down", null))
                .as("Lambda's retry of the same event")
                .containsEntry("notified", true);
        assertThat(alerts()).hasSize(1);
        assertThat(scheduled("sns-down", null)).as("a second retry").containsEntry("notified", false);
        assertThat(alerts()).isEmpty();
    }

    @Test
    @Order(7)
    void aFailedPublishReleasesItsClaimSoTheNextRunAlertsInsteadOfWaitingOutTheLease() throws Exception {
        proxy.add(Rule.serverError("sns down", Rule.op("sns:Publish")));
        assertThatThrownBy(() -> scheduled("claim-failed", null)).isInstanceOf(RuntimeException.class);
        record();
        assertThat(proxy.injected()).containsKey("sns down");
        assertThat(alerts()).isEmpty();
        AlertState afterFailure = AlertState.fromJson(new String(
                new S3AlertStateStore(direct.s3(), BUCKET)
                        .read(ACCOUNT)
                        .orElseThrow()
                        .json(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(afterFailure.claims())
                .as("the failed run's claim is released")
                .isEmpty();
        proxy.clear();

        assertThat(scheduled("claim-next", null))
                .as("the next scheduled run, another event id")
                .containsEntry("notified", true);
        assertThat(alerts()).hasSize(1);
    }

    @Test
    @Order(8)
    void theTimeBudgetEndsCollectionInTimeWithAPartialReport() throws Exception {
        proxy.add(Rule.delay("iam:GetAccountAuthorizationDetails", Duration.ofSeconds(60)));
        Instant start = Instant.now();
        Map<String, Object> response = scheduled("late", new RemainingTime(Duration.ofSeconds(12)));
        Duration took = Duration.between(start, Instant.now());
        assertThat(took).as("returned before Lambda's 12 s timeout").isLessThan(Duration.ofSeconds(12));
        assertThat(response.get("report").toString()).endsWith("/late.json");
        assertThat(((Map<?, ?>) response.get("findings")).get("CRITICAL")).isNotEqualTo(0);
        String key = response.get("report").toString().substring(("s3://" + BUCKET + "/").length());
        String report =
                direct.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
        assertThat(report).contains("AUDIT_INCOMPLETE").contains(USER + " was not audited");
        assertThat(alerts()).hasSize(1);
        record();
    }

    @Test
    @Order(9)
    void concurrentScheduleAndChangeRunsLoseNoAlertStateAndAlertNothingTwice() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Map<String, Object>> schedule = () -> {
                go.await();
                return scheduledWith(service(), "concurrent-schedule");
            };
            Callable<Map<String, Object>> change = () -> {
                go.await();
                return service()
                        .audit("concurrent-change", IamCollector.Scope.users(USER), true)
                        .response()
                        .toMap();
            };
            Future<Map<String, Object>> a = pool.submit(schedule);
            Future<Map<String, Object>> b = pool.submit(change);
            go.countDown();
            List<Map<String, Object>> responses = List.of(a.get(), b.get());
            long notified = responses.stream()
                    .filter(r -> Boolean.TRUE.equals(r.get("notified")))
                    .count();
            // the first run to claim the findings alerts them; the other sees the claim and leaves them
            System.out.println("FaultInjectionIT concurrent runs: " + notified + " of 2 sent the alert");
            assertThat(notified).isEqualTo(1L);
            assertThat(alerts()).hasSize((int) notified);
        } finally {
            pool.shutdownNow();
        }
        AlertState state = AlertState.fromJson(new String(
                new S3AlertStateStore(direct.s3(), BUCKET)
                        .read(ACCOUNT)
                        .orElseThrow()
                        .json(),
                StandardCharsets.UTF_8));
        Set<String> critical = service().audit("after", IamCollector.Scope.all(), false).report().findings().stream()
                .filter(f -> f.severity() == Severity.CRITICAL)
                .map(Finding::id)
                .collect(Collectors.toSet());
        assertThat(state.findings().keySet())
                .as("no finding's alert state lost")
                .containsAll(critical);
        assertThat(scheduled("after-concurrent", null))
                .as("nothing alerted twice")
                .containsEntry("notified", false);
        assertThat(alerts()).isEmpty();
    }

    @Test
    @Order(10)
    void conditionalWritesLetNoConcurrentUpdateOfAlertStateGetLost() throws Exception {
        // moto checks If-Match / If-None-Match on PutObject (moto 5.2: check-then-put, not atomic in the emulator)
        AlertStateStore store = new S3AlertStateStore(viaProxy.s3(), BUCKET, "state-counter/");
        int threads = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int[] conflicts = new int[1];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        while (true) {
                            var current = store.read(ACCOUNT);
                            int n = current.map(v -> Integer.parseInt(new String(v.json(), StandardCharsets.UTF_8)))
                                    .orElse(0);
                            try {
                                store.write(
                                        ACCOUNT,
                                        Integer.toString(n + 1).getBytes(StandardCharsets.UTF_8),
                                        current.map(AlertStateStore.Versioned::tag)
                                                .orElse(null));
                                break;
                            } catch (AlertStateStore.ConcurrentModificationException e) {
                                synchronized (conflicts) {
                                    conflicts[0]++;
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total =
                Integer.parseInt(new String(store.read(ACCOUNT).orElseThrow().json(), StandardCharsets.UTF_8));
        System.out.println("FaultInjectionIT conditional writes: " + threads * each + " increments, " + conflicts[0]
                + " conflicts detected and retried");
        assertThat(total).isEqualTo(threads * each);
    }

    @Test
    @Order(11)
    void anEditedBaselineIsReportedAndOneThatAllowsMoreIsCritical() throws Exception {
        scheduled("before-edit", null); // remembers the baselines as they are
        alerts();
        var objects = direct.s3()
                .listObjectsV2(b -> b.bucket(BUCKET).prefix("baselines/" + ACCOUNT + "/"))
                .contents();
        String key = objects.get(0).key();
        String before =
                direct.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
        String oldVersion =
                direct.s3().headObject(b -> b.bucket(BUCKET).key(key)).versionId();
        // the attacker's edit: the baseline now expects the wide policy, so the drift would go quiet
        String widened = before.replace("\"lambda:GetFunction\"", "\"*\"");
        assertThat(widened).isNotEqualTo(before);
        String newVersion = direct.s3()
                .putObject(
                        b -> b.bucket(BUCKET).key(key),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(widened))
                .versionId();

        Map<String, Object> response = scheduled("after-edit", null);
        assertThat(response).containsEntry("notified", true);
        String body = alerts().get(0).get("Message").asText();
        assertThat(body).as("CRITICAL: alerted").contains("now allows " + USER + " more than before");
        String reportKey = response.get("report").toString().substring(("s3://" + BUCKET + "/").length());
        JsonNode report = LiveAuditIT.JSON.readTree(direct.s3()
                .getObjectAsBytes(b -> b.bucket(BUCKET).key(reportKey))
                .asByteArray());
        JsonNode changed = null;
        for (JsonNode f : report.get("findings")) {
            if (f.get("type").asText().equals("BASELINE_CHANGED")) {
                changed = f;
            }
        }
        assertThat(changed).as("HIGH: in the report").isNotNull();
        assertThat(changed.get("severity").asText()).isEqualTo("HIGH");
        assertThat(changed.at("/evidence/previousVersionId").asText()).isEqualTo(oldVersion);
        assertThat(changed.at("/evidence/versionId").asText())
                .isEqualTo(newVersion)
                .isNotEqualTo(oldVersion);
        assertThat(changed.toString()).contains("list-object-versions").contains("--version-id " + oldVersion);

        assertThat(scheduled("after-edit-2", null))
                .as("reported once, then remembered")
                .containsEntry("notified", false);
        direct.s3()
                .putObject(
                        b -> b.bucket(BUCKET).key(key),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(before));
        alerts();
    }

    @Test
    @Order(12)
    void anErrorNamingAnAccessKeyIsAlertedAndLoggedWithTheKeyMasked() throws Exception {
        BaselineSource failing = new BaselineSource() {
            @Override
            public List<io.iamdrift.aws.StoredObject> list(String accountId) {
                throw new IllegalStateException(
                        "AccessDenied: the request signed with " + accessKeyId + " was refused");
            }

            @Override
            public String location(String accountId) {
                return "s3://" + BUCKET + "/baselines/" + accountId + "/";
            }

            @Override
            public io.iamdrift.aws.StoredObject write(String accountId, String fileName, byte[] json) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.iamdrift.aws.StoredObject replace(io.iamdrift.aws.StoredObject read, byte[] json) {
                throw new UnsupportedOperationException();
            }
        };
        LiveConfig config =
                new LiveConfig(BUCKET, "baselines/", BUCKET, topicArn, "it", Severity.CRITICAL, Duration.ofHours(24));
        LiveAudit service = new LiveAudit(new LiveAudit.Parts(
                config,
                IamCollector.of(viaProxy),
                failing,
                new S3ReportStore(viaProxy.s3(), BUCKET),
                new S3AlertStateStore(viaProxy.s3(), BUCKET),
                new SnsNotifier(viaProxy.sns(), topicArn),
                Auditor.withDefaults(),
                Clock.systemUTC(),
                null,
                null,
                null));
        assertThatThrownBy(() -> service.audit("key-in-error", IamCollector.Scope.all(), true))
                .hasMessageContaining("AccessDenied");
        String body = alerts().get(0).get("Message").asText();
        assertThat(body).contains("AccessDenied").contains(accessKeyId.substring(accessKeyId.length() - 4));
        assertThat(logs.lines()).anyMatch(l -> l.contains("key-in-error could not run"));
    }

    @Test
    @Order(13)
    void noAlertOrLogLineCarriesACredentialOrAnUnrelatedPrincipalsPolicy() throws Exception {
        alerts();
        assertThat(ALL_ALERT_BODIES).isNotEmpty();
        assertThat(logs.lines()).as("log lines captured").isNotEmpty();
        String latest = direct.s3()
                .getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/" + ACCOUNT + "/latest.json"))
                .asUtf8String();
        List<String> texts = new ArrayList<>(ALL_ALERT_BODIES);
        texts.add(latest);
        texts.addAll(logs.lines());
        for (String text : texts) {
            assertThat(text)
                    .doesNotContain(accessKeyId)
                    .doesNotContain(secretAccessKey)
                    .doesNotContain("bystander-private-bucket");
        }
    }

    static Map<String, Object> scheduledWith(LiveAudit service, String eventId) {
        return service.audit(eventId, IamCollector.Scope.all(), true).response().toMap();
    }

    /** A Lambda context whose remaining time runs down from the given budget. */
    record RemainingTime(Instant deadline) implements Context {
        RemainingTime(Duration budget) {
            this(Instant.now().plus(budget));
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        }

        @Override
        public String getAwsRequestId() {
            return "late-request";
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "drift-auditor";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
