package io.iamdrift.audit;

import io.iamdrift.baseline.BaselineException;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Baseline exceptions: one that matches a finding (type, and optionally policy and statement Sid) and has not
 * expired turns it into INFO with the exception's reason; an expired one is itself a finding and no longer
 * suppresses.
 */
final class ExceptionRules {

    private ExceptionRules() {}

    static void apply(PrincipalAudit a) {
        List<BaselineException> exceptions = a.baseline == null ? List.of() : a.baseline.exceptions();
        if (exceptions.isEmpty()) {
            return;
        }
        LocalDate today = a.run.now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Finding> out = new ArrayList<>(a.findings.size());
        for (Finding f : a.findings) {
            BaselineException match = null;
            for (BaselineException e : exceptions) {
                if (!e.expiredOn(today)
                        && (e.covers(f.type().name(), f.policy(), sid(f))
                                || (pathId(f) != null && e.covers(f.type().name(), f.policy(), pathId(f))))) {
                    match = e;
                    break;
                }
            }
            out.add(
                    match == null
                            ? f
                            : f.withSeverity(Severity.INFO)
                                    .withEvidence(
                                            "exception",
                                            Map.of(
                                                    "reason",
                                                    match.reason(),
                                                    "expires",
                                                    match.expires().toString(),
                                                    "originalSeverity",
                                                    f.severity().name())));
        }
        a.findings.clear();
        a.findings.addAll(out);
        for (BaselineException e : exceptions) {
            if (e.expiredOn(today)) {
                a.add(a.finding(FindingType.EXCEPTION_EXPIRED)
                        .severity(Severity.LOW)
                        .identity(e.type() + "|" + e.policy() + "|" + e.statementSid() + "|" + e.expires())
                        .policy(e.policy())
                        .title("Exception for " + e.type() + " on " + a.live.name() + " expired on " + e.expires())
                        .detail("The baseline exception (\"" + e.reason() + "\") expired and no longer suppresses "
                                + "matching findings.")
                        .evidence(
                                "exception",
                                Map.of(
                                        "type",
                                        e.type(),
                                        "reason",
                                        e.reason(),
                                        "expires",
                                        e.expires().toString()))
                        .fix(Remediation.of(
                                "Fix what the exception covered, or renew it in the baseline with a new expiry."))
                        .build());
            }
        }
    }

    /** The escalation path a PRIVILEGE_ESCALATION finding names, which an exception may give as its statementSid. */
    private static String pathId(Finding f) {
        return f.evidence().get("path") instanceof Map<?, ?> m && m.get("id") != null
                ? m.get("id").toString()
                : null;
    }

    private static String sid(Finding f) {
        Object sid = f.evidence().get("statementSid");
        return sid == null ? null : sid.toString();
    }
}
