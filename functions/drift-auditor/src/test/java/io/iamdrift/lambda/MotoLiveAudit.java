package io.iamdrift.lambda;

import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.SnsNotifier;
import io.iamdrift.finding.Severity;
import java.time.Clock;
import java.time.Duration;

/** The live audit wired as the Lambda wires it, over an emulator: one bucket for baselines, reports and state. */
final class MotoLiveAudit {

    private MotoLiveAudit() {}

    /** A versioned bucket, as the template creates it (old baseline objects kept as versions). */
    static void versionedBucket(AwsClients aws, String bucket) {
        aws.s3().createBucket(b -> b.bucket(bucket));
        aws.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    }

    /** Baselines under {@code baselines/} of {@code bucket}, alerts to {@code topicArn} at CRITICAL. */
    static LiveAudit over(AwsClients aws, String bucket, String topicArn, Duration realert) {
        LiveConfig config = new LiveConfig(bucket, "baselines/", bucket, topicArn, "it", Severity.CRITICAL, realert);
        return new LiveAudit(config, IamCollector.of(aws), new S3BaselineStore(aws.s3(), bucket, "baselines/"),
                new S3ReportStore(aws.s3(), bucket), new S3AlertStateStore(aws.s3(), bucket),
                new SnsNotifier(aws.sns(), topicArn), Auditor.withDefaults(), Clock.systemUTC());
    }
}
