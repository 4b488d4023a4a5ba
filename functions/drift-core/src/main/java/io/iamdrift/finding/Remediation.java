package io.iamdrift.finding;

import java.util.List;

/**
 * How to fix a finding.
 *
 * @param commands exact AWS CLI commands with real names filled in, in the order to run them (may be empty)
 * @param note what a person must decide, e.g. "update the baseline if this change was intended"
 */
public record Remediation(List<String> commands, String note) {
    public Remediation {
        commands = List.copyOf(commands);
    }

    public static Remediation of(String note, String... commands) {
        return new Remediation(List.of(commands), note);
    }
}
