package io.iamdrift.aws;

import io.iamdrift.audit.CollectionGap;
import io.iamdrift.snapshot.SnapshotEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Collects the live account snapshot and writes it as the auditor's envelope (contract 2.1):
 * <pre>{"accountId", "collectedAt", "authorizationDetails": {"UserDetailList", "GroupDetailList",
 * "RoleDetailList", "Policies"}, "credentialReport": "&lt;CSV&gt;"}</pre>
 * with the AWS CLI's member names and shapes, so the live path feeds the same snapshot reader as a file.
 * Policy documents stay URL-encoded strings, as the IAM API returns them; the reader decodes them.
 *
 * <p>Calls: one {@code sts:GetCallerIdentity}; {@code iam:GetAccountAuthorizationDetails} page by page
 * ({@code MaxItems} 1000, filter User, Role, Group, LocalManagedPolicy, AWSManagedPolicy); then
 * {@code GenerateCredentialReport} polled with exponential backoff (bounded) and one
 * {@code GetCredentialReport}. The count grows with pages of 1,000 entities, never with principals or
 * policies. Each call is counted ({@link #apiCalls()}, {@link Snapshot#callsByOperation()}); retries of one
 * call by the SDK are not separate calls.
 *
 * <p>Scoped collection (the change-triggered audit of one principal) makes the same single
 * GetAccountAuthorizationDetails pass with a narrower entity filter, then keeps only the principals in scope,
 * their groups, the AWS managed policies they reference and every customer managed policy. Why not GetUser + List* + GetPolicyVersion: that is
 * one call per policy (more calls than a pass for a principal with a dozen policies, and throttled at IAM's
 * low TPS), needs a much wider IAM permission set on the auditor's role (contract 10: least privilege), and
 * would be a second code path that can disagree with the scheduled audit.
 */
public final class IamCollector {

    /** Entity filter of the full collection. */
    public static final Set<EntityType> ALL_ENTITIES = EnumSet.of(
            EntityType.USER,
            EntityType.ROLE,
            EntityType.GROUP,
            EntityType.LOCAL_MANAGED_POLICY,
            EntityType.AWS_MANAGED_POLICY);

    public static final int MAX_ITEMS = 1000;
    public static final Duration DEFAULT_CREDENTIAL_REPORT_WAIT = Duration.ofSeconds(90);

    /** Sleeps between credential report polls; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final IamClient iam;
    private final StsClient sts;
    private final Clock clock;
    private final Duration credentialReportWait;
    private final Sleeper sleeper;
    private final AtomicInteger apiCalls = new AtomicInteger();
    private Consumer<String> progress = line -> {};

    public IamCollector(IamClient iam, StsClient sts) {
        this(iam, sts, Clock.systemUTC(), DEFAULT_CREDENTIAL_REPORT_WAIT, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param credentialReportWait the longest time to wait for IAM to finish the credential report; past it
     *                             the snapshot has no credential report and says why in {@link Snapshot#warnings()}
     */
    public IamCollector(IamClient iam, StsClient sts, Clock clock, Duration credentialReportWait, Sleeper sleeper) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.credentialReportWait = Objects.requireNonNull(credentialReportWait, "credentialReportWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Reports progress (a line per page and per credential report poll) to {@code sink}, e.g. the CLI's stderr. */
    public IamCollector withProgress(Consumer<String> sink) {
        this.progress = Objects.requireNonNull(sink, "progress");
        return this;
    }

    public static IamCollector of(AwsClients clients) {
        return new IamCollector(clients.iam(), clients.sts());
    }

    /** API calls made by this collector so far (all collections). */
    public int apiCalls() {
        return apiCalls.get();
    }

    /**
     * The result of one collection.
     *
     * @param envelopeJson     the envelope (contract 2.1), ready for the snapshot reader
     * @param apiCalls         calls made by this collection
     * @param callsByOperation the same, per operation name
     * @param pages            GetAccountAuthorizationDetails pages read
     * @param gaps             what is missing from the snapshot and why (e.g. the credential report was not ready):
     *                         the auditor reports these as AUDIT_INCOMPLETE, never as a pass
     */
    public record Snapshot(
            String accountId,
            Instant collectedAt,
            String envelopeJson,
            int apiCalls,
            Map<String, Integer> callsByOperation,
            int pages,
            List<CollectionGap> gaps) {

        /** The gaps as lines a person reads. */
        public List<String> warnings() {
            return gaps.stream().map(CollectionGap::toString).toList();
        }
    }

    /**
     * What to collect: everything, or some principals. Names are IAM names (case as in IAM; IAM treats user,
     * group and role names case-insensitively, and so does the scope). A policy ARN selects the principals it
     * is attached to (directly, or to a user through a group), for CreatePolicyVersion and SetDefaultPolicyVersion.
     */
    public record Scope(Set<String> users, Set<String> roles, Set<String> groups, Set<String> policyArns) {
        public Scope {
            users = lower(users);
            roles = lower(roles);
            groups = lower(groups);
            policyArns = Set.copyOf(policyArns == null ? Set.of() : policyArns);
        }

        public static Scope all() {
            return new Scope(Set.of(), Set.of(), Set.of(), Set.of());
        }

        public static Scope users(String... names) {
            return new Scope(Set.of(names), Set.of(), Set.of(), Set.of());
        }

        public static Scope roles(String... names) {
            return new Scope(Set.of(), Set.of(names), Set.of(), Set.of());
        }

        public static Scope groups(String... names) {
            return new Scope(Set.of(), Set.of(), Set.of(names), Set.of());
        }

        public static Scope policies(String... arns) {
            return new Scope(Set.of(), Set.of(), Set.of(), Set.of(arns));
        }

        public boolean isAll() {
            return users.isEmpty() && roles.isEmpty() && groups.isEmpty() && policyArns.isEmpty();
        }

        Set<EntityType> entityTypes() {
            if (isAll()) {
                return ALL_ENTITIES;
            }
            Set<EntityType> t = EnumSet.of(EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY);
            if (!users.isEmpty() || !groups.isEmpty() || !policyArns.isEmpty()) {
                t.add(EntityType.USER);
                t.add(EntityType.GROUP);
            }
            if (!roles.isEmpty() || !policyArns.isEmpty()) {
                t.add(EntityType.ROLE);
            }
            return t;
        }

        private static Set<String> lower(Set<String> names) {
            Set<String> out = new HashSet<>();
            if (names != null) {
                names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
            }
            return Set.copyOf(out);
        }
    }

    /** The whole account. */
    public Snapshot collect() {
        return collect(Scope.all());
    }

    public Snapshot collect(Scope scope) {
        return collect(scope, null);
    }

    /**
     * Collects, calling nothing past {@code deadline} (each call's timeout, retries included, ends there too).
     * What could not be collected, for the deadline or because a call failed after the SDK's retries, is in
     * {@link Snapshot#gaps()}; only a failing {@code sts:GetCallerIdentity} (no account to report on) throws.
     *
     * @param deadline when to stop calling IAM, or null for no limit
     */
    public Snapshot collect(Scope scope, Instant deadline) {
        Map<String, Integer> calls = new LinkedHashMap<>();
        Instant collectedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<CollectionGap> gaps = new ArrayList<>();

        count(calls, "sts:GetCallerIdentity");
        String accountId = sts.getCallerIdentity(b -> b.overrideConfiguration(budget(deadline)))
                .account();

        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policies = new ArrayList<>();
        int pages = 0;
        boolean entitiesComplete = true;
        String marker = null;
        do {
            if (pastDeadline(deadline)) {
                gaps.add(new CollectionGap(
                        pages == 0
                                ? "IAM users, roles, groups and policies"
                                : "IAM users, roles, groups and policies after page " + pages,
                        "the time budget of the run ran out",
                        true));
                entitiesComplete = false;
                break;
            }
            String from = marker;
            count(calls, "iam:GetAccountAuthorizationDetails");
            GetAccountAuthorizationDetailsResponse page;
            try {
                page = iam.getAccountAuthorizationDetails(b -> b.filter(scope.entityTypes())
                        .maxItems(MAX_ITEMS)
                        .marker(from)
                        .overrideConfiguration(budget(deadline)));
            } catch (SdkException e) {
                gaps.add(new CollectionGap(
                        pages == 0
                                ? "IAM users, roles, groups and policies"
                                : "IAM users, roles, groups and policies after page " + pages,
                        "iam:GetAccountAuthorizationDetails failed after the SDK's retries: " + describe(e),
                        true));
                entitiesComplete = false;
                break;
            }
            pages++;
            progress.accept("page " + pages + " of GetAccountAuthorizationDetails: "
                    + page.userDetailList().size() + " users, "
                    + page.roleDetailList().size() + " roles, "
                    + page.groupDetailList().size() + " groups, "
                    + page.policies().size() + " policies"
                    + (Boolean.TRUE.equals(page.isTruncated()) ? "; more pages follow" : ""));
            users.addAll(page.userDetailList());
            groups.addAll(page.groupDetailList());
            roles.addAll(page.roleDetailList());
            policies.addAll(page.policies());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);

        if (!scope.isAll()) {
            trim(scope, users, groups, roles, policies);
        }

        String credentialReport = null;
        if (scope.isAll() || !users.isEmpty()) {
            credentialReport = credentialReport(calls, gaps, deadline);
            if (credentialReport != null && !scope.isAll()) {
                credentialReport = keepRows(credentialReport, users);
            }
        }

        String json = envelope(accountId, collectedAt, users, groups, roles, policies, credentialReport);
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        return new Snapshot(accountId, collectedAt, json, total, Map.copyOf(calls), pages, List.copyOf(gaps));
    }

    private void count(Map<String, Integer> calls, String op) {
        calls.merge(op, 1, Integer::sum);
        apiCalls.incrementAndGet();
    }

    /** Generates (if needed) and downloads the credential report; null with a gap when it is not ready in time. */
    private String credentialReport(Map<String, Integer> calls, List<CollectionGap> gaps, Instant runDeadline) {
        String what = CollectionGap.CREDENTIAL_REPORT;
        Instant waitDeadline = clock.instant().plus(credentialReportWait);
        Instant deadline = runDeadline != null && runDeadline.isBefore(waitDeadline) ? runDeadline : waitDeadline;
        Duration delay = Duration.ofMillis(250);
        try {
            while (true) {
                if (pastDeadline(runDeadline)) {
                    gaps.add(new CollectionGap(
                            what,
                            "the time budget of the run ran out: console passwords and access keys "
                                    + "were not checked",
                            false));
                    return null;
                }
                count(calls, "iam:GenerateCredentialReport");
                GenerateCredentialReportResponse g =
                        iam.generateCredentialReport(b -> b.overrideConfiguration(budget(runDeadline)));
                if (g.state() == ReportStateType.COMPLETE) {
                    break;
                }
                progress.accept("credential report: " + g.stateAsString() + ", waiting " + delay.toMillis() + " ms");
                if (!clock.instant().plus(delay).isBefore(deadline)) {
                    gaps.add(new CollectionGap(
                            what,
                            "not ready after "
                                    + Duration.between(waitDeadline.minus(credentialReportWait), clock.instant())
                                            .toSeconds()
                                    + " s (state " + g.stateAsString() + "): console passwords and access keys "
                                    + "were not checked",
                            false));
                    return null;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    gaps.add(new CollectionGap(
                            what, "interrupted while waiting for it: credential checks were not run", false));
                    return null;
                }
                delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0
                        ? Duration.ofSeconds(8)
                        : delay.multipliedBy(2);
            }
            count(calls, "iam:GetCredentialReport");
            GetCredentialReportResponse r = iam.getCredentialReport(b -> b.overrideConfiguration(budget(runDeadline)));
            progress.accept("credential report: downloaded");
            return r.content() == null ? "" : r.content().asUtf8String();
        } catch (CredentialReportNotReadyException e) {
            gaps.add(new CollectionGap(
                    what,
                    "reported COMPLETE but could not be downloaded (" + describe(e)
                            + "): credential checks were not run",
                    false));
            return null;
        } catch (SdkException e) {
            gaps.add(new CollectionGap(
                    what,
                    "failed after the SDK's retries (" + describe(e) + "): credential checks were not run",
                    false));
            return null;
        }
    }

    private boolean pastDeadline(Instant deadline) {
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    /** The per-call timeout (retries included) that ends the call at the run's deadline. */
    private Consumer<AwsRequestOverrideConfiguration.Builder> budget(Instant deadline) {
        return o -> {
            if (deadline != null) {
                Duration left = Duration.between(clock.instant(), deadline);
                o.apiCallTimeout(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
            }
        };
    }

    /** An SDK error in one line: its error code and status when it has them, else its message. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode() + " (HTTP " + s.statusCode() + ")";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName()
                + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    private static void trim(
            Scope scope,
            List<UserDetail> users,
            List<GroupDetail> groups,
            List<RoleDetail> roles,
            List<ManagedPolicyDetail> policies) {
        // groups that attach a policy in scope put their members in scope
        Set<String> groupsInScope = new HashSet<>(scope.groups());
        for (GroupDetail g : groups) {
            if (attaches(g.attachedManagedPolicies(), null, scope.policyArns())) {
                groupsInScope.add(g.groupName().toLowerCase(Locale.ROOT));
            }
        }
        users.removeIf(u -> !(scope.users().contains(u.userName().toLowerCase(Locale.ROOT))
                || attaches(
                        u.attachedManagedPolicies(),
                        u.permissionsBoundary() == null
                                ? null
                                : u.permissionsBoundary().permissionsBoundaryArn(),
                        scope.policyArns())
                || u.groupList().stream().anyMatch(g -> groupsInScope.contains(g.toLowerCase(Locale.ROOT)))));
        roles.removeIf(r -> !(scope.roles().contains(r.roleName().toLowerCase(Locale.ROOT))
                || attaches(
                        r.attachedManagedPolicies(),
                        r.permissionsBoundary() == null
                                ? null
                                : r.permissionsBoundary().permissionsBoundaryArn(),
                        scope.policyArns())));
        Set<String> keepGroups = new HashSet<>(groupsInScope);
        users.forEach(u -> u.groupList().forEach(g -> keepGroups.add(g.toLowerCase(Locale.ROOT))));
        groups.removeIf(g -> !keepGroups.contains(g.groupName().toLowerCase(Locale.ROOT)));

        Set<String> arns = new HashSet<>(scope.policyArns());
        users.forEach(u -> {
            u.attachedManagedPolicies().forEach(p -> arns.add(p.policyArn()));
            if (u.permissionsBoundary() != null) {
                arns.add(u.permissionsBoundary().permissionsBoundaryArn());
            }
        });
        roles.forEach(r -> {
            r.attachedManagedPolicies().forEach(p -> arns.add(p.policyArn()));
            if (r.permissionsBoundary() != null) {
                arns.add(r.permissionsBoundary().permissionsBoundaryArn());
            }
        });
        groups.forEach(g -> g.attachedManagedPolicies().forEach(p -> arns.add(p.policyArn())));
        // Customer managed policies stay, attached or not: a baseline policy absent from the snapshot would read as
        // "does not exist" (MANAGED_POLICY_MISSING) when it is only detached. AWS managed ones are not needed.
        policies.removeIf(p -> !arns.contains(p.arn()) && p.arn().contains(":iam::aws:policy/"));
    }

    private static boolean attaches(List<AttachedPolicy> attached, String boundaryArn, Set<String> arns) {
        if (arns.isEmpty()) {
            return false;
        }
        return (boundaryArn != null && arns.contains(boundaryArn))
                || attached.stream().anyMatch(p -> arns.contains(p.policyArn()));
    }

    /** The CSV header and the rows of the given users (the first column is the user name). */
    static String keepRows(String csv, List<UserDetail> users) {
        Set<String> names = new HashSet<>();
        users.forEach(u -> names.add(u.userName()));
        StringBuilder sb = new StringBuilder();
        String[] lines = csv.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.indexOf(',');
            String user = comma < 0 ? line : line.substring(0, comma);
            if (i == 0 || names.contains(user)) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    static String envelope(
            String accountId,
            Instant collectedAt,
            List<UserDetail> users,
            List<GroupDetail> groups,
            List<RoleDetail> roles,
            List<ManagedPolicyDetail> policies,
            String credentialReport) {
        return SnapshotEnvelope.toJson(
                accountId,
                collectedAt,
                new SnapshotEnvelope.AuthorizationDetails<SdkPojo>(users, groups, roles, policies, SdkJson::write),
                credentialReport);
    }
}
