package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.aws.testing.LookupEventsStub;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Actor;
import io.iamdrift.incident.Incident;
import io.iamdrift.incident.Incidents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** {@link CloudTrailActors} against {@link LookupEventsStub} (moto_server has no LookupEvents). */
class CloudTrailActorsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    /** A CloudTrail record of AttachUserPolicy in the shape AWS documents for IAM events. */
    static final String RECORD = """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
            "arn":"arn:aws:iam::210987654321:user/alice","accountId":"210987654321","userName":"alice"},
            "eventTime":"2026-11-27T21:14:03Z","eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy",
            "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2.15.0",
            "requestParameters":{"userName":"prod-deployer","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"},
            "responseElements":null,"readOnly":false,"eventType":"AwsApiCall","managementEvent":true}""";

    private LookupEventsStub stub;
    private CloudTrailClient client;

    @BeforeEach
    void start() {
        stub = LookupEventsStub.start();
        client = stub.client();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static Incident attachment(String principal) {
        return Incidents.correlate(
                        "210987654321",
                        List.of(new Finding(
                                "f-" + principal,
                                FindingType.UNEXPECTED_POLICY,
                                Severity.CRITICAL,
                                PrincipalRef.user(principal, null),
                                "arn:aws:iam::aws:policy/AdministratorAccess",
                                "t",
                                "",
                                Map.of(),
                                Remediation.of(null))))
                .get(0);
    }

    @Test
    void theLatestIamWriteOnTheChangedPrincipalNamesWhoMadeTheChange() {
        String read = RECORD.replace("AttachUserPolicy", "GetUser").replace("\"readOnly\":false", "\"readOnly\":true");
        stub.reply(200, LookupEventsStub.events(read, RECORD));
        CloudTrailActors actors = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));

        Actor actor = actors.of(attachment("prod-deployer"));

        assertThat(actor)
                .isEqualTo(new Actor(
                        "cloudtrail",
                        "arn:aws:iam::210987654321:user/alice",
                        "IAMUser",
                        "198.51.100.20",
                        "aws-cli/2.15.0",
                        "2026-11-27T21:14:03Z",
                        "AttachUserPolicy",
                        null));
        JsonNode request = stub.requests().get(0);
        assertThat(request.at("/LookupAttributes/0/AttributeKey").asText()).isEqualTo("ResourceName");
        assertThat(request.at("/LookupAttributes/0/AttributeValue").asText()).isEqualTo("prod-deployer");
        assertThat(request.get("EndTime").asDouble() - request.get("StartTime").asDouble())
                .isEqualTo(90 * 86_400.0);
    }

    @Test
    void noEventIsUnknownInTheWordsPeopleRead() {
        stub.reply(200, "{\"Events\":[]}");

        assertThat(new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC))
                        .of(attachment("quiet"))
                        .describe())
                .isEqualTo("unknown (no IAM event found in the last 90 days)");
    }

    @Test
    void atMostOneCallPerIncidentAndTwentyPerRunAndNoneAfterThrottling() {
        CloudTrailActors actors = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 25; i++) {
            stub.reply(200, LookupEventsStub.events(RECORD));
        }
        Incident same = attachment("p-0");
        actors.of(same);
        actors.of(same);
        for (int i = 1; i < 25; i++) {
            actors.of(attachment("p-" + i));
        }
        assertThat(actors.calls()).isEqualTo(CloudTrailActors.MAX_CALLS_PER_RUN);
        assertThat(stub.requests()).hasSize(20);

        stub.clear();
        stub.reply(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        CloudTrailActors throttled = new CloudTrailActors(client, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(throttled.of(attachment("a")).note()).isEqualTo("unknown (CloudTrail throttled the lookup)");
        assertThat(throttled.of(attachment("b")).note()).isEqualTo("unknown (CloudTrail throttled this run's lookups)");
        assertThat(stub.requests()).hasSize(1);
    }
}
