package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.CloudTrailActors;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.testing.AlertInbox;
import io.iamdrift.aws.testing.LookupEventsStub;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Who made a change reaches the stored report, not only the email: a scheduled run over moto_server asks CloudTrail
 * LookupEvents (a loopback stub speaking its wire shape: moto_server has no LookupEvents) about its new incident
 * before the report is written, so the run's JSON report and {@code latest.json} carry {@code incidents[].actor},
 * and the email names the same person without asking twice.
 */
@ExtendWith(MotoServer.class)
class ReportActorsIT {

    static final String BUCKET = "drift-actors-it";
    static final String USER = "actors-deployer";
    static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    static final ObjectMapper JSON = Json.MAPPER;

    static AwsClients aws;
    static IamClient iam;
    static AlertInbox inbox;
    static LookupEventsStub cloudTrail;

    @BeforeAll
    static void account(MotoServer.Endpoint moto) {
        moto.reset();
        aws = moto.clients();
        iam = aws.iam();
        MotoLiveAudit.versionedBucket(aws, BUCKET);
        inbox = AlertInbox.create(aws, "actors-alerts", "actors-inbox");
        cloudTrail = LookupEventsStub.start();
        MotoLiveAudit.capturedDeployer(aws, BUCKET, inbox.topicArn(), USER, "ActorsDeploy");
    }

    @AfterAll
    static void close() {
        inbox.close();
        cloudTrail.close();
    }

    @Test
    void theLookedUpActorIsInTheStoredReportAndLatestJsonAndTheEmail() throws IOException {
        String wide = iam.createPolicy(b -> b.policyName("Everything").policyDocument(AlertLifecycleIT.WIDE))
                .policy()
                .arn();
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(wide));
        cloudTrail.reply(200, LookupEventsStub.events("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"%s","accountId":"123456789012","userName":"alice"},
                "eventTime":"2026-11-27T21:14:03Z","eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy",
                "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2.15.0",
                "requestParameters":{"userName":"%s","policyArn":"%s"},"readOnly":false,"eventType":"AwsApiCall"}""".formatted(ALICE, USER, wide)));
        LiveAudit service = new LiveAudit(MotoLiveAudit.parts(
                aws,
                BUCKET,
                inbox.topicArn(),
                Duration.ofHours(24),
                () -> new CloudTrailActors(cloudTrail.client(), Clock.systemUTC())));

        LiveAudit.Outcome outcome = service.audit("run-actors", IamCollector.Scope.all(), true);

        assertThat(outcome.response().toMap()).containsEntry("notified", true);
        for (String key : List.of(key(outcome.response().toMap().get("report")), "reports/123456789012/latest.json")) {
            JsonNode report = JSON.readTree(
                    aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
            JsonNode attached = incident(report, "Everything attached to " + USER);
            assertThat(attached.at("/actor/source").asText()).as(key).isEqualTo("cloudtrail");
            assertThat(attached.at("/actor/principalArn").asText()).as(key).isEqualTo(ALICE);
            assertThat(attached.at("/actor/eventName").asText()).as(key).isEqualTo("AttachUserPolicy");
        }
        List<JsonNode> messages = inbox.drain();
        assertThat(messages)
                .singleElement()
                .satisfies(m -> assertThat(m.get("Message").asText()).contains(ALICE));
        assertThat(cloudTrail.requests())
                .as("one lookup for the one new incident, none again for the email")
                .hasSize(1);
        assertThat(cloudTrail
                        .requests()
                        .get(0)
                        .at("/LookupAttributes/0/AttributeValue")
                        .asText())
                .isEqualTo(USER);
    }

    private static String key(Object uri) {
        String s = String.valueOf(uri);
        return s.substring(("s3://" + BUCKET + "/").length());
    }

    private static JsonNode incident(JsonNode report, String title) {
        for (JsonNode i : report.get("incidents")) {
            if (i.get("title").asText().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no incident \"" + title + "\" in " + report.get("incidents"));
    }
}
