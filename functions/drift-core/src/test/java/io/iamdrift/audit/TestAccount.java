package io.iamdrift.audit;

import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.CredentialReport;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.MissingPages;
import io.iamdrift.snapshot.PolicyVersion;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds account snapshots for audit tests, one fluent line per fact. */
final class TestAccount {
    static final String ACCOUNT = "111122223333";
    static final Instant COLLECTED = Instant.parse("2026-11-20T06:00:00Z");

    static final String ADMIN =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    static final String STATE = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"State","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::state-bucket/*"},
             {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state-bucket"}]}""";
    static final String LAMBDA = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"Functions","Effect":"Allow","Action":["lambda:CreateFunction","lambda:GetFunction","lambda:UpdateFunctionCode"],
              "Resource":"arn:aws:lambda:us-east-1:111122223333:function:shop-*"},
             {"Sid":"Identity","Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}""";

    private final List<UserDetail> users = new ArrayList<>();
    private final List<RoleDetail> roles = new ArrayList<>();
    private final List<GroupDetail> groups = new ArrayList<>();
    private final Map<String, ManagedPolicyDetail> policies = new LinkedHashMap<>();
    private final List<String> credentialRows = new ArrayList<>();
    private boolean withReport = true;

    static String arn(String policyName) {
        return "arn:aws:iam::" + ACCOUNT + ":policy/" + policyName;
    }

    static String awsArn(String policyName) {
        return "arn:aws:iam::aws:policy/" + policyName;
    }

    TestAccount policy(String name, String document) {
        return policyVersions(name, "v1", Map.of("v1", document));
    }

    TestAccount policyVersions(String name, String defaultVersion, Map<String, String> versions) {
        boolean aws = name.startsWith("aws:");
        String n = aws ? name.substring(4) : name;
        String policyArn = aws ? awsArn(n) : arn(n);
        List<PolicyVersion> vs = new ArrayList<>();
        versions.forEach((id, doc) -> vs.add(new PolicyVersion(id, id.equals(defaultVersion), doc, COLLECTED)));
        policies.put(
                policyArn,
                new ManagedPolicyDetail(n, "ANPA" + n.toUpperCase(), policyArn, "/", defaultVersion, 1, aws, vs));
        return this;
    }

    TestAccount user(
            String name,
            Map<String, String> inline,
            List<String> attachedArns,
            List<String> groupNames,
            String boundaryArn) {
        List<AttachedPolicy> attached = attachedArns.stream()
                .map(a -> new AttachedPolicy(a.substring(a.lastIndexOf('/') + 1), a))
                .toList();
        List<InlinePolicy> in = new ArrayList<>();
        inline.forEach((k, v) -> in.add(new InlinePolicy(k, v)));
        users.removeIf(u -> u.name().equals(name));
        users.add(new UserDetail(
                name,
                "AIDA" + name.toUpperCase(),
                "arn:aws:iam::" + ACCOUNT + ":user/" + name,
                "/",
                COLLECTED,
                attached,
                in,
                groupNames,
                boundaryArn,
                Map.of()));
        if (credentialRows.stream().noneMatch(r -> r.startsWith(name + ","))) {
            credentials(name, false, null, null);
        }
        return this;
    }

    TestAccount role(
            String name, String trust, Map<String, String> inline, List<String> attachedArns, String boundaryArn) {
        List<AttachedPolicy> attached = attachedArns.stream()
                .map(a -> new AttachedPolicy(a.substring(a.lastIndexOf('/') + 1), a))
                .toList();
        List<InlinePolicy> in = new ArrayList<>();
        inline.forEach((k, v) -> in.add(new InlinePolicy(k, v)));
        roles.add(new RoleDetail(
                name,
                "AROA" + name.toUpperCase(),
                "arn:aws:iam::" + ACCOUNT + ":role/" + name,
                "/",
                COLLECTED,
                trust,
                attached,
                in,
                boundaryArn,
                Map.of()));
        return this;
    }

    TestAccount group(String name, Map<String, String> inline, List<String> attachedArns) {
        List<AttachedPolicy> attached = attachedArns.stream()
                .map(a -> new AttachedPolicy(a.substring(a.lastIndexOf('/') + 1), a))
                .toList();
        List<InlinePolicy> in = new ArrayList<>();
        inline.forEach((k, v) -> in.add(new InlinePolicy(k, v)));
        groups.add(new GroupDetail(
                name, "AGPA" + name.toUpperCase(), "arn:aws:iam::" + ACCOUNT + ":group/" + name, "/", attached, in));
        return this;
    }

    /** Replaces the user's credential report row: password, and key 1 (null lastRotated = no key). */
    TestAccount credentials(String user, boolean password, Instant key1Rotated, Instant key1LastUsed) {
        return credentials(user, password, key1Rotated, key1LastUsed, null);
    }

    TestAccount credentials(
            String user, boolean password, Instant key1Rotated, Instant key1LastUsed, Instant key2Rotated) {
        credentialRows.removeIf(r -> r.startsWith(user + ","));
        credentialRows.add(String.join(
                ",",
                user,
                "arn:aws:iam::" + ACCOUNT + ":user/" + user,
                "2025-01-01T00:00:00+00:00",
                String.valueOf(password),
                password ? "2026-11-01T00:00:00+00:00" : "N/A",
                "N/A",
                "N/A",
                "false",
                String.valueOf(key1Rotated != null),
                key1Rotated == null ? "N/A" : key1Rotated.toString(),
                key1LastUsed == null ? "N/A" : key1LastUsed.toString(),
                "N/A",
                "N/A",
                String.valueOf(key2Rotated != null),
                key2Rotated == null ? "N/A" : key2Rotated.toString(),
                "N/A",
                "N/A",
                "N/A",
                "false",
                "N/A",
                "false",
                "N/A"));
        return this;
    }

    TestAccount truncatedAt(String marker) {
        missingPages = new MissingPages(marker, null);
        return this;
    }

    TestAccount withoutCredentialReport() {
        withReport = false;
        return this;
    }

    private MissingPages missingPages;

    AccountSnapshot build() {
        String header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                + "cert_2_active,cert_2_last_rotated";
        CredentialReport report =
                withReport ? CredentialReport.parse(header + "\n" + String.join("\n", credentialRows)) : null;
        return new AccountSnapshot(
                ACCOUNT, COLLECTED, users, roles, groups, List.copyOf(policies.values()), report, missingPages);
    }
}
