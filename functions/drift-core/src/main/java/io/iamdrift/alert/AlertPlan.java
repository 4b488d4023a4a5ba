package io.iamdrift.alert;

import io.iamdrift.finding.Finding;
import io.iamdrift.report.AlertMessage;
import java.util.List;

/**
 * What one run should alert, and the state to store once SNS has accepted the message.
 *
 * @param toAlert findings to put in this run's message
 * @param stateAfterSend the state to write after a successful publish
 * @param stateWithoutSend the state to write when there is nothing to send (closed findings forgotten)
 * @param alreadySent true when this run id's alert was already accepted (a retried invocation)
 * @param sections the message's parts by incident: new, still open, resolved (empty for a finding-only plan)
 */
public record AlertPlan(
        List<Finding> toAlert,
        AlertState stateAfterSend,
        AlertState stateWithoutSend,
        boolean alreadySent,
        AlertMessage.Sections sections) {
    public AlertPlan {
        toAlert = List.copyOf(toAlert);
    }

    public AlertPlan(
            List<Finding> toAlert, AlertState stateAfterSend, AlertState stateWithoutSend, boolean alreadySent) {
        this(
                toAlert,
                stateAfterSend,
                stateWithoutSend,
                alreadySent,
                new AlertMessage.Sections(List.of(), List.of(), List.of()));
    }

    /** Whether this run sends a message: findings to alert, or (incident plans) resolutions to tell. */
    public boolean sends() {
        return !alreadySent && (!toAlert.isEmpty() || !sections.isEmpty());
    }
}
