package io.iamdrift.alert;

import io.iamdrift.finding.Finding;
import java.util.List;

/**
 * What one run should alert, and the state to store once SNS has accepted the message.
 *
 * @param toAlert findings to put in this run's message (empty: send nothing)
 * @param stateAfterSend the state to write after a successful publish
 * @param stateWithoutSend the state to write when there is nothing to send (closed findings forgotten)
 * @param alreadySent true when this run id's alert was already accepted (a retried invocation)
 */
public record AlertPlan(List<Finding> toAlert, AlertState stateAfterSend, AlertState stateWithoutSend, boolean alreadySent) {
    public AlertPlan {
        toAlert = List.copyOf(toAlert);
    }
}
