package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.testing.AlertInbox;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Change-triggered and ad hoc runs judge only their scope, and never replace the account's latest report; a
 * capture with {@code write: true} updates the baseline object that names the principal (old one kept as an S3
 * version). Against moto_server, with a versioned bucket and the alert topic's SQS subscriber.
 */
@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScopedRunIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String BUCKET = "drift-scoped-it";
    static final String PREFIX = "baselines/123456789012/";
    static final String LATEST = "reports/123456789012/latest.json";
    static final String PROD = "shop-prod-deployer";
    static final String PREPROD = "shop-preprod-deployer";
    static final String STATE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"State\",\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::tf-state/shop/*\"}]}";

    static AwsClients aws;
    static IamClient iam;
    static AlertInbox inbox;
    static String deployPolicy;

    @BeforeAll
    static void account(MotoServer.Endpoint moto) {
        moto.reset();
        aws = moto.clients();
        iam = aws.iam();
        MotoLiveAudit.versionedBucket(aws, BUCKET);
        inbox = AlertInbox.create(aws, "scoped-alerts", "scoped-inbox");
        for (String user : List.of(PROD, PREPROD)) {
            iam.createUser(b -> b.userName(user));
            iam.putUserPolicy(b -> b.userName(user).policyName("state").policyDocument(STATE));
        }
        deployPolicy = iam.createPolicy(b -> b.policyName("ShopDeploy").policyDocument(STATE))
                .policy()
                .arn();
        iam.attachUserPolicy(b -> b.userName(PROD).policyArn(deployPolicy));
    }

    static LiveAudit service() {
        return MotoLiveAudit.over(aws, BUCKET, inbox.topicArn(), Duration.ofHours(24));
    }

    static Map<String, Object> adHoc(Map<String, Object> event) {
        Handlers.use(service());
        return new AdHocHandler().handleRequest(event, null);
    }

    static Map<String, Object> change(String id, String eventName, Map<String, Object> parameters) {
        Handlers.use(service());
        return new ChangeHandler()
                .handleRequest(
                        Map.of(
                                "id",
                                id,
                                "detail-type",
                                "AWS API Call via CloudTrail",
                                "source",
                                "aws.iam",
                                "detail",
                                Map.of("eventName", eventName, "requestParameters", parameters)),
                        null);
    }

    static List<String> baselineKeys() {
        return aws.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(PREFIX)).contents().stream()
                .map(o -> o.key())
                .toList();
    }

    static String text(String key) {
        return aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    static Object critical(Map<String, Object> response) {
        return ((Map<?, ?>) response.get("findings")).get("CRITICAL");
    }

    @Test
    @Order(1)
    void firstCaptureWritesOneNewBaselineObject() throws Exception {
        Map<String, Object> response =
                adHoc(Map.of("action", "capture-baseline", "principals", List.of(PROD, PREPROD), "write", true));
        assertThat((List<?>) response.get("written"))
                .singleElement()
                .asString()
                .startsWith("s3://" + BUCKET + "/" + PREFIX + "captured-");
        assertThat(baselineKeys()).hasSize(1);
        Map<String, Object> full = new ScheduledAuditHandler().handleRequest(Map.of("id", "full-1"), null);
        assertThat(critical(full)).isEqualTo(0);
        assertThat(JSON.readTree(text(LATEST)).get("runId").asText()).isEqualTo("full-1");
    }

    @Test
    @Order(2)
    void capturingABaselinedPrincipalAgainUpdatesItsObjectAndKeepsTheOldOneAsAVersion() {
        String key = baselineKeys().get(0);
        iam.putUserPolicy(b ->
                b.userName(PROD).policyName("state").policyDocument(STATE.replace("tf-state/shop/*", "tf-state/*")));
        Map<String, Object> response =
                adHoc(Map.of("action", "capture-baseline", "principals", List.of(PROD), "write", true));

        assertThat(response.get("written")).isEqualTo(List.of("s3://" + BUCKET + "/" + key));
        assertThat(baselineKeys()).containsExactly(key);
        assertThat(aws.s3()
                        .listObjectVersions(b -> b.bucket(BUCKET).prefix(key))
                        .versions())
                .hasSize(2);
        String updated = text(key);
        assertThat(updated).contains("tf-state/*").contains(PREPROD);
        Map<String, Object> full = new ScheduledAuditHandler().handleRequest(Map.of("id", "full-2"), null);
        assertThat(full).containsEntry("principalsAudited", 2);
        assertThat(critical(full))
                .as("no BASELINE_INVALID, and the capture is what the audit uses")
                .isEqualTo(0);
        assertThat(inbox.drain()).isEmpty();
    }

    @Test
    @Order(3)
    void policyVersionChangeOnAPolicyNoDeployerHoldsJudgesNobodyAndAlertsNothing() {
        String latest = text(LATEST);
        String orphan = iam.createPolicy(b -> b.policyName("Orphan").policyDocument(STATE))
                .policy()
                .arn();
        Map<String, Object> response = change("ct-orphan", "CreatePolicyVersion", Map.of("policyArn", orphan));

        assertThat(response).containsEntry("principalsAudited", 0).containsEntry("notified", false);
        assertThat(critical(response)).isEqualTo(0);
        assertThat(inbox.drain()).isEmpty();
        assertThat(response.get("report").toString()).endsWith("/ct-orphan.json");
        assertThat(text(LATEST))
                .as("a scoped run never replaces the latest report")
                .isEqualTo(latest);
    }

    @Test
    @Order(4)
    void adHocAuditOfANameThatIsNobodyJudgesNobody() {
        Map<String, Object> response =
                adHoc(Map.of("action", "audit", "principals", List.of("nobody"), "notify", true));
        assertThat(response).containsEntry("principalsAudited", 0).containsEntry("notified", false);
        assertThat(critical(response)).isEqualTo(0);
        assertThat(inbox.drain()).isEmpty();
    }

    @Test
    @Order(5)
    void changeEventForABaselinedUserDeletedSinceReportsThatUserMissingAndNoOther() throws Exception {
        String latest = text(LATEST);
        iam.deleteUserPolicy(b -> b.userName(PREPROD).policyName("state"));
        iam.deleteUser(b -> b.userName(PREPROD));
        Map<String, Object> response =
                change("ct-deleted", "PutUserPolicy", Map.of("userName", PREPROD, "policyName", "state"));

        assertThat(critical(response)).isEqualTo(1);
        String key = response.get("report").toString().substring(("s3://" + BUCKET + "/").length());
        List<JsonNode> findings = new java.util.ArrayList<>();
        JSON.readTree(text(key)).get("findings").forEach(findings::add);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.get("type").asText()).isEqualTo("PRINCIPAL_MISSING");
            assertThat(f.at("/principal/name").asText()).isEqualTo(PREPROD);
        });
        List<JsonNode> alerts = inbox.drain();
        assertThat(alerts)
                .singleElement()
                .satisfies(a ->
                        assertThat(a.get("Message").asText()).contains(PREPROD).doesNotContain(PROD));
        assertThat(text(LATEST)).isEqualTo(latest);
    }

    @Test
    @Order(6)
    void detachedPolicyIsNotAttachedInAScopedRunNotMissing() throws Exception {
        iam.detachUserPolicy(b -> b.userName(PROD).policyArn(deployPolicy));
        Map<String, Object> response =
                change("ct-detach", "DetachUserPolicy", Map.of("userName", PROD, "policyArn", deployPolicy));
        String key = response.get("report").toString().substring(("s3://" + BUCKET + "/").length());
        List<String> types = new java.util.ArrayList<>();
        JSON.readTree(text(key))
                .get("findings")
                .forEach(f -> types.add(f.get("type").asText()));
        assertThat(types).contains("MANAGED_POLICY_NOT_ATTACHED").doesNotContain("MANAGED_POLICY_MISSING");
        inbox.drain();
    }

    @Test
    @Order(7)
    void scopedRunsLeaveTheAlertStateOfOtherPrincipalsSoTheNextFullRunAlertsNothingTwice() {
        adHoc(Map.of("action", "audit", "principals", List.of("nobody"), "notify", true));
        change("ct-other", "AttachUserPolicy", Map.of("userName", "nobody-either", "policyArn", deployPolicy));
        Map<String, Object> full = new ScheduledAuditHandler().handleRequest(Map.of("id", "full-3"), null);
        assertThat(critical(full))
                .as("PREPROD missing, PROD's detached policy: both alerted already")
                .isEqualTo(2);
        assertThat(full).containsEntry("notified", false);
        assertThat(inbox.drain()).isEmpty();
    }
}
