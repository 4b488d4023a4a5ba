package io.iamdrift.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** An SQS queue subscribed to an SNS topic, to read what the topic's email subscribers would receive. */
public final class SqsInbox {

    private static final ObjectMapper JSON = Json.MAPPER;
    private final SqsClient sqs;
    private final String queueUrl;

    private SqsInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Creates the queue {@code name} and subscribes it to the topic. */
    public static SqsInbox subscribe(SqsClient sqs, SnsClient sns, String topicArn, String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn));
        return new SqsInbox(sqs, url);
    }

    /** Every SNS envelope delivered so far ({@code Subject}, {@code Message}, {@code MessageAttributes}), removed. */
    public List<JsonNode> drain() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> ms = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (ms.isEmpty()) {
                return out;
            }
            for (Message m : ms) {
                out.add(JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
