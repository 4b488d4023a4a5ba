package io.iamdrift.snapshot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ad hoc timing of {@link SnapshotReader} on a generated account (not a unit test): 10,000 users and
 * 20,000 customer-managed policies with two versions each, documents half as JSON objects (CLI) and half
 * URL-encoded (raw API). Run with the test classpath: {@code java ... SnapshotReaderBenchmarkMain [file]}.
 */
public final class SnapshotReaderBenchmarkMain {

    private SnapshotReaderBenchmarkMain() {}

    static String document(int i) {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int s = 0; s < 4; s++) {
            if (s > 0) {
                sb.append(',');
            }
            sb.append("{\"Sid\":\"S")
                    .append(s)
                    .append(
                            "\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\","
                                    + "\"lambda:UpdateFunctionCode\",\"dynamodb:DescribeTable\"],\"Resource\":[\"arn:aws:s3:::bucket-")
                    .append(i)
                    .append("/*\",\"arn:aws:lambda:us-east-1:123456789012:function:fn-")
                    .append(i)
                    .append("\"],\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}}");
        }
        return sb.append("]}").toString();
    }

    static String generate(int users, int policies) {
        StringBuilder sb = new StringBuilder(64 << 20);
        sb.append("{\"UserDetailList\":[");
        for (int u = 0; u < users; u++) {
            if (u > 0) {
                sb.append(',');
            }
            String doc = document(u);
            sb.append("{\"Path\":\"/ci/\",\"UserName\":\"deployer-")
                    .append(u)
                    .append("\",\"UserId\":\"AIDA")
                    .append(u)
                    .append("\",\"Arn\":\"arn:aws:iam::123456789012:user/ci/deployer-")
                    .append(u)
                    .append(
                            "\",\"CreateDate\":\"2024-01-15T10:20:30+00:00\",\"UserPolicyList\":[{\"PolicyName\":\"inline\",\"PolicyDocument\":")
                    .append(
                            u % 2 == 0
                                    ? doc
                                    : "\""
                                            + URLEncoder.encode(doc, StandardCharsets.UTF_8)
                                                    .replace("+", "%20") + "\"")
                    .append("}],\"GroupList\":[\"deployers\",\"ci\"],\"AttachedManagedPolicies\":[");
            for (int a = 0; a < 3; a++) {
                if (a > 0) {
                    sb.append(',');
                }
                int p = (u * 3 + a) % policies;
                sb.append("{\"PolicyName\":\"p")
                        .append(p)
                        .append("\",\"PolicyArn\":\"arn:aws:iam::123456789012:policy/p")
                        .append(p)
                        .append("\"}");
            }
            sb.append(
                    "],\"PermissionsBoundary\":{\"PermissionsBoundaryType\":\"Policy\",\"PermissionsBoundaryArn\":"
                            + "\"arn:aws:iam::123456789012:policy/boundary\"},\"Tags\":[{\"Key\":\"team\",\"Value\":\"platform\"}]}");
        }
        sb.append("],\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[");
        for (int p = 0; p < policies; p++) {
            if (p > 0) {
                sb.append(',');
            }
            sb.append("{\"PolicyName\":\"p")
                    .append(p)
                    .append("\",\"PolicyId\":\"ANPA")
                    .append(p)
                    .append("\",\"Arn\":\"arn:aws:iam::123456789012:policy/p")
                    .append(p)
                    .append("\",\"Path\":\"/\",\"DefaultVersionId\":\"v2\",\"AttachmentCount\":1,\"IsAttachable\":true,"
                            + "\"PolicyVersionList\":[");
            for (int v = 1; v <= 2; v++) {
                if (v > 1) {
                    sb.append(',');
                }
                String doc = document(p * 7 + v);
                sb.append("{\"Document\":")
                        .append(
                                p % 2 == 0
                                        ? doc
                                        : "\""
                                                + URLEncoder.encode(doc, StandardCharsets.UTF_8)
                                                        .replace("+", "%20") + "\"")
                        .append(",\"VersionId\":\"v")
                        .append(v)
                        .append("\",\"IsDefaultVersion\":")
                        .append(v == 2)
                        .append(",\"CreateDate\":\"2024-02-01T00:00:00Z\"}");
            }
            sb.append("]}");
        }
        return sb.append("],\"IsTruncated\":false}").toString();
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("snapshot", ".json");
        if (!Files.exists(file) || Files.size(file) == 0) {
            Files.writeString(file, generate(10_000, 20_000));
        }
        byte[] bytes = Files.readAllBytes(file);
        System.out.printf("file: %s, %.1f MB%n", file, bytes.length / 1048576.0);
        for (int run = 1; run <= 6; run++) {
            long gc0 = gcCount();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            AccountSnapshot s = SnapshotReader.read(file.getFileName().toString(), bytes);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpu = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            System.out.printf(
                    "run %d: %d ms wall, %d ms cpu (parsing thread), %d users, %d policies, account %s, gcs %d%n",
                    run, ms, cpu, s.users().size(), s.policies().size(), s.accountId(), gcCount() - gc0);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
