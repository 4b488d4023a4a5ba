package io.iamdrift.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.alert.AlertPlan;
import io.iamdrift.alert.AlertPlanner;
import io.iamdrift.audit.Auditor;
import io.iamdrift.audit.CollectionGap;
import io.iamdrift.aws.AccountQueue;
import io.iamdrift.aws.AlertStateStore;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.BaselineSource;
import io.iamdrift.aws.GuardrailCollector;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.MemberRoles;
import io.iamdrift.aws.Notifier;
import io.iamdrift.aws.OrganizationAccounts;
import io.iamdrift.aws.ReportSink;
import io.iamdrift.aws.RoleAssumer;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3OrgRunStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.SnsNotifier;
import io.iamdrift.internal.Json;
import io.iamdrift.organization.AccountResult;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.organization.GuardrailsFile;
import io.iamdrift.organization.MemberAccount;
import io.iamdrift.organization.OrgAlert;
import io.iamdrift.organization.OrgSummary;
import io.iamdrift.organization.RunManifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organization mode: the hub's run start (list accounts, write the manifest, one SQS message per account, a delayed
 * finalize message), each member's audit of one account (assume its role, run {@link LiveAudit} without alerting,
 * record the account's result) and the run's end (the summary, written once, and the one organization alert).
 *
 * <p>The run ends when the member that completes the set creates the summary (a conditional create, so exactly
 * one does), or, for accounts that never report, when the finalize message finds the run past its deadline.
 * Only the writer of the summary alerts; a retry of that writer (same finalizer) alerts at most once thanks to
 * the organization's alert state, which records the run id.
 */
public final class OrganizationAudit {

    private static final Logger LOG = LoggerFactory.getLogger(OrganizationAudit.class);
    static final String ASSUME_ROLE = "assume-role";
    static final String AUDIT = "audit";
    static final String FINALIZER = "finalizer";

    /**
     * The collaborators, so that tests and the bench can wire their own.
     *
     * @param guardrails per run, a fresh reader of an account's SCPs and RCPs (it caches across the run's
     *     accounts), or {@code null}: organization policies are not read
     */
    public record Wiring(
            LiveConfig live,
            OrgConfig org,
            Supplier<List<MemberAccount>> accounts,
            AccountQueue queue,
            RoleAssumer roles,
            S3OrgRunStore runs,
            BaselineSource baselines,
            ReportSink reports,
            AlertStateStore orgAlertState,
            Notifier notifier,
            Auditor auditor,
            Clock clock,
            Supplier<String> hubAccountId,
            Supplier<Function<String, Guardrails>> guardrails) {}

    private final Wiring w;

    public OrganizationAudit(Wiring wiring) {
        this.w = wiring;
    }

    private static volatile OrganizationAudit shared;

    /** Wired once per container from the environment. */
    static OrganizationAudit shared() {
        OrganizationAudit s = shared;
        if (s == null) {
            synchronized (OrganizationAudit.class) {
                if (shared == null) {
                    shared = fromEnvironment(System.getenv(), AwsClients.shared());
                }
                s = shared;
            }
        }
        return s;
    }

    /** For tests: use this service in the handlers. */
    static void use(OrganizationAudit s) {
        shared = s;
    }

    public static OrganizationAudit fromEnvironment(Map<String, String> env, AwsClients aws) {
        LiveConfig live = LiveConfig.fromEnvironment(env);
        OrgConfig org = OrgConfig.fromEnvironment(env);
        return new OrganizationAudit(wiring(
                live, org, aws, new MemberRoles(aws, org.memberRoleName(), org.externalId()), Clock.systemUTC()));
    }

    /** The production wiring over the given hub clients, with another role assumer (tests emulate trust checks). */
    public static Wiring wiring(LiveConfig live, OrgConfig org, AwsClients aws, RoleAssumer roles, Clock clock) {
        Supplier<String> hub =
                memoize(() -> aws.sts().getCallerIdentity(b -> {}).account());
        return new Wiring(
                live,
                org,
                () -> new OrganizationAccounts(aws.organizations()).list(),
                new AccountQueue(aws.sqs(), org.queueUrl()),
                roles,
                new S3OrgRunStore(aws.s3(), live.reportBucket()),
                new S3BaselineStore(aws.s3(), live.baselineBucket(), live.baselinePrefix()),
                new S3ReportStore(aws.s3(), live.reportBucket()),
                new S3AlertStateStore(aws.s3(), live.reportBucket(), "state/org/"),
                live.alertTopicArn() == null ? null : new SnsNotifier(aws.sns(), live.alertTopicArn()),
                Auditor.withDefaults(),
                clock,
                hub,
                () -> new GuardrailCollector(aws.organizations())::collect);
    }

    // ---- hub ------------------------------------------------------------------------------------------------

    /**
     * Starts a run: the manifest first (a retried invocation of the same event reuses it), then one message per
     * account and the delayed finalize message. Duplicate messages are harmless: a member skips an account that
     * already has a result.
     */
    public Map<String, Object> startRun(String runId) {
        long start = System.nanoTime();
        RunManifest manifest = w.runs().manifest(runId).orElseGet(() -> {
            List<MemberAccount> all = w.accounts().get();
            List<MemberAccount> selected = w.org().selection().select(all);
            Instant now = w.clock().instant();
            RunManifest m = new RunManifest(
                    runId,
                    now,
                    now.plus(w.org().deadline()),
                    w.hubAccountId().get(),
                    w.live().environmentName(),
                    selected);
            collectGuardrails(runId, selected);
            w.runs().putManifest(m);
            LOG.info("organization run {}: {} of {} accounts selected", runId, selected.size(), all.size());
            return m;
        });
        List<String> bodies = manifest.accounts().stream()
                .map(a -> message("account", runId, a))
                .toList();
        int calls = w.queue().sendAll(bodies);
        w.queue().send(message("finalize", runId, null), w.org().finalizeDelaySeconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", runId);
        out.put("accounts", manifest.accounts().size());
        out.put("sendMessageBatchCalls", calls);
        out.put("manifest", w.runs().uri(w.runs().runPrefix(runId) + "expected.json"));
        out.put("enqueueMillis", (System.nanoTime() - start) / 1_000_000);
        LOG.info("organization run {}: {} account messages sent in {} calls", runId, bodies.size(), calls);
        return out;
    }

    static final String GUARDRAILS = "organization policies";

    /**
     * Reads each account's SCPs and RCPs (one reader per run: accounts that share OUs share its calls) and
     * stores them with the run for the member audits. An account whose policies cannot be read gets the error
     * instead, which its member audit reports as AUDIT_INCOMPLETE: never an audit without its guardrails in silence.
     */
    private void collectGuardrails(String runId, List<MemberAccount> accounts) {
        if (w.guardrails() == null) {
            return;
        }
        Function<String, Guardrails> reader = w.guardrails().get();
        for (MemberAccount a : accounts) {
            String json;
            try {
                json = GuardrailsFile.write(reader.apply(a.id()), a.id());
            } catch (RuntimeException e) {
                LOG.warn(
                        "run {}: the organization policies of account {} could not be read: {}",
                        runId,
                        a.id(),
                        describe(e));
                json = Json.MAPPER
                        .createObjectNode()
                        .put("accountId", a.id())
                        .put("collectionError", describe(e))
                        .toString();
            }
            w.runs().putGuardrails(runId, a.id(), json);
        }
    }

    /** The guardrails the hub stored for the account, or a gap saying why there are none. */
    private Object guardrailsOf(String runId, String accountId) {
        if (w.guardrails() == null) {
            return Guardrails.NONE;
        }
        String where = w.runs().uri(w.runs().guardrailsKey(runId, accountId));
        var stored = w.runs().guardrails(runId, accountId);
        if (stored.isEmpty()) {
            return new CollectionGap(GUARDRAILS, "the hub stored none at " + where, false);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(stored.get());
            if (node.has("collectionError")) {
                return new CollectionGap(GUARDRAILS, node.get("collectionError").asText(), false);
            }
            return GuardrailsFile.read(where, stored.get());
        } catch (Exception e) {
            return new CollectionGap(GUARDRAILS, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
    }

    static String message(String type, String runId, MemberAccount account) {
        var node = Json.MAPPER.createObjectNode().put("type", type).put("runId", runId);
        if (account != null) {
            node.put("accountId", account.id()).put("accountName", account.name());
        }
        return node.toString();
    }

    // ---- members ----------------------------------------------------------------------------------------------

    /**
     * Handles one queue message.
     *
     * @param receiveCount SQS's ApproximateReceiveCount: on the last allowed attempt a failing account is recorded as
     *     FAILED (an AUDIT_INCOMPLETE finding in the summary) instead of being retried
     * @throws RuntimeException when the message should be retried (the handler reports a batch item failure)
     */
    public void handle(String body, int receiveCount) {
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("queue message is not JSON: " + e.getMessage(), e);
        }
        String runId = msg.path("runId").asText("");
        switch (msg.path("type").asText("")) {
            case "account" ->
                auditAccount(
                        manifest(runId),
                        new MemberAccount(
                                msg.path("accountId").asText(),
                                msg.path("accountName").asText(""),
                                "ACTIVE"),
                        receiveCount);
            case "finalize" -> onFinalize(manifest(runId));
            default ->
                throw new IllegalArgumentException("unknown message type in " + body
                        + ": expected {\"type\": \"account\" | \"finalize\", \"runId\": ...}");
        }
    }

    private RunManifest manifest(String runId) {
        return w.runs()
                .manifest(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no manifest at "
                        + w.runs().uri(w.runs().runPrefix(runId) + "expected.json")));
    }

    void auditAccount(RunManifest manifest, MemberAccount account, int attempt) {
        String runId = manifest.runId();
        if (manifest.accounts().stream().noneMatch(a -> a.id().equals(account.id()))) {
            throw new IllegalArgumentException("account " + account.id() + " is not in the manifest of run " + runId);
        }
        if (w.runs().result(runId, account.id()).isEmpty()) {
            AccountResult result;
            try {
                result = audit(runId, account, attempt);
            } catch (StageFailure e) {
                if (attempt < w.org().maxAttempts()) {
                    LOG.warn(
                            "run {}: account {} failed at {} (attempt {} of {}), will retry: {}",
                            runId,
                            account.id(),
                            e.stage,
                            attempt,
                            w.org().maxAttempts(),
                            e.getCause().toString());
                    throw e;
                }
                LOG.error(
                        "run {}: account {} failed at {} on its last attempt {}: recorded as AUDIT_INCOMPLETE",
                        runId,
                        account.id(),
                        e.stage,
                        attempt,
                        e.getCause());
                result = AccountResult.failed(runId, account, e.stage, describe(e.getCause()), attempt);
            }
            w.runs().putResult(result);
        }
        Set<String> reported = w.runs().reported(runId);
        if (OrgSummary.complete(manifest, reported)) {
            finish(manifest, reported, account.id());
        }
    }

    private AccountResult audit(String runId, MemberAccount account, int attempt) {
        AwsClients member;
        try {
            member = w.roles().assume(account.id(), "iam-drift-" + runId);
        } catch (RuntimeException e) {
            throw new StageFailure(ASSUME_ROLE, e);
        }
        try (member) {
            // a member audit alerts nothing (the organization's one alert does) and keeps no baseline history
            LiveAudit live = new LiveAudit(new LiveAudit.Parts(
                    w.live(),
                    new IamCollector(member.iam(), member.sts()),
                    w.baselines(),
                    w.reports(),
                    null,
                    null,
                    w.auditor(),
                    w.clock(),
                    null,
                    null,
                    null));
            Object guardrails = guardrailsOf(runId, account.id());
            LiveAudit.Outcome outcome = guardrails instanceof CollectionGap gap
                    ? live.audit(runId, IamCollector.Scope.all(), false, null, Guardrails.NONE, List.of(gap), null)
                    : live.audit(
                            runId, IamCollector.Scope.all(), false, null, (Guardrails) guardrails, List.of(), null);
            if (!account.id().equals(outcome.report().accountId())) {
                throw new IllegalStateException("the role assumed for account " + account.id() + " acts in account "
                        + outcome.report().accountId());
            }
            return AccountResult.audited(
                    account,
                    outcome.report(),
                    outcome.response().report(),
                    attempt,
                    w.live().alertMinSeverity());
        } catch (RuntimeException e) {
            throw new StageFailure(AUDIT, e);
        }
    }

    /** The finalize message: ends a complete run, waits for an open one, closes an overdue one with accounts missing. */
    void onFinalize(RunManifest manifest) {
        Set<String> reported = w.runs().reported(manifest.runId());
        var stored = w.runs().summary(manifest.runId());
        if (stored.isPresent()) {
            // make sure the writer's alert went out (a no-op when the alert state records the run)
            finish(manifest, reported, finalizedBy(stored.get()));
        } else if (OrgSummary.complete(manifest, reported)) {
            finish(manifest, reported, FINALIZER);
        } else if (w.clock().instant().isBefore(manifest.deadline())) {
            long left =
                    Duration.between(w.clock().instant(), manifest.deadline()).toSeconds();
            w.queue().send(message("finalize", manifest.runId(), null), (int) Math.max(1, Math.min(900, left)));
            LOG.info(
                    "run {}: {} of {} accounts reported, checking again in {} s",
                    manifest.runId(),
                    reported.size(),
                    manifest.accounts().size(),
                    Math.min(900, left));
        } else {
            LOG.warn(
                    "run {} is past its deadline with accounts missing: {}",
                    manifest.runId(),
                    OrgSummary.missing(manifest, reported));
            finish(manifest, reported, OrgSummary.DEADLINE);
        }
    }

    /** Writes the summary if nobody has, and alerts when this finalizer is the one that wrote it. */
    private void finish(RunManifest manifest, Set<String> reported, String finalizedBy) {
        String runId = manifest.runId();
        Set<String> expected = new TreeSet<>();
        manifest.accounts().forEach(a -> expected.add(a.id()));
        expected.retainAll(reported);
        List<AccountResult> results = w.runs().results(runId, expected);
        OrgSummary summary = OrgSummary.aggregate(manifest, results, w.clock().instant(), finalizedBy);
        boolean created = w.runs().createSummary(runId, summary.toJson(), summary.toMarkdown());
        if (!created) {
            String writer =
                    w.runs().summary(runId).map(OrganizationAudit::finalizedBy).orElse("");
            if (!writer.equals(finalizedBy)) {
                return;
            }
        } else {
            LOG.info(
                    "run {} summary written by {}: {} audited, {} failed, {} missing, findings {}",
                    runId,
                    finalizedBy,
                    summary.count(OrgSummary.AccountStatus.AUDITED),
                    summary.count(OrgSummary.AccountStatus.FAILED),
                    summary.count(OrgSummary.AccountStatus.MISSING),
                    summary.findings());
        }
        alert(manifest, summary, results);
    }

    private static String finalizedBy(String summaryJson) {
        try {
            return Json.MAPPER.readTree(summaryJson).path("finalizedBy").asText("");
        } catch (Exception e) {
            throw new IllegalStateException("stored summary is not JSON: " + e.getMessage(), e);
        }
    }

    /** The run's one alert, once: the organization's alert state records the run id after SNS accepted it. */
    private boolean alert(RunManifest manifest, OrgSummary summary, List<AccountResult> results) {
        if (w.notifier() == null) {
            LOG.warn("ALERT_TOPIC_ARN is not set: no alert sent for organization run {}", manifest.runId());
            return false;
        }
        String key = manifest.hubAccountId();
        AlertPlanner planner =
                new AlertPlanner(w.live().alertMinSeverity(), w.live().realert());
        String summaryUri = w.runs().uri(w.runs().summaryKey(manifest.runId()));
        boolean sent = new AlertDispatcher(w.orgAlertState(), w.notifier(), w.clock())
                .dispatch(key, manifest.runId(), state -> {
                    AlertPlan plan = planner.plan(
                            manifest.runId(),
                            OrgAlert.candidates(summary, results),
                            state,
                            w.clock().instant());
                    if (!plan.sends()) {
                        return new AlertDispatcher.Prepared(plan, null);
                    }
                    OrgAlert message = OrgAlert.build(summary, results, plan.toAlert(), key, summaryUri);
                    return new AlertDispatcher.Prepared(
                            plan,
                            new Notifier.Notification(
                                    message.subject(),
                                    message.body(),
                                    message.highest().name(),
                                    key,
                                    message.findingCount(),
                                    summaryUri,
                                    message.incidentCount()));
                });
        if (sent) {
            LOG.info("organization run {}: alert sent", manifest.runId());
        }
        return sent;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
                && a.awsErrorDetails() != null
                && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode() + ": " + m;
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    /** A member audit that failed at a stage (assume-role or audit). */
    static final class StageFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String stage;

        StageFailure(String stage, RuntimeException cause) {
            super(stage + " failed: " + cause.getMessage(), cause);
            this.stage = stage;
        }
    }
}
