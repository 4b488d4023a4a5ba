package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(MotoServer.class)
class SnsNotifierIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static AwsClients clients;
    static SqsClient sqs;
    static String topicArn;
    static String queueUrl;

    @BeforeAll
    static void setUp(MotoServer.Endpoint moto) {
        clients = moto.clients();
        sqs = clients.configure(SqsClient.builder(), AwsSettings.SQS).build();
        topicArn = clients.sns().createTopic(b -> b.name("iam-drift-alerts")).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("alerts-probe")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        // raw message delivery off: SQS receives the SNS JSON envelope with Subject and MessageAttributes
        clients.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    @AfterAll
    static void tearDown() {
        sqs.close();
        clients.close();
    }

    static JsonNode receiveOne() throws Exception {
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(5))
                .messages();
        assertThat(messages).hasSize(1);
        sqs.deleteMessage(
                b -> b.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
        return JSON.readTree(messages.get(0).body());
    }

    @Test
    void publishesSubjectBodyAndAttributes() throws Exception {
        SnsNotifier notifier = new SnsNotifier(clients.sns(), topicArn);
        String subject = "IAM drift CRITICAL: 2 new findings in 123456789012 (prod)";
        String body = "ci-deployer-prod: AdministratorAccess attached\n\nReport: s3://b/reports/x.json\n";
        String id = notifier.publish(
                new Notifier.Notification(subject, body, "CRITICAL", "123456789012", 2, "s3://b/reports/x.json"));

        JsonNode m = receiveOne();
        assertThat(m.path("Type").asText()).isEqualTo("Notification");
        assertThat(m.path("MessageId").asText()).isEqualTo(id);
        assertThat(m.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(m.path("Subject").asText()).isEqualTo(subject);
        assertThat(m.path("Message").asText()).isEqualTo(body);
        JsonNode attrs = m.path("MessageAttributes");
        assertThat(attrs.path("severity").path("Type").asText()).isEqualTo("String");
        assertThat(attrs.path("severity").path("Value").asText()).isEqualTo("CRITICAL");
        assertThat(attrs.path("accountId").path("Value").asText()).isEqualTo("123456789012");
        assertThat(attrs.path("findingCount").path("Type").asText()).isEqualTo("Number");
        assertThat(attrs.path("findingCount").path("Value").asText()).isEqualTo("2");
    }

    @Test
    void anOversizedBodyIsCutToFitAndNamesTheReport() throws Exception {
        SnsNotifier notifier = new SnsNotifier(clients.sns(), topicArn);
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 400_000; i++) {
            body.append("finding ").append(i).append(": ci-deployer-prod gained iam:PassRole on * (Ünïcode)\n");
        }
        notifier.publish(new Notifier.Notification(
                "IAM drift CRITICAL: 5000 new findings in 123456789012 (prod)",
                body.toString(),
                "CRITICAL",
                "123456789012",
                5000,
                "s3://b/reports/big.json"));
        JsonNode m = receiveOne();
        String message = m.path("Message").asText();
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SnsNotifier.SNS_MAX_BYTES);
        assertThat(message).startsWith("finding 0: ").contains("s3://b/reports/big.json");
    }
}
