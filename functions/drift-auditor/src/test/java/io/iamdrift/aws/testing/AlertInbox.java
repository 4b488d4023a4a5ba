package io.iamdrift.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.AwsSettings;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** An SNS topic with an SQS queue subscribed to it: what an alert's email subscriber would receive. */
public final class AlertInbox implements AutoCloseable {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final SqsClient sqs;
    private final String topicArn;
    private final String queueUrl;

    private AlertInbox(SqsClient sqs, String topicArn, String queueUrl) {
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.queueUrl = queueUrl;
    }

    /** Creates the topic and the queue and subscribes the queue. */
    public static AlertInbox create(AwsClients aws, String topicName, String queueName) {
        SqsClient sqs = aws.configure(SqsClient.builder(), AwsSettings.SQS).build();
        String topicArn = aws.sns().createTopic(b -> b.name(topicName)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        aws.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new AlertInbox(sqs, topicArn, queueUrl);
    }

    public String topicArn() {
        return topicArn;
    }

    /** Every message received so far (SNS envelopes: Subject, Message, MessageAttributes), removed from the queue. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> ms = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (ms.isEmpty()) {
                return out;
            }
            for (Message m : ms) {
                try {
                    out.add(JSON.readTree(m.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
