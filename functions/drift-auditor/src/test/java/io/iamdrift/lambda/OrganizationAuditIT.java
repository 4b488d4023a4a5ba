package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.MemberRoles;
import io.iamdrift.aws.RoleAssumer;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.aws.testing.SqsInbox;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.Json;
import io.iamdrift.organization.AccountSelection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Organization mode end to end against moto_server: an organization of four member accounts (moto is
 * multi-account: credentials from sts:AssumeRole into account X make IAM calls act on account X), the member role
 * and a deployer in three of them, baselines captured per account, drift in two; the hub handler, then the member
 * handler driven with the queue's real messages as Lambda's SQS event source would (delete on success, redelivery
 * after the visibility timeout on a batch item failure), the per-account reports, the summary, and the one alert.
 */
@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizationAuditIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String BUCKET = "drift-org-it";
    static final String HUB = MotoServer.ACCOUNT_ID;
    static final String ROLE = "IamDriftAuditorMember";
    static final String EXTERNAL_ID = "org-it-external-id";
    static final String DEPLOYER = "ci-deployer";
    static final String DEPLOY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Functions\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"lambda:GetFunction\",\"lambda:UpdateFunctionCode\"],\"Resource\":\"arn:aws:lambda:*:*:function:shop-*\"}]}";
    static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
            + "\"iam:GetAccountAuthorizationDetails\",\"iam:GenerateCredentialReport\",\"iam:GetCredentialReport\"],"
            + "\"Resource\":\"*\"}]}";
    static final String TRUST =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::" + HUB + ":role/iam-drift-member-audit\"},\"Action\":\"sts:AssumeRole\","
                    + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + EXTERNAL_ID + "\"}}}]}";

    static AwsClients hub;
    static SqsClient sqs;
    static SqsInbox inbox;
    static String topicArn;
    static String queueUrl;
    static String dlqUrl;
    /** name to account id: drifted (admin policy attached), clean, changed (inline policy widened), no-role */
    static final Map<String, String> ACCOUNTS = new LinkedHashMap<>();

    @BeforeAll
    static void organization(MotoServer.Endpoint moto) {
        moto.reset();
        hub = moto.clients();
        sqs = hub.sqs();
        hub.s3().createBucket(b -> b.bucket(BUCKET));
        topicArn = hub.sns().createTopic(b -> b.name("iam-drift-alerts")).topicArn();
        inbox = SqsInbox.subscribe(sqs, hub.sns(), topicArn, "org-alert-inbox");
        dlqUrl = sqs.createQueue(b -> b.queueName("org-accounts-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        queueUrl = sqs.createQueue(b -> b.queueName("org-accounts")
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "1",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}")))
                .queueUrl();

        hub.organizations().createOrganization(b -> b.featureSet("ALL"));
        for (String name : List.of("drifted", "clean", "changed", "no-role")) {
            var status = hub.organizations()
                    .createAccount(b -> b.accountName(name).email(name + "@example.com"))
                    .createAccountStatus();
            ACCOUNTS.put(name, status.accountId());
        }
        for (String name : List.of("drifted", "clean", "changed")) {
            try (AwsClients member = admin(ACCOUNTS.get(name))) {
                IamClient iam = member.iam();
                iam.createRole(b -> b.roleName(ROLE).assumeRolePolicyDocument(TRUST));
                iam.putRolePolicy(b -> b.roleName(ROLE).policyName("read-iam").policyDocument(READ_ONLY));
                String deploy = iam.createPolicy(b -> b.policyName("CIDeploy").policyDocument(DEPLOY))
                        .policy()
                        .arn();
                iam.createUser(b -> b.userName(DEPLOYER));
                iam.attachUserPolicy(b -> b.userName(DEPLOYER).policyArn(deploy));
                iam.putUserPolicy(b ->
                        b.userName(DEPLOYER).policyName("state").policyDocument(DEPLOY.replace("Functions", "State")));
                // the baseline is the account as it is now, captured with the auditor's own capture
                new LiveAudit(new LiveAudit.Parts(
                                live(),
                                IamCollector.of(member),
                                new S3BaselineStore(hub.s3(), BUCKET, "baselines/"),
                                new S3ReportStore(hub.s3(), BUCKET),
                                null,
                                null,
                                Auditor.withDefaults(),
                                Clock.systemUTC(),
                                null,
                                null,
                                null))
                        .capture(List.of(DEPLOYER), true);
            }
        }
        try (AwsClients member = admin(ACCOUNTS.get("drifted"))) {
            String admin = member.iam()
                    .createPolicy(
                            b -> b.policyName("Everything")
                                    .policyDocument(
                                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                    .policy()
                    .arn();
            member.iam().attachUserPolicy(b -> b.userName(DEPLOYER).policyArn(admin));
        }
        try (AwsClients member = admin(ACCOUNTS.get("changed"))) {
            member.iam()
                    .putUserPolicy(b ->
                            b.userName(DEPLOYER).policyName("state").policyDocument(DEPLOY.replace("shop-*", "*")));
        }
    }

    @AfterAll
    static void close() {
        hub.close();
    }

    /** Clients in a member account, as the organization's admin role (moto does not check that the role exists). */
    static AwsClients admin(String accountId) {
        return admin(hub, accountId);
    }

    static AwsClients admin(AwsClients hub, String accountId) {
        return new MemberRoles(hub, "OrganizationAccountAccessRole", "not-checked").assume(accountId, "it-setup");
    }

    static LiveConfig live() {
        return new LiveConfig(
                BUCKET, "baselines/", BUCKET, topicArn, "org-it", Severity.CRITICAL, Duration.ofHours(24));
    }

    /**
     * The production role assumer plus the check real STS makes and moto 5.2.1 does not (its AssumeRole succeeds for
     * any role ARN, existing or not, and ignores the trust policy and ExternalId): the role must exist in the account
     * and its trust policy must require our ExternalId; otherwise the same AccessDenied STS would answer.
     */
    static RoleAssumer withTrustCheck(MemberRoles roles) {
        return (accountId, session) -> {
            AwsClients member = roles.assume(accountId, session);
            try {
                String trust = java.net.URLDecoder.decode(
                        member.iam().getRole(b -> b.roleName(ROLE)).role().assumeRolePolicyDocument(),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (!trust.contains(EXTERNAL_ID)) {
                    throw new IllegalStateException("trust policy without our ExternalId");
                }
                return member;
            } catch (NoSuchEntityException | IllegalStateException e) {
                member.close();
                throw (StsException) StsException.builder()
                        .statusCode(403)
                        .message("User is not authorized to perform: " + "sts:AssumeRole on resource: "
                                + roles.roleArn(accountId))
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("AccessDenied")
                                .build())
                        .build();
            }
        };
    }

    static OrganizationAudit service(Duration deadline) {
        return service(deadline, AccountSelection.parse("", HUB));
    }

    static OrganizationAudit service(Duration deadline, AccountSelection selection) {
        OrgConfig org = new OrgConfig(queueUrl, ROLE, EXTERNAL_ID, selection, 2, 0, deadline);
        return new OrganizationAudit(OrganizationAudit.wiring(
                live(), org, hub, withTrustCheck(new MemberRoles(hub, ROLE, EXTERNAL_ID)), Clock.systemUTC()));
    }

    /**
     * Delivers the queue's account messages to the member handler one per event, as Lambda's event source mapping
     * with batch size 1 does, until the queue stays empty; returns the finalize messages (their DelaySeconds holds
     * them back in production) for the caller to deliver last. {@code drop} is an account whose message is deleted
     * unprocessed, as if it had gone to the dead-letter queue.
     */
    static List<Message> deliver(String drop) throws Exception {
        List<Message> finalize = new ArrayList<>();
        int idle = 0;
        while (idle < 3) {
            List<Message> ms = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            idle = ms.isEmpty() ? idle + 1 : 0;
            for (Message m : ms) {
                JsonNode body = JSON.readTree(m.body());
                boolean handled = true;
                if (body.path("type").asText().equals("finalize")) {
                    finalize.add(m);
                } else if (!body.path("accountId").asText().equals(drop)) {
                    handled = invoke(m).getBatchItemFailures().isEmpty();
                }
                if (handled) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return finalize;
    }

    static SQSBatchResponse invoke(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setBody(m.body());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        record.setAttributes(attributes);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        return new MemberAuditHandler().handleRequest(event, null);
    }

    static JsonNode s3Json(String key) throws Exception {
        return JSON.readTree(
                hub.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String());
    }

    static JsonNode row(JsonNode summary, String name) {
        for (JsonNode r : summary.path("accounts")) {
            if (r.path("accountId").asText().equals(ACCOUNTS.get(name))) {
                return r;
            }
        }
        throw new AssertionError("no row for " + name + " in " + summary.toPrettyString());
    }

    @Test
    @Order(1)
    void assumedRoleCredentialsActInTheMemberAccountInMoto() {
        String id = ACCOUNTS.get("clean");
        try (AwsClients member = new MemberRoles(hub, ROLE, EXTERNAL_ID).assume(id, "probe")) {
            assertThat(member.sts().getCallerIdentity(b -> {}).account()).isEqualTo(id);
            assertThat(member.iam().listUsers().users())
                    .extracting(u -> u.userName())
                    .containsExactly(DEPLOYER);
            assertThat(member.iam().getUser(b -> b.userName(DEPLOYER)).user().arn())
                    .contains(":" + id + ":");
        }
        assertThat(hub.iam().listUsers().users())
                .as("the hub account has no deployer")
                .isEmpty();
        assertThat(hub.organizations().listAccounts().accounts()).hasSize(5);
    }

    @Test
    @Order(2)
    void auditsEveryMemberAccountWritesOneSummaryAndSendsOneAlert() throws Exception {
        OrganizationAudit.use(service(Duration.ofHours(1)));
        Map<String, Object> started = new OrganizationHubHandler()
                .handleRequest(
                        Map.of("id", "org-run-1", "detail-type", "Scheduled Event", "source", "aws.events"), null);
        assertThat(started).containsEntry("accounts", 4).containsEntry("sendMessageBatchCalls", 1);

        List<Message> finalize = deliver(null);

        for (String name : List.of("drifted", "clean", "changed")) {
            JsonNode latest = s3Json("reports/" + ACCOUNTS.get(name) + "/latest.json");
            assertThat(latest.path("runId").asText()).isEqualTo("org-run-1");
            assertThat(latest.path("accountId").asText()).isEqualTo(ACCOUNTS.get(name));
        }
        assertThat(hub.s3()
                        .listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/org/org-run-1/accounts/"))
                        .keyCount())
                .isEqualTo(4);
        JsonNode summary = s3Json("reports/org/org-run-1/summary.json");
        assertThat(summary.at("/summary/accountsExpected").asInt()).isEqualTo(4);
        assertThat(summary.at("/summary/accountsAudited").asInt()).isEqualTo(3);
        assertThat(summary.at("/summary/accountsFailed").asInt()).isEqualTo(1);
        assertThat(summary.at("/summary/accountsMissing").asInt()).isZero();
        assertThat(summary.at("/summary/principalsAudited").asInt()).isEqualTo(3);
        assertThat(row(summary, "clean").at("/findings/CRITICAL").asInt()).isZero();
        assertThat(row(summary, "drifted").at("/findings/CRITICAL").asInt()).isPositive();
        assertThat(row(summary, "changed").at("/findings/CRITICAL").asInt()).isEqualTo(1);
        assertThat(row(summary, "no-role").path("status").asText()).isEqualTo("FAILED");
        assertThat(row(summary, "no-role").path("error").asText())
                .contains("assume-role")
                .contains("2 attempts")
                .contains("AccessDenied");
        assertThat(summary.path("incomplete")).hasSize(1);
        assertThat(summary.at("/incomplete/0/type").asText()).isEqualTo("AUDIT_INCOMPLETE");
        assertThat(summary.at("/incomplete/0/severity").asText()).isEqualTo("CRITICAL");
        assertThat(s3Json("reports/org/latest.json").path("runId").asText()).isEqualTo("org-run-1");
        assertThat(hub.s3()
                        .headObject(b -> b.bucket(BUCKET).key("reports/org/org-run-1/summary.md"))
                        .contentLength())
                .isPositive();

        List<JsonNode> alerts = inbox.drain();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("Subject").asText())
                .startsWith("IAM drift CRITICAL:")
                .containsPattern("\\d+ new incidents? in 3 accounts of the organization");
        // incident first, like the account's email: one numbered entry per incident, each account's findings in its
        // member's incidents (carried in the member's result), the AUDIT_INCOMPLETE account its own
        String message = alert.get("Message").asText();
        int incidents = alert.at("/MessageAttributes/incidentCount/Value").asInt();
        assertThat(incidents)
                .isPositive()
                .isLessThan(alert.at("/MessageAttributes/findingCount/Value").asInt());
        assertThat(alert.get("Subject").asText()).contains(incidents + " new incident");
        assertThat(message.lines()
                        .filter(l -> l.matches("\\d+\\. \\[[A-Z]+\\] .*"))
                        .count())
                .isEqualTo(incidents);
        assertThat(s3Json("reports/org/org-run-1/accounts/" + ACCOUNTS.get("drifted") + ".json")
                        .path("incidents"))
                .isNotEmpty();
        assertThat(message)
                .contains("Account " + ACCOUNTS.get("no-role") + " (no-role): 1 new incident")
                .contains("was not audited");
        // the admin attachment and what it grants (admin access, forbidden actions...) are one entry, not one each
        assertThat(message.split(java.util.regex.Pattern.quote("] Everything attached to " + DEPLOYER + "\n"), -1))
                .hasSize(2);
        assertThat(message)
                .contains("Account " + ACCOUNTS.get("drifted") + " (drifted)")
                .contains("Account " + ACCOUNTS.get("changed") + " (changed)")
                .contains("Account " + ACCOUNTS.get("no-role") + " (no-role)")
                .doesNotContain("Account " + ACCOUNTS.get("clean"))
                .contains("s3://" + BUCKET + "/reports/org/org-run-1/summary.json");
        assertThat(alert.at("/MessageAttributes/accountId/Value").asText()).isEqualTo(HUB);

        // the finalize message arrives after the run ended: nothing more is written or sent
        for (Message m : finalize) {
            assertThat(invoke(m).getBatchItemFailures()).isEmpty();
        }
        assertThat(inbox.drain()).isEmpty();
        assertThat(s3Json("reports/org/org-run-1/summary.json")
                        .path("finalizedBy")
                        .asText())
                .isEqualTo(summary.path("finalizedBy").asText());
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(0))
                        .messages())
                .isEmpty();
    }

    @Test
    @Order(3)
    void accountThatNeverReportsIsReportedMissingWhenTheDeadlinePasses() throws Exception {
        OrganizationAudit.use(service(Duration.ZERO));
        new OrganizationHubHandler().handleRequest(Map.of("id", "org-run-2"), null);
        List<Message> finalize = deliver(ACCOUNTS.get("clean"));
        assertThat(hub.s3()
                        .listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/org/org-run-2/summary.json"))
                        .keyCount())
                .as("no summary while an account is outstanding")
                .isZero();

        assertThat(finalize).hasSize(1);
        assertThat(invoke(finalize.get(0)).getBatchItemFailures()).isEmpty();

        JsonNode summary = s3Json("reports/org/org-run-2/summary.json");
        assertThat(summary.path("finalizedBy").asText()).isEqualTo("deadline");
        assertThat(summary.at("/summary/accountsMissing").asInt()).isEqualTo(1);
        assertThat(row(summary, "clean").path("status").asText()).isEqualTo("MISSING");
        List<JsonNode> alerts = inbox.drain();
        assertThat(alerts)
                .as("only what is new since run 1: the missing account")
                .hasSize(1);
        assertThat(alerts.get(0).get("Subject").asText()).contains("1 new incident in 1 account of the organization");
        assertThat(alerts.get(0).get("Message").asText())
                .contains("[CRITICAL] Account " + ACCOUNTS.get("clean") + " (clean) was not audited")
                .contains("Account " + ACCOUNTS.get("clean") + " (clean): 1 new incident\n");
    }

    @Test
    @Order(4)
    void membersFinishingTogetherWriteOneSummaryAndSendOneAlert() throws Exception {
        try (AwsClients member = admin(ACCOUNTS.get("clean"))) {
            String admin = member.iam()
                    .createPolicy(
                            b -> b.policyName("Everything")
                                    .policyDocument(
                                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                    .policy()
                    .arn();
            member.iam().attachUserPolicy(b -> b.userName(DEPLOYER).policyArn(admin));
        }
        OrganizationAudit.use(service(
                Duration.ofHours(1),
                AccountSelection.parse(ACCOUNTS.get("clean") + "," + ACCOUNTS.get("changed"), "")));
        new OrganizationHubHandler().handleRequest(Map.of("id", "org-run-3"), null);
        List<Message> accounts = new ArrayList<>();
        while (accounts.size() < 2) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages()) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                if (m.body().contains("\"account\"")) {
                    accounts.add(m);
                }
            }
        }
        // both member audits at once, as two concurrent Lambda invocations
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var a = pool.submit(() -> invoke(accounts.get(0)));
        var b = pool.submit(() -> invoke(accounts.get(1)));
        assertThat(a.get().getBatchItemFailures()).isEmpty();
        assertThat(b.get().getBatchItemFailures()).isEmpty();
        pool.shutdown();

        JsonNode summary = s3Json("reports/org/org-run-3/summary.json");
        assertThat(summary.at("/summary/accountsAudited").asInt()).isEqualTo(2);
        assertThat(List.of(ACCOUNTS.get("clean"), ACCOUNTS.get("changed")))
                .contains(summary.path("finalizedBy").asText());
        List<JsonNode> alerts = inbox.drain();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("Subject").asText()).contains("in 1 account of the organization");
        assertThat(alerts.get(0).get("Message").asText())
                .contains("Account " + ACCOUNTS.get("clean") + " (clean)")
                .doesNotContain("(changed)");
    }
}
