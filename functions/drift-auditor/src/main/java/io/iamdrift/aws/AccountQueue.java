package io.iamdrift.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The organization run's work queue: one message per account, sent with SendMessageBatch (10 per call, the SQS
 * maximum); entries SQS rejects in a batch are sent again (up to 3 times) and then fail the call, so no account
 * is dropped silently. Needs {@code sqs:SendMessage} on the queue.
 */
public final class AccountQueue {

    public static final int BATCH = 10;
    static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public AccountQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("ORG_QUEUE_URL is not set");
        }
        this.queueUrl = queueUrl;
    }

    /** Sends every body; returns the number of SendMessageBatch calls made. */
    public int sendAll(List<String> bodies) {
        int calls = 0;
        for (int from = 0; from < bodies.size(); from += BATCH) {
            List<String> chunk = bodies.subList(from, Math.min(bodies.size(), from + BATCH));
            List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                pending.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(chunk.get(i))
                        .build());
            }
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                SendMessageBatchResponse r =
                        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(pending));
                calls++;
                List<String> failed =
                        r.failed().stream().map(BatchResultErrorEntry::id).toList();
                pending.removeIf(e -> !failed.contains(e.id()));
                if (!pending.isEmpty() && attempt >= ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " message(s) were not accepted by " + queueUrl
                            + " after " + ATTEMPTS + " attempts: " + r.failed());
                }
            }
        }
        return calls;
    }

    /** Sends one message that becomes visible after {@code delaySeconds} (0 to 900). */
    public void send(String body, int delaySeconds) {
        sqs.sendMessage(
                b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(Math.max(0, Math.min(900, delaySeconds))));
    }
}
