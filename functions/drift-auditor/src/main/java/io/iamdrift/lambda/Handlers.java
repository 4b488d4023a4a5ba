package io.iamdrift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.SecurityHubExport;
import io.iamdrift.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** What the handlers share: the service built once per container, run ids, and the run's metrics. */
final class Handlers {

    private Handlers() {}

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);

    private static volatile LiveAudit service;

    /** The live audit, wired once per Lambda container from its environment (or replaced by tests). */
    static LiveAudit service() {
        LiveAudit s = service;
        if (s == null) {
            synchronized (Handlers.class) {
                if (service == null) {
                    service = LiveAudit.fromEnvironment();
                }
                s = service;
            }
        }
        return s;
    }

    private static volatile Optional<SecurityHubExport> securityHub;

    /** The Security Hub export when the environment turns it on (wired once per container). */
    static Optional<SecurityHubExport> securityHub() {
        Optional<SecurityHubExport> s = securityHub;
        if (s == null) {
            synchronized (Handlers.class) {
                if (securityHub == null) {
                    securityHub = Optional.ofNullable(SecurityHubExport.fromEnvironment(
                            System.getenv(),
                            AwsClients.shared(),
                            () -> LiveConfig.fromEnvironment().reportBucket()));
                }
                s = securityHub;
            }
        }
        return s;
    }

    /**
     * Sends the run's findings to Security Hub when the export is on, after the report and the alert. A refusal
     * or a failed call is logged as an error and returned in the response; the export state keeps what was not
     * accepted, so the next run sends it again.
     */
    static Map<String, Object> exported(LiveAudit.Outcome outcome, boolean fullRun) {
        Map<String, Object> response = new LinkedHashMap<>(outcome.response().toMap());
        securityHub().ifPresent(export -> {
            try {
                SecurityHubExport.Result r = export.export(outcome.report(), fullRun, Instant.now());
                if (!r.failed().isEmpty()) {
                    LOG.error(
                            "Security Hub refused {} finding(s): {}", r.failed().size(), r.failed());
                }
                response.put("securityHub", r.toMap());
            } catch (RuntimeException e) {
                LOG.error("Security Hub export failed (the next run sends it again): {}", e.toString(), e);
                response.put("securityHub", Map.of("error", String.valueOf(e.getMessage())));
            }
        });
        return response;
    }

    /** For tests and the {@code invoke} command: use this service instead of one built from the environment. */
    static void use(LiveAudit s) {
        service = s;
    }

    /**
     * Runs a handler's body with Powertools' logging context (function name, request id, cold start, X-Ray trace
     * id in every JSON log line). Without a Lambda context (tests) the body just runs.
     */
    static <T> T logged(Context context, Supplier<T> body) {
        return context == null ? body.get() : PowertoolsLogging.withLogging(context, body);
    }

    /**
     * A run id that is the same when Lambda retries the same event (EventBridge event id, else the request id),
     * so that alert state can tell a retry from a new run.
     */
    static String runId(Map<String, Object> event, Context context) {
        Object id = event == null ? null : event.get("id");
        if (id instanceof String s && !s.isBlank()) {
            return s;
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }

    /**
     * When to stop collecting: the invocation's deadline less a reserve for auditing, writing the report and
     * alerting (a quarter of the remaining time, at most {@link #RESERVE_MAX}); {@code null} outside Lambda.
     */
    static Instant collectUntil(Context context) {
        if (context == null) {
            return null;
        }
        long remaining = context.getRemainingTimeInMillis();
        long reserve = Math.min(remaining / 4, RESERVE_MAX.toMillis());
        return Instant.now().plusMillis(Math.max(0, remaining - reserve));
    }

    /** The most time kept back from collection for the rest of the run. */
    static final Duration RESERVE_MAX = Duration.ofSeconds(60);

    /**
     * Emits the run's figures as CloudWatch metrics in Embedded Metric Format. Only inside Lambda: EMF goes to
     * standard output, which locally ({@code invoke}, {@code audit --live}) carries the command's own JSON; the
     * figures are in the run's log line either way.
     */
    static void metrics(LiveAudit.Outcome outcome, long durationMillis, String trigger) {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            return;
        }
        Metrics metrics = MetricsFactory.getMetricsInstance();
        String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        metrics.setNamespace(namespace == null || namespace.isBlank() ? "IamDriftAuditor" : namespace);
        // one dimension set {Service, Trigger}: the heartbeat alarm of template.yaml watches exactly this pair,
        // and Service (the stack name there) keeps two stacks in one account apart
        String service = System.getenv("POWERTOOLS_SERVICE_NAME");
        metrics.setDefaultDimensions(DimensionSet.of(
                "Service", service == null || service.isBlank() ? "iam-drift-auditor" : service, "Trigger", trigger));
        metrics.addMetric("AuditsCompleted", 1, MetricUnit.COUNT);
        metrics.addMetric("PrincipalsAudited", outcome.report().summary().principalsAudited(), MetricUnit.COUNT);
        metrics.addMetric("IamCalls", outcome.iamCalls(), MetricUnit.COUNT);
        metrics.addMetric("DurationMillis", durationMillis, MetricUnit.MILLISECONDS);
        for (Severity s : Severity.values()) {
            metrics.addMetric(
                    "Findings" + s.name().charAt(0) + s.name().substring(1).toLowerCase(),
                    outcome.report().summary().findings().getOrDefault(s, 0),
                    MetricUnit.COUNT);
        }
        metrics.flush();
    }
}
