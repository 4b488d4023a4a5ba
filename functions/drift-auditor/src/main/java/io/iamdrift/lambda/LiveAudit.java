package io.iamdrift.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.alert.AlertPlan;
import io.iamdrift.alert.AlertPlanner;
import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.audit.AuditScope;
import io.iamdrift.audit.Auditor;
import io.iamdrift.audit.BaselineCapture;
import io.iamdrift.audit.BaselineIntegrity;
import io.iamdrift.audit.CollectionGap;
import io.iamdrift.audit.IncompleteRun;
import io.iamdrift.aws.AlertStateStore;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.BaselineSource;
import io.iamdrift.aws.CloudTrailActors;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.Notifier;
import io.iamdrift.aws.ReportSink;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.S3TerraformStateStore;
import io.iamdrift.aws.SnsNotifier;
import io.iamdrift.aws.StoredObject;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.BaselineUpdate;
import io.iamdrift.finding.Finding;
import io.iamdrift.internal.Json;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.report.AlertMessage;
import io.iamdrift.report.MarkdownRenderer;
import io.iamdrift.report.Redaction;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotException;
import io.iamdrift.snapshot.SnapshotReader;
import io.iamdrift.terraform.StateSource;
import io.iamdrift.terraform.TerraformBaselines;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live run, in the contract's order: collect, audit, write the report, then alert, then advance the alert
 * state only after SNS accepted the message. The same code serves the scheduled, ad hoc and change-triggered
 * handlers and {@code audit --live}.
 */
public final class LiveAudit {

    private static final Logger LOG = LoggerFactory.getLogger(LiveAudit.class);

    /**
     * What a live audit is wired from.
     *
     * @param terraformStates the Terraform/OpenTofu state read on each run and merged with the S3 baselines
     *     (state supplies policies, groups, boundary and trust), or {@code null} for baselines alone
     * @param baselineMemory where each run remembers the baseline objects it read (version ids, digests, content),
     *     so the next run reports BASELINE_CHANGED and BASELINE_WIDENED; null: not checked
     * @param actors who made the change behind each new incident of a run with no triggering event (CloudTrail
     *     LookupEvents), or {@code null}: not asked
     */
    public record Parts(
            LiveConfig config,
            IamCollector collector,
            BaselineSource baselines,
            ReportSink reports,
            AlertStateStore alertState,
            Notifier notifier,
            Auditor auditor,
            Clock clock,
            S3TerraformStateStore terraformStates,
            AlertStateStore baselineMemory,
            Supplier<CloudTrailActors> actors) {}

    private final Parts parts;
    private final LiveConfig config;
    private final IamCollector collector;
    private final BaselineSource baselines;
    private final ReportSink reports;
    private final AlertStateStore alertState;
    private final Notifier notifier;
    private final Auditor auditor;
    private final Clock clock;

    public LiveAudit(Parts parts) {
        this.parts = parts;
        this.config = parts.config();
        this.collector = parts.collector();
        this.baselines = parts.baselines();
        this.reports = parts.reports();
        this.alertState = parts.alertState();
        this.notifier = parts.notifier();
        this.auditor = parts.auditor();
        this.clock = parts.clock();
    }

    /** Wired from the Lambda's environment with the shared SDK clients. */
    public static LiveAudit fromEnvironment() {
        LiveConfig config = LiveConfig.fromEnvironment();
        AwsClients aws = AwsClients.shared();
        TerraformStateConfig tf = TerraformStateConfig.fromEnvironment(System.getenv());
        return new LiveAudit(new Parts(
                config,
                IamCollector.of(aws),
                new S3BaselineStore(aws.s3(), config.baselineBucket(), config.baselinePrefix()),
                new S3ReportStore(aws.s3(), config.reportBucket()),
                new S3AlertStateStore(aws.s3(), config.reportBucket()),
                config.alertTopicArn() == null ? null : new SnsNotifier(aws.sns(), config.alertTopicArn()),
                Auditor.withDefaults(),
                Clock.systemUTC(),
                tf == null ? null : new S3TerraformStateStore(aws.s3(), tf.bucket(), tf.keys(), tf.prefix()),
                new S3AlertStateStore(aws.s3(), config.reportBucket(), "state/", "baselines.json"),
                () -> new CloudTrailActors(aws.cloudTrail(), Clock.systemUTC())));
    }

    /** A finished run: the report and the handler's response. */
    public record Outcome(Report report, AuditResponse response, int iamCalls) {}

    /**
     * Audits the account (or the principals in {@code scope}), stores the report and, when {@code notify}, sends
     * the run's one alert.
     *
     * @param runId stable per triggering event, so that a retried invocation alerts nothing twice
     */
    public Outcome audit(String runId, IamCollector.Scope scope, boolean notify) {
        return audit(runId, scope, notify, null);
    }

    /**
     * As {@link #audit(String, IamCollector.Scope, boolean)}, collecting nothing past {@code collectUntil} (the
     * Lambda's remaining time less what auditing, reporting and alerting need): what was not collected by then
     * is AUDIT_INCOMPLETE in a partial report. A run that cannot audit at all (no account, no baselines, no
     * report written) sends a CRITICAL alert saying so when {@code notify}, then throws so that Lambda retries.
     */
    public Outcome audit(String runId, IamCollector.Scope scope, boolean notify, Instant collectUntil) {
        return audit(runId, scope, notify, collectUntil, Guardrails.NONE, List.of(), null);
    }

    /**
     * As {@link #audit(String, IamCollector.Scope, boolean, Instant)}, judging effective access within the
     * organization's SCPs and RCPs; {@code moreGaps} (e.g. guardrails that could not be read) are AUDIT_INCOMPLETE;
     * {@code actor} (a change-triggered run's CloudTrail identity, or null) is who made the change, given to the
     * incidents the event concerns.
     */
    public Outcome audit(
            String runId,
            IamCollector.Scope scope,
            boolean notify,
            Instant collectUntil,
            Guardrails guardrails,
            List<CollectionGap> moreGaps,
            io.iamdrift.incident.Actor actor) {
        Instant started = clock.instant();
        String stage = "collecting IAM";
        String accountId = null;
        try {
            IamCollector.Snapshot collected = collector.collect(scope, collectUntil);
            accountId = collected.accountId();
            collected.gaps().forEach(g -> LOG.warn("audit {}: not collected: {}", runId, Redaction.text(g.toString())));
            stage = "reading the collected snapshot";
            AccountSnapshot snapshot = read(collected);
            stage = "reading the baselines";
            List<StoredObject> objects = baselines.list(snapshot.accountId());
            TerraformBaselines.Result fromState =
                    parts.terraformStates() == null ? null : fromState(snapshot.accountId(), objects);
            BaselineSet baselineSet =
                    fromState == null ? loadBaselines(snapshot.accountId(), objects) : fromState.toBaselineSet();
            Integrity integrity = checkIntegrity(snapshot.accountId(), objects);
            List<CollectionGap> gaps = new ArrayList<>(collected.gaps());
            integrity.gap().ifPresent(gaps::add);
            gaps.addAll(moreGaps);
            AuditOptions options = new AuditOptions(null, judged(scope, snapshot), gaps, guardrails);
            AuditResult result = auditor.audit(snapshot, baselineSet, options)
                    .withFindings(integrity.result().findings());
            if (fromState != null) {
                result = fromState.annotate(result);
            }
            Report report = result.toReport(runId, started, clock.instant());
            if (actor != null) {
                List<String> concerned = new ArrayList<>();
                concerned.addAll(scope.users());
                concerned.addAll(scope.roles());
                concerned.addAll(scope.policyArns());
                report = report.withIncidents(io.iamdrift.incident.Actors.attach(report.incidents(), actor, concerned));
            } else if (notify) {
                report = withLookedUpActors(report, !scope.isAll());
            }

            stage = "writing the report";
            ReportSink.StoredReport stored = reports.store(
                    snapshot.accountId(),
                    runId,
                    started,
                    ReportJson.write(report),
                    MarkdownRenderer.render(report),
                    scope.isAll());
            stage = null; // from here on a failure is the alert's own, and the report exists
            boolean notified = notify && alert(report, stored.json(), !scope.isAll());
            if (notify) {
                remember(
                        snapshot.accountId(), integrity); // only once the run's alert is out: a failed alert re-reports
            }
            LOG.info(
                    "audit {} of {}: {} principals, findings {}, {} IAM calls, {} not collected, report {}, notified {}",
                    runId,
                    snapshot.accountId(),
                    report.summary().principalsAudited(),
                    report.summary().findings(),
                    collected.apiCalls(),
                    collected.gaps().size(),
                    stored.json(),
                    notified);
            return new Outcome(report, AuditResponse.of(report, notified, stored.json()), collected.apiCalls());
        } catch (RuntimeException e) {
            if (stage != null && notify) {
                alertCouldNotRun(runId, accountId, stage, e, started);
            }
            throw e;
        }
    }

    /** Best effort: the run's failure as a CRITICAL alert (without alert state, which may be unreachable too). */
    private void alertCouldNotRun(
            String runId, String accountId, String stage, RuntimeException cause, Instant started) {
        LOG.error(
                "audit {} could not run: failed {}: {}",
                runId,
                stage,
                Redaction.text(String.valueOf(cause.getMessage())));
        if (notifier == null) {
            return;
        }
        Finding finding = IncompleteRun.couldNotRun(accountId, stage, oneLine(cause));
        Report report = new AuditResult(
                        finding.principal().name(),
                        config.environmentName(),
                        List.of(finding),
                        List.of(),
                        List.of(),
                        new Report.RequiredActions(0, 0))
                .toReport(runId, started, clock.instant());
        try {
            AlertMessage message = AlertMessage.build(report, List.of(finding), null);
            notifier.publish(new Notifier.Notification(
                    message.subject(), message.body(), finding.severity().name(), report.accountId(), 1, null));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Redaction.text(m.lines().findFirst().orElse(m));
    }

    /**
     * Captures a baseline for the named principals as they are now; with {@code write}, stores it under the
     * account's baseline prefix: a principal a baseline object names already is updated in that object (the bucket's
     * versioning keeps the previous version), the others go into one new object ({@link BaselineUpdate}).
     *
     * @return the baseline JSON and the objects written (empty without {@code write})
     */
    public Map<String, Object> capture(List<String> principals, boolean write) {
        IamCollector.Scope scope = principals.isEmpty()
                ? IamCollector.Scope.all()
                : new IamCollector.Scope(Set.copyOf(principals), Set.copyOf(principals), Set.of(), Set.of());
        AccountSnapshot snapshot = read(collector.collect(scope));
        ObjectNode baseline =
                new BaselineCapture(auditor).capture(snapshot, principals, null, config.environmentName());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", snapshot.accountId());
        out.put("principals", baseline.withArray("principals").size());
        out.put("written", write ? store(snapshot.accountId(), baseline) : List.of());
        out.put("baseline", Json.MAPPER.convertValue(baseline, Map.class));
        return out;
    }

    private List<String> store(String accountId, ObjectNode baseline) {
        Map<String, StoredObject> existing = new LinkedHashMap<>();
        for (StoredObject o : baselines.list(accountId)) {
            if (!o.readable()) {
                throw new IllegalStateException("cannot place the capture among the baselines: " + o.error());
            }
            existing.put(o.uri(), o);
        }
        String name = "captured-" + clock.instant().toString().replace(':', '-') + ".json";
        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(
                existing.values().stream()
                        .map(o -> new io.iamdrift.baseline.BaselineSource(o.uri(), o.bytes()))
                        .toList(),
                baseline,
                name);
        List<String> written = new ArrayList<>();
        for (BaselineUpdate.Change c : changes) {
            StoredObject stored = c.source() == null
                    ? baselines.write(accountId, name, c.json())
                    : baselines.replace(existing.get(c.source()), c.json());
            written.add(stored.uri());
        }
        return written;
    }

    private static AccountSnapshot read(IamCollector.Snapshot collected) {
        try {
            return SnapshotReader.read("iam:" + collected.accountId(), collected.envelopeJson());
        } catch (SnapshotException e) {
            throw new IllegalStateException("the collected snapshot could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Whom a scoped run judges: the users and roles its scope names (one that is gone is PRINCIPAL_MISSING) and
     * those the scoped collection found through a group or policy. Nobody else: a baseline principal outside the
     * scope was not collected, and its absence from this snapshot proves nothing.
     */
    private static AuditScope judged(IamCollector.Scope scope, AccountSnapshot snapshot) {
        if (scope.isAll()) {
            return AuditScope.everyone();
        }
        Set<String> users = new HashSet<>(scope.users());
        Set<String> roles = new HashSet<>(scope.roles());
        snapshot.users().forEach(u -> users.add(u.name()));
        snapshot.roles().forEach(r -> roles.add(r.name()));
        return AuditScope.only(users, roles);
    }

    /** What this run found of the baselines' history, and the memory to store for the next run. */
    private record Integrity(BaselineIntegrity.Result result, String tag, Optional<CollectionGap> gap) {}

    private Integrity checkIntegrity(String accountId, List<StoredObject> objects) {
        List<BaselineIntegrity.Seen> seen = objects.stream()
                .filter(StoredObject::readable)
                .map(o -> BaselineIntegrity.Seen.of(o.uri(), o.versionId(), o.bytes()))
                .toList();
        List<String> unreadable = objects.stream()
                .filter(o -> !o.readable())
                .map(StoredObject::uri)
                .toList();
        AlertStateStore baselineMemory = parts.baselineMemory();
        if (baselineMemory == null) {
            return new Integrity(BaselineIntegrity.check(accountId, null, seen, unreadable), null, Optional.empty());
        }
        var stored = baselineMemory.read(accountId);
        Map<String, BaselineIntegrity.Seen> previous = null;
        Optional<CollectionGap> gap = Optional.empty();
        if (stored.isPresent()) {
            try {
                previous = BaselineIntegrity.fromJson(new String(stored.get().json(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                gap = Optional.of(new CollectionGap(
                        "history of the baseline objects",
                        e.getMessage() + ": baseline changes since the last run cannot be detected",
                        false));
            }
        }
        return new Integrity(
                BaselineIntegrity.check(accountId, previous, seen, unreadable),
                stored.map(AlertStateStore.Versioned::tag).orElse(null),
                gap);
    }

    private void remember(String accountId, Integrity integrity) {
        AlertStateStore baselineMemory = parts.baselineMemory();
        if (baselineMemory == null) {
            return;
        }
        try {
            baselineMemory.write(
                    accountId,
                    BaselineIntegrity.toJson(integrity.result().remembered()).getBytes(StandardCharsets.UTF_8),
                    integrity.tag());
        } catch (AlertStateStore.ConcurrentModificationException e) {
            LOG.warn("baseline history of {} was advanced by a concurrent run, which saw the same objects", accountId);
        }
    }

    /** Every baseline object of the account; an unreadable object is a BASELINE_INVALID finding, not a skip. */
    private BaselineSet loadBaselines(String accountId, List<StoredObject> objects) {
        List<io.iamdrift.baseline.BaselineSource> readable = new ArrayList<>();
        List<BaselineProblem> unreadable = new ArrayList<>();
        for (StoredObject o : objects) {
            if (o.readable()) {
                readable.add(new io.iamdrift.baseline.BaselineSource(o.uri(), o.bytes()));
            } else {
                unreadable.add(new BaselineProblem(o.uri(), "", "could not be read: " + o.error()));
            }
        }
        if (objects.isEmpty()) {
            unreadable.add(new BaselineProblem(
                    baselines.location(accountId),
                    "",
                    "no baseline object (*.json) for this account: nothing to audit against"));
        }
        BaselineSet set = new BaselineLoader().loadAll(readable);
        if (unreadable.isEmpty()) {
            return set;
        }
        List<BaselineProblem> problems = new ArrayList<>(unreadable);
        problems.addAll(set.problems());
        return new BaselineSet(set.baselines(), problems);
    }

    /**
     * The state's baselines merged with the account's S3 baselines (optional here: state may be all there is).
     * An unreadable state or baseline object is a BASELINE_INVALID finding, never a skip.
     */
    private TerraformBaselines.Result fromState(String accountId, List<StoredObject> baselineObjects) {
        List<StateSource> states = new ArrayList<>();
        List<BaselineProblem> unreadable = new ArrayList<>();
        S3TerraformStateStore terraformStates = parts.terraformStates();
        for (StoredObject o : terraformStates.read()) {
            if (o.readable()) {
                states.add(new StateSource(o.uri(), o.bytes()));
            } else {
                unreadable.add(new BaselineProblem(o.uri(), "", "could not be read: " + o.error()));
            }
        }
        if (states.isEmpty() && unreadable.isEmpty()) {
            unreadable.add(new BaselineProblem(
                    terraformStates.location(), "", "no Terraform state object found: nothing to audit against"));
        }
        List<io.iamdrift.baseline.BaselineSource> handWritten = new ArrayList<>();
        for (StoredObject o : baselineObjects) {
            if (o.readable()) {
                handWritten.add(new io.iamdrift.baseline.BaselineSource(o.uri(), o.bytes()));
            } else {
                unreadable.add(new BaselineProblem(o.uri(), "", "could not be read: " + o.error()));
            }
        }
        TerraformBaselines.Result r = TerraformBaselines.build(states, handWritten, accountId);
        LOG.info(
                "terraform state {}: {} principals from {} state objects and {} baselines; not baselined: {}",
                terraformStates.location(),
                r.provenance().size(),
                states.size(),
                handWritten.size(),
                r.notes());
        if (unreadable.isEmpty()) {
            return r;
        }
        unreadable.addAll(r.problems());
        return new TerraformBaselines.Result(r.name(), r.document(), unreadable, r.provenance(), r.notes());
    }

    /**
     * The report with who made each change its alert will announce as new (CloudTrail LookupEvents, at most one
     * call per new incident and 20 per run), so the stored report carries what the email says. The plan is made
     * against the alert state as it is now; the alert re-plans under its claim and asks only about a new incident
     * this plan did not foresee. A failure to read the state leaves the actors to the alert, which reports it.
     */
    private Report withLookedUpActors(Report report, boolean partial) {
        if (parts.actors() == null || notifier == null) {
            return report;
        }
        AlertPlan plan;
        try {
            plan = planner()
                    .plan(
                            report.runId(),
                            report,
                            AlertDispatcher.parse(alertState.read(report.accountId())),
                            clock.instant(),
                            config.alertOnResolve(),
                            partial);
        } catch (RuntimeException e) {
            LOG.warn("audit {}: alert state not readable before the report: {}", report.runId(), oneLine(e));
            return report;
        }
        if (!plan.sends() || plan.sections().fresh().isEmpty()) {
            return report;
        }
        CloudTrailActors actors = parts.actors().get();
        Map<String, io.iamdrift.incident.Actor> found = new LinkedHashMap<>();
        plan.sections().fresh().stream().filter(i -> i.actor() == null).forEach(i -> found.put(i.id(), actors.of(i)));
        return report.withIncidents(report.incidents().stream()
                .map(i -> found.containsKey(i.id()) ? i.withActor(found.get(i.id())) : i)
                .toList());
    }

    private AlertPlanner planner() {
        return new AlertPlanner(config.alertMinSeverity(), config.realert());
    }

    /**
     * Sends the run's one alert (new, still open and resolved incidents) if anything is due, through the one
     * {@link AlertDispatcher}: claim, publish, record; the claim released when the publish fails.
     */
    private boolean alert(Report report, String reportUri, boolean partial) {
        if (notifier == null) {
            LOG.warn("ALERT_TOPIC_ARN is not set: no alert sent for run {}", report.runId());
            return false;
        }
        AlertPlanner planner = planner();
        return new AlertDispatcher(alertState, notifier, clock).dispatch(report.accountId(), report.runId(), state -> {
            AlertPlan plan =
                    planner.plan(report.runId(), report, state, clock.instant(), config.alertOnResolve(), partial);
            if (!plan.sends()) {
                return new AlertDispatcher.Prepared(plan, null);
            }
            // actors were looked up before the report was written; the CloudTrail client is built here only for a
            // new incident that plan did not foresee (a concurrent run changed the state in between)
            boolean unforeseen = plan.sections().fresh().stream().anyMatch(i -> i.actor() == null);
            CloudTrailActors actors = parts.actors() == null || !unforeseen
                    ? null
                    : parts.actors().get();
            AlertMessage.Sections sections = actors == null
                    ? plan.sections()
                    : new AlertMessage.Sections(
                            plan.sections().fresh().stream()
                                    .map(i -> i.actor() != null ? i : i.withActor(actors.of(i)))
                                    .toList(),
                            plan.sections().stillOpen(),
                            plan.sections().resolved());
            AlertMessage message = AlertMessage.build(report, sections, plan.toAlert(), reportUri);
            return new AlertDispatcher.Prepared(
                    plan,
                    new Notifier.Notification(
                            message.subject(),
                            message.body(),
                            message.attributes().get(AlertMessage.ATTR_SEVERITY),
                            report.accountId(),
                            plan.toAlert().size(),
                            reportUri,
                            plan.sections().fresh().size()));
        });
    }
}
