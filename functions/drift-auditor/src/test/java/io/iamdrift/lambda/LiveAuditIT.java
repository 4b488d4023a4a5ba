package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.testing.AlertInbox;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The live auditor end to end against moto_server over HTTP: IAM users and policies, baselines in S3, the
 * scheduled handler, the report objects, and the alert as an SQS subscriber of the topic receives it.
 */
@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveAuditIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String BUCKET = "drift-auditor-it";
    static final String USER = "shop-ci-deployer";
    static final String STATE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"State\",\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::tf-state/shop/*\"}]}";
    static final String DEPLOY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Functions\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"lambda:GetFunction\",\"lambda:UpdateFunctionCode\"],\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:shop-*\"},"
                    + "{\"Sid\":\"Identity\",\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}";

    static MotoServer.Endpoint moto;
    static AwsClients aws;
    static IamClient iam;
    static AlertInbox inbox;
    static String topicArn;

    @BeforeAll
    static void account(MotoServer.Endpoint endpoint) {
        moto = endpoint;
        moto.reset();
        aws = moto.clients();
        iam = aws.iam();
        MotoLiveAudit.versionedBucket(aws, BUCKET);
        inbox = AlertInbox.create(aws, "iam-drift-alerts", "alert-inbox");
        topicArn = inbox.topicArn();

        String deployArn = iam.createPolicy(b -> b.policyName("CIDeploy").policyDocument(DEPLOY))
                .policy()
                .arn();
        iam.createUser(b -> b.userName(USER));
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(deployArn));
        iam.putUserPolicy(b -> b.userName(USER).policyName("state").policyDocument(STATE));
        iam.createAccessKey(b -> b.userName(USER));
    }

    static LiveAudit service() {
        return MotoLiveAudit.over(aws, BUCKET, topicArn, Duration.ofHours(24));
    }

    static Map<String, Object> scheduled(String eventId) {
        Handlers.use(service());
        return new ScheduledAuditHandler()
                .handleRequest(Map.of("id", eventId, "detail-type", "Scheduled Event", "source", "aws.events"), null);
    }

    static List<JsonNode> alerts() {
        return inbox.drain();
    }

    @Test
    @Order(1)
    void capturedBaselineIsWrittenToS3ThroughTheAdHocHandler() {
        Handlers.use(service());
        Map<String, Object> response = new AdHocHandler()
                .handleRequest(Map.of("action", "capture-baseline", "principals", List.of(USER), "write", true), null);
        assertThat((List<?>) response.get("written"))
                .singleElement()
                .asString()
                .startsWith("s3://" + BUCKET + "/baselines/123456789012/captured-");
        assertThat(aws.s3()
                        .listObjectsV2(b -> b.bucket(BUCKET).prefix("baselines/123456789012/"))
                        .contents())
                .hasSize(1);
    }

    @Test
    @Order(2)
    void cleanAccountWritesTheReportAndSendsNoAlert() throws Exception {
        Map<String, Object> response = scheduled("event-1");
        assertThat(response).containsEntry("principalsAudited", 1).containsEntry("notified", false);
        assertThat(((Map<?, ?>) response.get("findings")).get("CRITICAL")).isEqualTo(0);
        String report = response.get("report").toString();
        assertThat(report).matches("s3://" + BUCKET + "/reports/123456789012/\\d{4}/\\d{2}/\\d{2}/event-1\\.json");
        List<String> keys =
                aws.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/123456789012/")).contents().stream()
                        .map(o -> o.key())
                        .toList();
        assertThat(keys).contains("reports/123456789012/latest.json").anyMatch(k -> k.endsWith("/event-1.md"));
        assertThat(alerts()).isEmpty();
    }

    @Test
    @Order(3)
    void newCriticalDriftIsAlertedOnceWithSubjectBodyAndAttributes() throws Exception {
        String wide = iam.createPolicy(
                        b -> b.policyName("Everything")
                                .policyDocument(
                                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                .policy()
                .arn();
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(wide));
        Map<String, Object> response = scheduled("event-2");
        assertThat(response).containsEntry("notified", true);
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("Subject").asText())
                .startsWith("IAM drift CRITICAL:")
                .contains("123456789012")
                .hasSizeLessThanOrEqualTo(100);
        assertThat(alert.get("Message").asText())
                .contains(USER)
                .contains("aws iam detach-user-policy --user-name " + USER)
                .contains("s3://" + BUCKET + "/reports/");
        assertThat(alert.at("/MessageAttributes/severity/Value").asText()).isEqualTo("CRITICAL");
        assertThat(alert.at("/MessageAttributes/accountId/Value").asText()).isEqualTo("123456789012");
        assertThat(alert.at("/MessageAttributes/findingCount/Value").asInt()).isPositive();
    }

    @Test
    @Order(4)
    void sameDriftOnTheNextRunIsNotAlertedAgain() throws Exception {
        assertThat(scheduled("event-3")).containsEntry("notified", false);
        assertThat(alerts()).isEmpty();
    }

    @Test
    @Order(5)
    void retriedInvocationOfAnAlertedEventSendsNothing() throws Exception {
        assertThat(scheduled("event-2")).containsEntry("notified", false);
        assertThat(alerts()).isEmpty();
    }

    @Test
    @Order(6)
    void changedPolicyIsAlertedForThatDriftAlone() throws Exception {
        iam.putUserPolicy(
                b -> b.userName(USER).policyName("state").policyDocument(STATE.replace("tf-state/shop/*", "*")));
        assertThat(scheduled("event-4")).containsEntry("notified", true);
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1);
        String body = alerts.get(0).get("Message").asText();
        assertThat(body)
                .contains("Inline policy state on " + USER)
                .contains("NEW (1)")
                .doesNotContain("Everything");
        assertThat(alerts.get(0).at("/MessageAttributes/findingCount/Value").asInt())
                .isEqualTo(1);
    }

    @Test
    @Order(7)
    void badBaselineObjectRaisesABaselineInvalidAlert() throws Exception {
        aws.s3()
                .putObject(
                        b -> b.bucket(BUCKET).key("baselines/123456789012/broken.json"),
                        RequestBody.fromString("{\"schemaVersion\": 1, \"principals\": [", StandardCharsets.UTF_8));
        assertThat(scheduled("event-5")).containsEntry("notified", true);
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("Message").asText()).contains("broken.json");
        aws.s3().deleteObject(b -> b.bucket(BUCKET).key("baselines/123456789012/broken.json"));
    }

    @Test
    @Order(8)
    void changeEventAuditsOnlyThePrincipalConcerned() {
        iam.createUser(b -> b.userName("someone-else"));
        Handlers.use(service());
        Map<String, Object> response = new ChangeHandler()
                .handleRequest(
                        Map.of(
                                "id",
                                "ct-1",
                                "detail-type",
                                "AWS API Call via CloudTrail",
                                "source",
                                "aws.iam",
                                "detail",
                                Map.of("eventName", "PutUserPolicy", "requestParameters", Map.of("userName", USER))),
                        null);
        assertThat(response).containsEntry("principalsAudited", 1);
    }

    @Test
    @Order(9)
    void theJarRunsTheSameFlowFromTheCommandLine() throws Exception {
        Path jar = Path.of("target/drift-auditor.jar");
        assertThat(jar).exists();
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL",
                moto.uri().toString(),
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "BASELINE_BUCKET",
                BUCKET,
                "ALERT_TOPIC_ARN",
                topicArn,
                "ENVIRONMENT_NAME",
                "it");
        Run audit = java(env, "-jar", jar.toString(), "audit", "--live", "--format", "json");
        assertThat(audit.code())
                .as("out: %s\nerr: %s", audit.out(), audit.err())
                .isEqualTo(2);
        assertThat(JSON.readTree(audit.out()).at("/summary/principalsAudited").asInt())
                .as("someone-else matches no discovery rule")
                .isEqualTo(1);

        Path event = Path.of("../../events/adhoc-audit.json");
        Run invoke = java(env, "-jar", jar.toString(), "invoke", "--event", event.toString());
        assertThat(invoke.code())
                .as("out: %s\nerr: %s", invoke.out(), invoke.err())
                .isZero();
        JsonNode response = JSON.readTree(invoke.out());
        assertThat(response.get("runId").asText()).isNotBlank();
        assertThat(response.get("report").asText()).startsWith("s3://" + BUCKET + "/reports/123456789012/");
    }

    @Test
    @Order(10)
    void theJarLogsJsonAndEmitsMetricsInLambdaAndPlainLinesOnStderrOnTheCommandLine() throws Exception {
        Path jar = Path.of("target/drift-auditor.jar");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AWS_ENDPOINT_URL",
                moto.uri().toString(),
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "BASELINE_BUCKET",
                BUCKET,
                "ALERT_TOPIC_ARN",
                topicArn,
                "POWERTOOLS_SERVICE_NAME",
                "drift-it"));
        Path event = Path.of("../../events/scheduled.json");

        Run cli = java(env, "-jar", jar.toString(), "invoke", "--event", event.toString());
        assertThat(cli.code()).as(cli.err()).isZero();
        assertThat(JSON.readTree(cli.out()).has("runId"))
                .as("stdout is the response alone")
                .isTrue();
        assertThat(cli.err()).contains("INFO LiveAudit - audit ");

        env.put("AWS_LAMBDA_FUNCTION_NAME", "drift-it-scheduled-audit");
        Run lambda = java(env, "-jar", jar.toString(), "invoke", "--event", event.toString());
        assertThat(lambda.code()).as(lambda.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : lambda.out().split("\n")) {
            if (line.startsWith("{\"")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as(lambda.out()).anySatisfy(log -> {
            assertThat(log.path("level").asText()).isEqualTo("INFO");
            assertThat(log.path("message").asText()).startsWith("audit ");
            assertThat(log.path("service").asText()).isEqualTo("drift-it");
            assertThat(log.path("function_request_id").asText()).isNotBlank();
        });
        assertThat(lines).anySatisfy(emf -> {
            JsonNode metrics = emf.at("/_aws/CloudWatchMetrics/0");
            assertThat(metrics.path("Namespace").asText()).isEqualTo("IamDriftAuditor");
            assertThat(metrics.path("Dimensions").toString()).isEqualTo("[[\"Service\",\"Trigger\"]]");
            assertThat(emf.path("Service").asText()).isEqualTo("drift-it");
            assertThat(emf.path("Trigger").asText()).isEqualTo("schedule");
            assertThat(emf.path("AuditsCompleted").asDouble()).isEqualTo(1.0);
        });
        assertThat(lambda.err()).as("no log4j configuration errors").doesNotContain("ERROR");
    }

    record Run(int code, String out, String err) {}

    static Run java(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(args));
        File out = File.createTempFile("out", ".txt");
        File err = File.createTempFile("err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }
}
