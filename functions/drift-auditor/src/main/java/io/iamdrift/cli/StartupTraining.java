package io.iamdrift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.PolicyVersion;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.SnapshotException;
import io.iamdrift.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The training run of {@code scripts/build-aot-cache.sh} (not a command): one JVM that runs what users start,
 * so that the JVM's ahead-of-time cache holds the classes, linked call sites and method profiles of every
 * offline command rather than of the audit alone: the offline audit of an example account (JSON and text
 * reports), a one-user audit, bulk {@code simulate} of requests made of the account's own policy documents,
 * {@code lint} and {@code diff} of two of them, and {@code --version}; then it exits through {@code System.exit},
 * as {@link Main} does (the JVM looks its exit logger up there). Outputs go to a scratch folder and to nowhere;
 * exit codes are ignored (an example account may have CRITICAL drift on purpose).
 *
 * <p>Usage: {@code java -cp drift-auditor.jar io.iamdrift.cli.StartupTraining EXAMPLE_DIR SCRATCH_DIR
 * [PRINCIPAL]}, where EXAMPLE_DIR holds {@code snapshot.json} and {@code baselines/}.
 */
public final class StartupTraining {

    /** Simulate requests in the training batch: enough for the evaluation path to be profiled as hot. */
    private static final int SIMULATE_REQUESTS = 2_000;

    private static final List<String> ACTIONS = List.of(
            "s3:GetObject",
            "iam:PassRole",
            "lambda:CreateFunction",
            "cloudformation:CreateStack",
            "sts:AssumeRole",
            "ec2:DescribeInstances");

    /**
     * A document trained on besides the account's own: one condition of each operator family, so that the
     * evaluator's condition tests are linked in the cache even when the example account uses few of them.
     */
    static final String CONDITIONS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"Deploy"},
            "StringLike":{"s3:prefix":"releases/*"},"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:deploy-*"},
            "NumericLessThan":{"s3:max-keys":"100"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},
            "Bool":{"aws:SecureTransport":"true"},"BinaryEquals":{"aws:userid":"QUJD"},
            "IpAddress":{"aws:SourceIp":"192.0.2.0/24"},"Null":{"aws:TokenIssueTime":"false"},
            "ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}]}""";

    private StartupTraining() {}

    public static void main(String[] args) throws IOException, SnapshotException {
        train(args);
        System.exit(0);
    }

    /** The training proper (without the exit), as the test runs it. */
    static void train(String[] args) throws IOException, SnapshotException {
        CliLogging.configure(); // as Main does: the cache then holds the CLI's logging, not log4j2's
        Path example = Path.of(args[0]);
        Path scratch = Path.of(args[1]);
        String snapshot = example.resolve("snapshot.json").toString();
        String baselines = example.resolve("baselines").toString();
        AccountSnapshot account = SnapshotReader.read(Path.of(snapshot));
        List<String> documents = documents(account);
        List<String> trust = trustPolicies(account);
        if (documents.size() < 2) {
            throw new IllegalArgumentException(snapshot + ": fewer than two policy documents to train on");
        }
        Path requests = Files.writeString(scratch.resolve("requests.jsonl"), simulateRequests(documents));
        Path first = Files.writeString(scratch.resolve("first.json"), documents.get(0));
        Path second = Files.writeString(scratch.resolve("second.json"), documents.get(1));
        Path role = Files.writeString(scratch.resolve("trust.json"), trust.isEmpty() ? documents.get(0) : trust.get(0));
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Main.run("--version");
            Main.run(
                    "audit",
                    "--snapshot",
                    snapshot,
                    "--baselines",
                    baselines,
                    "--format",
                    "json",
                    "--output",
                    scratch.resolve("report.json").toString());
            Main.run("audit", "--snapshot", snapshot, "--baselines", baselines, "--format", "text");
            if (args.length > 2) {
                Main.run("audit", "--snapshot", snapshot, "--baselines", baselines, "--principal", args[2]);
            }
            Main.run("simulate", "--input", requests.toString());
            Main.run("lint", "--policy", first.toString());
            Main.run("lint", "--policy", second.toString(), "--format", "json");
            Main.run("lint", "--policy", role.toString());
            Main.run("diff", "--old", first.toString(), "--new", second.toString());
        } finally {
            System.setOut(out);
        }
    }

    /** The identity policy documents of a snapshot (managed policies' versions, inline policies), as JSON text. */
    static List<String> documents(AccountSnapshot account) {
        List<String> found = new ArrayList<>();
        for (ManagedPolicyDetail policy : account.policies()) {
            policy.versions().stream()
                    .map(PolicyVersion::document)
                    .filter(Objects::nonNull)
                    .forEach(found::add);
        }
        account.principals().forEach(p -> p.inlinePolicies().forEach(i -> found.add(i.document())));
        account.groups().forEach(g -> g.inlinePolicies().forEach(i -> found.add(i.document())));
        return found;
    }

    /** The roles' trust policies, as JSON text. */
    static List<String> trustPolicies(AccountSnapshot account) {
        return account.roles().stream()
                .map(RoleDetail::trustPolicy)
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * JSON Lines of SimulateCustomPolicy requests cycling through the documents and {@link #CONDITIONS}: each asks for the actions the
     * document names and a few others, on the first resource it names (its wildcards filled in) and on any
     * resource; every other one with the next document as permissions boundary and a context entry.
     */
    static String simulateRequests(List<String> accountDocuments) throws IOException {
        List<String> documents = new ArrayList<>(accountDocuments);
        documents.add(CONDITIONS);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < SIMULATE_REQUESTS; i++) {
            String document = documents.get(i % documents.size());
            List<Statement> statements =
                    PolicyParser.parse(document, "training").statements();
            ObjectNode r = Json.MAPPER.createObjectNode();
            r.putArray("PolicyInputList").add(document);
            if (i % 2 == 1) {
                r.putArray("PermissionsBoundaryPolicyInputList").add(documents.get((i + 1) % documents.size()));
                r.putArray("ContextEntries")
                        .addObject()
                        .put("ContextKeyName", "aws:SourceIp")
                        .put("ContextKeyType", "ip")
                        .putArray("ContextKeyValues")
                        .add("192.0.2." + i % 250);
            }
            var actions = r.putArray("ActionNames");
            statements.stream()
                    .filter(st -> !st.actions().negated())
                    .flatMap(st -> st.actions().patterns().stream())
                    .filter(a -> a.indexOf('*') < 0 && a.indexOf('?') < 0)
                    .limit(4)
                    .forEach(actions::add);
            ACTIONS.subList(0, 1 + i % ACTIONS.size()).forEach(actions::add);
            var resources = r.putArray("ResourceArns").add("*");
            statements.stream()
                    .filter(st -> st.resources() != null && !st.resources().negated())
                    .flatMap(st -> st.resources().patterns().stream())
                    .filter(v -> v.startsWith("arn:"))
                    .findFirst()
                    .ifPresent(arn -> resources.add(arn.replace("*", "example")));
            lines.append(r).append('\n');
        }
        return lines.toString();
    }
}
