package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AccountQueue;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.AwsSettings;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.MemberRoles;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3OrgRunStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.finding.Severity;
import io.iamdrift.organization.AccountSelection;
import io.iamdrift.organization.MemberAccount;
import io.iamdrift.organization.OrgCostModel;
import io.iamdrift.organization.RunManifest;
import io.iamdrift.report.MarkdownRenderer;
import io.iamdrift.report.ReportJson;
import io.iamdrift.snapshot.SnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The organization-mode bench (scripts/bench-org.sh; never part of the test run): measures one member audit of a
 * 100-deployer account against moto (assume, collect, audit, report, result; S3 requests counted by an SDK
 * interceptor), the pure audit of the same snapshot, and the hub's enqueue of {@code bench.org.accounts} accounts,
 * then prints the {@link OrgCostModel} estimate for 1,000 accounts from those figures.
 */
@ExtendWith(MotoServer.class)
@EnabledIfSystemProperty(named = "bench.org", matches = "true")
class OrgScaleBenchIT {

    static final String BUCKET = "drift-org-bench";
    static final int DEPLOYERS = Integer.getInteger("bench.org.deployers", 100);
    static final int ACCOUNTS = Integer.getInteger("bench.org.accounts", 1000);
    static final int REPEATS = 5;

    /** Counts S3 requests by operation. */
    static final class Counter implements ExecutionInterceptor {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(
                            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        int sum(String... ops) {
            return Arrays.stream(ops)
                    .mapToInt(o -> calls.getOrDefault(o, new AtomicInteger()).get())
                    .sum();
        }
    }

    @Test
    void printsTheMeasuredFiguresAndTheModelFor1000Accounts(MotoServer.Endpoint moto) throws Exception {
        moto.reset();
        AwsClients hub = moto.clients();
        hub.s3().createBucket(b -> b.bucket(BUCKET));
        String queueUrl = hub.sqs().createQueue(b -> b.queueName("org-bench")).queueUrl();
        hub.organizations().createOrganization(b -> b.featureSet("ALL"));
        String accountId = hub.organizations()
                .createAccount(b -> b.accountName("scale").email("scale@example.com"))
                .createAccountStatus()
                .accountId();
        MemberRoles roles = new MemberRoles(hub, "IamDriftAuditorMember", "bench-external-id");
        LiveConfig live =
                new LiveConfig(BUCKET, "baselines/", BUCKET, null, "bench", Severity.CRITICAL, Duration.ofHours(24));

        // a 100-deployer account, as generate-scale-account.py shapes them: a managed and an inline policy each
        try (AwsClients member = roles.assume(accountId, "bench-setup")) {
            String deploy = member.iam()
                    .createPolicy(b -> b.policyName("Deploy").policyDocument(policy("lambda:UpdateFunctionCode")))
                    .policy()
                    .arn();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < DEPLOYERS; i++) {
                String name = "deployer-" + i;
                names.add(name);
                member.iam().createUser(b -> b.userName(name));
                member.iam().attachUserPolicy(b -> b.userName(name).policyArn(deploy));
                member.iam()
                        .putUserPolicy(
                                b -> b.userName(name).policyName("state").policyDocument(policy("s3:GetObject")));
            }
            new LiveAudit(new LiveAudit.Parts(
                            live,
                            IamCollector.of(member),
                            new S3BaselineStore(hub.s3(), BUCKET, "baselines/"),
                            new S3ReportStore(hub.s3(), BUCKET),
                            null,
                            null,
                            Auditor.withDefaults(),
                            Clock.systemUTC(),
                            null,
                            null,
                            null))
                    .capture(names, true);
        }

        // the member path exactly as the handler runs it, on an S3 client that counts requests
        Counter counter = new Counter();
        var s3b = hub.configure(S3Client.builder(), AwsSettings.S3).forcePathStyle(true);
        s3b.overrideConfiguration(s3b.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(counter)
                .build());
        S3Client s3 = s3b.build();
        OrgConfig org = new OrgConfig(
                queueUrl,
                "IamDriftAuditorMember",
                "bench-external-id",
                AccountSelection.all(),
                3,
                900,
                Duration.ofHours(1));
        OrganizationAudit service = new OrganizationAudit(new OrganizationAudit.Wiring(
                live,
                org,
                List::of,
                new AccountQueue(hub.sqs(), queueUrl),
                roles,
                new S3OrgRunStore(s3, BUCKET),
                new S3BaselineStore(s3, BUCKET, "baselines/"),
                new S3ReportStore(s3, BUCKET),
                new S3AlertStateStore(s3, BUCKET, "state/org/"),
                null,
                Auditor.withDefaults(),
                Clock.systemUTC(),
                () -> MotoServer.ACCOUNT_ID,
                null));
        MemberAccount account = new MemberAccount(accountId, "scale", "ACTIVE");
        // a second, never-reporting account keeps the run open, so that the timing is the member audit alone
        MemberAccount other = new MemberAccount("000000000001", "other", "ACTIVE");
        double[] seconds = new double[REPEATS + 1];
        int s3Before = 0;
        for (int i = 0; i <= REPEATS; i++) {
            RunManifest m = new RunManifest(
                    "bench-" + i,
                    Instant.now(),
                    Instant.now().plusSeconds(3600),
                    MotoServer.ACCOUNT_ID,
                    "bench",
                    List.of(account, other));
            new S3OrgRunStore(hub.s3(), BUCKET).putManifest(m);
            if (i == 1) {
                counter.calls.clear();
            }
            long t0 = System.nanoTime();
            service.handle(OrganizationAudit.message("account", m.runId(), account), 1);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        double memberMoto = median(Arrays.copyOfRange(seconds, 1, seconds.length)); // the first run warms the JVM
        int s3Gets = counter.sum("GetObject") / REPEATS;
        int s3Puts = counter.sum("PutObject") / REPEATS;
        int s3Lists = counter.sum("ListObjectsV2") / REPEATS - 1; // the completion check is modelled apart

        // IAM/STS calls of one collection (collector-counted) plus the AssumeRole, and the pure audit time
        int iamCalls;
        double pure;
        try (AwsClients member = roles.assume(accountId, "bench-measure")) {
            IamCollector.Snapshot snap = IamCollector.of(member).collect();
            iamCalls = snap.apiCalls() + 1;
            var baselineObjects = new S3BaselineStore(hub.s3(), BUCKET, "baselines/")
                    .list(accountId).stream()
                            .map(o -> new BaselineSource(o.uri(), o.bytes()))
                            .toList();
            double[] pureRuns = new double[REPEATS + 1];
            for (int i = 0; i <= REPEATS; i++) {
                long t0 = System.nanoTime();
                var snapshot = SnapshotReader.read("iam:" + accountId, snap.envelopeJson());
                var result = Auditor.withDefaults()
                        .audit(
                                snapshot,
                                new BaselineLoader().loadAll(baselineObjects),
                                new AuditOptions(null, java.util.Set.of()));
                var report = result.toReport("pure-" + i, Instant.now(), Instant.now());
                ReportJson.write(report);
                MarkdownRenderer.render(report);
                pureRuns[i] = (System.nanoTime() - t0) / 1e9;
                assertThat(report.summary().principalsAudited()).isEqualTo(DEPLOYERS);
            }
            pure = median(Arrays.copyOfRange(pureRuns, 1, pureRuns.length));
        }

        // the hub: ListAccounts over an organization of ACCOUNTS accounts, manifest, SendMessageBatch
        for (int i = 1; i < ACCOUNTS; i++) {
            String n = "acct-" + i;
            hub.organizations().createAccount(b -> b.accountName(n).email(n + "@example.com"));
        }
        OrganizationAudit hubService = new OrganizationAudit(OrganizationAudit.wiring(
                live,
                new OrgConfig(
                        queueUrl,
                        "IamDriftAuditorMember",
                        "bench-external-id",
                        AccountSelection.all(),
                        3,
                        900,
                        Duration.ofHours(1)),
                hub,
                roles,
                Clock.systemUTC()));
        long h0 = System.nanoTime();
        Map<String, Object> started = hubService.startRun("bench-hub");
        double hubSeconds = (System.nanoTime() - h0) / 1e9;
        int enqueued = (Integer) started.get("accounts");

        OrgCostModel.Measured measured = new OrgCostModel.Measured(
                1000, DEPLOYERS, memberMoto, pure, iamCalls, s3Gets, s3Puts, s3Lists, hubSeconds * 1000.0 / enqueued);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                java.util.Locale.ROOT,
                "bench-org: member audit runs against moto (s): %s%n",
                Arrays.toString(Arrays.copyOfRange(seconds, 1, seconds.length))));
        out.append(String.format(
                java.util.Locale.ROOT,
                "bench-org: hub run over %d accounts: %.2f s (%s SendMessageBatch calls)%n",
                enqueued,
                hubSeconds,
                started.get("sendMessageBatchCalls")));
        for (int concurrency : new int[] {10, 50, 100}) {
            OrgCostModel.Assumptions a = OrgCostModel.Assumptions.defaults(concurrency, 1024);
            out.append("\n").append(OrgCostModel.render(measured, a, OrgCostModel.estimate(measured, a)));
        }
        Files.writeString(Path.of("target/bench-org.txt"), out.toString(), StandardCharsets.UTF_8);
        System.out.println(out);
        hub.close();
    }

    static String policy(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
