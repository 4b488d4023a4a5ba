package io.iamdrift.cli;

import io.iamdrift.aws.IamCollector;
import io.iamdrift.lambda.LiveAudit;
import io.iamdrift.report.Report;
import java.util.Set;
import java.util.UUID;

/** {@code audit --live}: the Lambda's own code path, configured by the Lambda's environment variables. */
final class LiveMode {

    private LiveMode() {}

    static Report audit(Set<String> principals, boolean notify) {
        IamCollector.Scope scope = principals.isEmpty()
                ? IamCollector.Scope.all()
                : new IamCollector.Scope(principals, principals, Set.of(), Set.of());
        try {
            return LiveAudit.fromEnvironment()
                    .audit("cli-" + UUID.randomUUID(), scope, notify)
                    .report();
        } catch (RuntimeException e) {
            throw LiveFailure.explain(e, System.getenv());
        }
    }
}
