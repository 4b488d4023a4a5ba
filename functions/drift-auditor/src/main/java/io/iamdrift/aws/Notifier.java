package io.iamdrift.aws;

/** Sends the one alert message of a run. */
public interface Notifier {

    /**
     * Publishes the alert. Failures (after the client's retries) propagate: the caller must not advance alert
     * state then.
     *
     * @return the message id the service assigned
     */
    String publish(Notification notification);

    /**
     * One alert.
     *
     * @param subject      at most 100 ASCII characters, one line (e.g. {@code IAM drift CRITICAL: 2 new findings in
     *                     123456789012 (prod)}); see {@link SnsNotifier#subject(String)} to make one fit
     * @param body         plain text for a mail client; cut to fit the service limit if needed
     * @param severity     the highest severity in the message (message attribute {@code severity})
     * @param accountId    message attribute {@code accountId}
     * @param findingCount message attribute {@code findingCount}: the number of findings the message is about
     * @param reportUri    where the full report is (named in the body when it has to be cut), may be null
     * @param incidentCount message attribute {@code incidentCount}: the new incidents, or null (not sent)
     */
    record Notification(
            String subject,
            String body,
            String severity,
            String accountId,
            int findingCount,
            String reportUri,
            Integer incidentCount) {
        public Notification(
                String subject, String body, String severity, String accountId, int findingCount, String reportUri) {
            this(subject, body, severity, accountId, findingCount, reportUri, null);
        }
    }
}
