package io.iamdrift.lambda;

import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.CloudTrailActors;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.SnsNotifier;
import io.iamdrift.finding.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The live audit wired as the Lambda wires it, over an emulator: one bucket for baselines, reports and state. */
final class MotoLiveAudit {

    private MotoLiveAudit() {}

    /** A versioned bucket, as the template creates it (old baseline objects kept as versions). */
    static void versionedBucket(AwsClients aws, String bucket) {
        aws.s3().createBucket(b -> b.bucket(bucket));
        aws.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    }

    /**
     * A deployer user with one customer managed policy ({@link LiveAuditIT#DEPLOY}), captured into the baselines of
     * {@code bucket}: the account a lifecycle test starts from, clean.
     */
    static void capturedDeployer(AwsClients aws, String bucket, String topicArn, String user, String policyName) {
        String deploy = aws.iam()
                .createPolicy(b -> b.policyName(policyName).policyDocument(LiveAuditIT.DEPLOY))
                .policy()
                .arn();
        aws.iam().createUser(b -> b.userName(user));
        aws.iam().attachUserPolicy(b -> b.userName(user).policyArn(deploy));
        over(aws, bucket, topicArn, Duration.ofHours(24)).capture(java.util.List.of(user), true);
    }

    /** Baselines under {@code baselines/} of {@code bucket}, alerts to {@code topicArn} at CRITICAL. */
    static LiveAudit over(AwsClients aws, String bucket, String topicArn, Duration realert) {
        return new LiveAudit(parts(aws, bucket, topicArn, realert, null));
    }

    /** As {@link #over}, asking {@code actors} who made each new incident's change (null: nobody is asked). */
    static LiveAudit.Parts parts(
            AwsClients aws, String bucket, String topicArn, Duration realert, Supplier<CloudTrailActors> actors) {
        LiveConfig config = new LiveConfig(bucket, "baselines/", bucket, topicArn, "it", Severity.CRITICAL, realert);
        return new LiveAudit.Parts(
                config,
                IamCollector.of(aws),
                new S3BaselineStore(aws.s3(), bucket, "baselines/"),
                new S3ReportStore(aws.s3(), bucket),
                new S3AlertStateStore(aws.s3(), bucket),
                new SnsNotifier(aws.sns(), topicArn),
                Auditor.withDefaults(),
                Clock.systemUTC(),
                null,
                null,
                actors);
    }
}
