package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.testing.AlertInbox;
import io.iamdrift.aws.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The alert lifecycle by incident across runs against moto_server: a change is alerted as <b>new</b>, is <b>still
 * open</b> when re-alert is due, and is <b>resolved</b> in a short message once undone; then nothing is sent.
 */
@ExtendWith(MotoServer.class)
class AlertLifecycleIT {

    static final String BUCKET = "drift-lifecycle-it";
    static final String USER = "lifecycle-deployer";
    static final String WIDE =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static AwsClients aws;
    static IamClient iam;
    static AlertInbox inbox;

    @BeforeAll
    static void account(MotoServer.Endpoint moto) {
        moto.reset();
        aws = moto.clients();
        iam = aws.iam();
        MotoLiveAudit.versionedBucket(aws, BUCKET);
        inbox = AlertInbox.create(aws, "lifecycle-alerts", "lifecycle-inbox");
        MotoLiveAudit.capturedDeployer(aws, BUCKET, inbox.topicArn(), USER, "LifecycleDeploy");
    }

    @AfterAll
    static void close() {
        inbox.close();
    }

    /** @param realert the re-alert period: zero makes every open incident due again on the next run */
    static LiveAudit service(Duration realert) {
        return MotoLiveAudit.over(aws, BUCKET, inbox.topicArn(), realert);
    }

    @Test
    void anIncidentIsNewThenStillOpenThenResolvedAcrossThreeRuns() {
        String wide = iam.createPolicy(b -> b.policyName("Everything").policyDocument(WIDE))
                .policy()
                .arn();
        iam.attachUserPolicy(b -> b.userName(USER).policyArn(wide));

        assertThat(service(Duration.ofHours(24))
                        .audit("run-1", IamCollector.Scope.all(), true)
                        .response()
                        .toMap())
                .containsEntry("notified", true);
        JsonNode first = single();
        assertThat(first.get("Subject").asText()).isEqualTo("IAM drift CRITICAL: 1 new incident in 123456789012 (it)");
        assertThat(first.get("Message").asText())
                .contains("NEW (1)")
                .contains("Everything attached to " + USER)
                .contains("+ every action on every resource")
                .contains("Consequences: admin access")
                .contains("$ aws iam detach-user-policy --user-name " + USER)
                .doesNotContain("STILL OPEN");
        assertThat(first.at("/MessageAttributes/incidentCount/Value").asInt()).isEqualTo(1);

        assertThat(service(Duration.ZERO)
                        .audit("run-2", IamCollector.Scope.all(), true)
                        .response()
                        .toMap())
                .containsEntry("notified", true);
        JsonNode second = single();
        assertThat(second.get("Subject").asText())
                .isEqualTo("IAM drift CRITICAL: 1 incident still open in 123456789012 (it)");
        assertThat(second.get("Message").asText())
                .contains("STILL OPEN (1)")
                .contains("Everything attached to " + USER)
                .doesNotContain("NEW (");
        assertThat(second.at("/MessageAttributes/incidentCount/Value").asInt()).isZero();

        iam.detachUserPolicy(b -> b.userName(USER).policyArn(wide));
        assertThat(service(Duration.ofHours(24))
                        .audit("run-3", IamCollector.Scope.all(), true)
                        .response()
                        .toMap())
                .containsEntry("notified", true);
        JsonNode third = single();
        assertThat(third.get("Subject").asText())
                .isEqualTo("IAM drift RESOLVED: 1 incident resolved in 123456789012 (it)");
        assertThat(third.get("Message").asText())
                .contains("RESOLVED SINCE THE LAST ALERT (1)")
                .contains("Everything attached to " + USER);

        assertThat(service(Duration.ZERO)
                        .audit("run-4", IamCollector.Scope.all(), true)
                        .response()
                        .toMap())
                .as("nothing open, nothing newly resolved")
                .containsEntry("notified", false);
        assertThat(inbox.drain()).isEmpty();
    }

    private static JsonNode single() {
        List<JsonNode> alerts = inbox.drain();
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
