package io.iamdrift.cli;

import io.iamdrift.audit.CollectionGap;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.AwsSettings;
import io.iamdrift.aws.IamCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code snapshot --output FILE}: collects the snapshot envelope (credential report included) from the account the
 * AWS credentials reach, with the collector the Lambda uses. Read-only calls; progress on stderr.
 */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Collects the account's snapshot envelope (users, roles, groups, policies and the credential report)"
                    + " with the Lambda's collector: sts:GetCallerIdentity, iam:GetAccountAuthorizationDetails,"
                    + " iam:GenerateCredentialReport, iam:GetCredentialReport (read-only). Progress goes to stderr.",
            "AWS credentials, region and AWS_ENDPOINT_URL come from the environment, as for the AWS CLI."
        })
final class SnapshotCommand implements Callable<Integer> {

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "where to write the envelope (JSON)")
    String output;

    @Override
    public Integer call() {
        Path out = Path.of(output);
        IamCollector.Snapshot snapshot;
        try (AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment())) {
            snapshot = IamCollector.of(aws)
                    .withProgress(line -> System.err.println("snapshot: " + line))
                    .collect();
        } catch (SdkException e) {
            throw new InputException(
                    "cannot collect the snapshot: "
                            + e.getMessage().lines().findFirst().orElse("")
                            + " (check the AWS credentials and region in the environment, e.g. AWS_PROFILE, AWS_REGION)",
                    e);
        }
        if (snapshot.gaps().stream().anyMatch(CollectionGap::entities)) {
            snapshot.warnings().forEach(w -> System.err.println("error: " + w));
            throw new InputException("the collection of account " + snapshot.accountId() + " is incomplete; nothing was"
                    + " written to " + output + " (a partial file would make present principals look deleted)");
        }
        snapshot.warnings()
                .forEach(w -> System.err.println("warning: " + w + " (the file has no credential report;"
                        + " audits of it will say CREDENTIALS_NOT_AUDITED)"));
        write(out, snapshot.envelopeJson());
        System.err.println("snapshot: account " + snapshot.accountId() + " written to " + output + " ("
                + snapshot.apiCalls() + " API calls, " + snapshot.pages() + " page(s))");
        return Main.OK;
    }

    /** Writes through a temporary file in the same folder, so a failed write never leaves half a snapshot. */
    private static void write(Path out, String json) {
        Path dir = out.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".snapshot-", ".json");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage(), e);
        }
    }
}
