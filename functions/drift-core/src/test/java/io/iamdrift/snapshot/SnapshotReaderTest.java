package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.finding.PrincipalRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReaderTest {

    /** One page as printed by {@code aws iam get-account-authorization-details} (documents as JSON objects). */
    static final String CLI_PAGE = """
            {
              "UserDetailList": [
                {
                  "Path": "/ci/",
                  "UserName": "ci-deployer",
                  "UserId": "AIDAEXAMPLE",
                  "Arn": "arn:aws:iam::123456789012:user/ci/ci-deployer",
                  "CreateDate": "2024-01-15T10:20:30+00:00",
                  "UserPolicyList": [
                    {"PolicyName": "Deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}
                  ],
                  "GroupList": ["deployers"],
                  "AttachedManagedPolicies": [
                    {"PolicyName": "CIDeployCore", "PolicyArn": "arn:aws:iam::123456789012:policy/CIDeployCore"},
                    {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}
                  ],
                  "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/Boundary"},
                  "Tags": [{"Key": "team", "Value": "platform"}, {"Key": "role", "Value": "deployer"}]
                }
              ],
              "GroupDetailList": [
                {
                  "Path": "/", "GroupName": "deployers", "GroupId": "AGPAEXAMPLE",
                  "Arn": "arn:aws:iam::123456789012:group/deployers", "CreateDate": "2023-01-01T00:00:00Z",
                  "GroupPolicyList": [{"PolicyName": "G", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}],
                  "AttachedManagedPolicies": []
                }
              ],
              "RoleDetailList": [
                {
                  "Path": "/", "RoleName": "gh-actions", "RoleId": "AROAEXAMPLE",
                  "Arn": "arn:aws:iam::123456789012:role/gh-actions", "CreateDate": "2023-05-05T05:05:05Z",
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]},
                  "InstanceProfileList": [],
                  "RolePolicyList": [],
                  "AttachedManagedPolicies": [{"PolicyName": "CIDeployCore", "PolicyArn": "arn:aws:iam::123456789012:policy/CIDeployCore"}],
                  "Tags": [],
                  "RoleLastUsed": {}
                }
              ],
              "Policies": [
                {
                  "PolicyName": "CIDeployCore", "PolicyId": "ANPAEXAMPLE",
                  "Arn": "arn:aws:iam::123456789012:policy/CIDeployCore", "Path": "/",
                  "DefaultVersionId": "v2", "AttachmentCount": 2, "PermissionsBoundaryUsageCount": 0,
                  "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-02-01T00:00:00Z",
                  "PolicyVersionList": [
                    {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}]}, "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2024-02-01T00:00:00Z"},
                    {"Document": {"Version": "2012-10-17", "Statement": []}, "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2024-01-01T00:00:00Z"}
                  ]
                },
                {
                  "PolicyName": "ReadOnlyAccess", "PolicyId": "ANPAAWS", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                  "Path": "/", "DefaultVersionId": "v100", "AttachmentCount": 1, "IsAttachable": true,
                  "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": []}, "VersionId": "v100", "IsDefaultVersion": true}]
                }
              ],
              "IsTruncated": false
            }
            """;

    @Test
    void readsCliOutputWithDocumentsAsObjects() throws Exception {
        AccountSnapshot s = SnapshotReader.read("snapshot.json", CLI_PAGE);

        assertThat(s.accountId()).as("derived from ARNs").isEqualTo("123456789012");
        assertThat(s.collectedAt()).isNull();
        assertThat(s.credentialReport()).isNull();

        UserDetail u = s.user("ci-deployer").orElseThrow();
        assertThat(u.userId()).isEqualTo("AIDAEXAMPLE");
        assertThat(u.path()).isEqualTo("/ci/");
        assertThat(u.createDate()).isEqualTo(Instant.parse("2024-01-15T10:20:30Z"));
        assertThat(u.groups()).containsExactly("deployers");
        assertThat(u.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::123456789012:policy/Boundary");
        assertThat(u.tags()).containsExactly(Map.entry("team", "platform"), Map.entry("role", "deployer"));
        assertThat(u.attachedPolicies())
                .extracting(AttachedPolicy::arn)
                .containsExactly(
                        "arn:aws:iam::123456789012:policy/CIDeployCore", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(u.inlinePolicies())
                .containsExactly(
                        new InlinePolicy(
                                "Deploy",
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        assertThat(u.ref()).isEqualTo(PrincipalRef.user("ci-deployer", u.arn()));

        RoleDetail r = s.role("gh-actions").orElseThrow();
        assertThat(r.trustPolicy()).startsWith("{\"Version\":\"2012-10-17\"").contains("sts:AssumeRoleWithWebIdentity");
        assertThat(r.permissionsBoundaryArn()).isNull();
        assertThat(r.tags()).isEmpty();

        assertThat(s.group("deployers").orElseThrow().inlinePolicies()).hasSize(1);

        ManagedPolicyDetail core =
                s.policy("arn:aws:iam::123456789012:policy/CIDeployCore").orElseThrow();
        assertThat(core.awsManaged()).isFalse();
        assertThat(core.attachmentCount()).isEqualTo(2);
        assertThat(core.defaultVersionId()).isEqualTo("v2");
        assertThat(core.versions()).hasSize(2);
        assertThat(core.defaultDocument()).contains("lambda:*");
        assertThat(s.policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
                        .orElseThrow()
                        .awsManaged())
                .isTrue();

        assertThat(s.principal(PrincipalKind.ROLE, "gh-actions")).containsSame(r);
        assertThat(s.principals()).hasSize(2);
        assertThat(s.user("nobody")).isEmpty();
    }

    @Test
    void keepsAnEmbeddedDocumentsTextCompactWithItsCharactersEscapesAndNumbers() throws Exception {
        String page = """
                {"UserDetailList": [{"UserName": "ci", "Arn": "arn:aws:iam::123456789012:user/ci",
                  "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {
                    "Statement": [ {"Effect": "Allow", "Action": "s3:ListBucket",
                      "Resource": "arn:aws:s3:::bücket-\uD83D\uDE00/a\\"b\\\\c\\u0001\\/",
                      "Condition": {"NumericLessThan": {"s3:max-keys": 1.50}, "Bool": {"aws:SecureTransport": true}}} ]
                  }}]}]}
                """;

        assertThat(SnapshotReader.read("cli.json", page)
                        .user("ci")
                        .orElseThrow()
                        .inlinePolicies()
                        .get(0)
                        .document())
                .isEqualTo("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:aws:s3:::bücket-\uD83D\uDE00/a\\\"b\\\\c\\u0001/\","
                        + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":1.5},"
                        + "\"Bool\":{\"aws:SecureTransport\":true}}}]}");
    }

    @Test
    void readsRawApiOutputWithUrlEncodedDocuments() throws Exception {
        String raw = """
                {"UserDetailList": [{"UserName": "ci", "Arn": "arn:aws:iam::123456789012:user/ci",
                  "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}]}],
                 "RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}],
                 "Policies": [{"PolicyName": "x", "Arn": "arn:aws:iam::123456789012:policy/x", "DefaultVersionId": "v1",
                   "PolicyVersionList": [{"Document": "%7B%22Statement%22%3A%5B%5D%7D", "VersionId": "v1", "IsDefaultVersion": true}]}]}
                """;

        AccountSnapshot s = SnapshotReader.read("raw.json", raw);

        assertThat(s.user("ci").orElseThrow().inlinePolicies().get(0).document())
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(s.role("r").orElseThrow().trustPolicy()).isEqualTo("{\"Statement\":[]}");
        assertThat(s.policy("arn:aws:iam::123456789012:policy/x").orElseThrow().defaultDocument())
                .isEqualTo("{\"Statement\":[]}");
    }

    @Test
    void readsTheAuditorsEnvelopeWithCredentialReport() throws Exception {
        String envelope =
                """
                {"accountId": "123456789012", "collectedAt": "2024-07-01T00:00:00Z",
                 "authorizationDetails": %s,
                 "credentialReport": %s}
                """.formatted(CLI_PAGE, com.fasterxml.jackson.databind.node.TextNode.valueOf(CredentialReportTest.CSV));

        AccountSnapshot s = SnapshotReader.read("envelope.json", envelope);

        assertThat(s.accountId()).isEqualTo("123456789012");
        assertThat(s.collectedAt()).isEqualTo(Instant.parse("2024-07-01T00:00:00Z"));
        assertThat(s.users()).hasSize(1);
        assertThat(s.credentials("ci-deployer").orElseThrow().keys()).hasSize(2);
    }

    @Test
    void readsAnEnvelopeWhoseAuthorizationDetailsAreAnArrayOfPages() throws Exception {
        String envelope = """
                {"accountId": "123456789012", "authorizationDetails": [
                  {"UserDetailList": [{"UserName": "a"}], "IsTruncated": true, "Marker": "m"},
                  {"UserDetailList": [{"UserName": "b"}], "IsTruncated": false}]}
                """;

        assertThat(SnapshotReader.read("e.json", envelope).users())
                .extracting(UserDetail::name)
                .containsExactly("a", "b");
    }

    @Test
    void mergesPagesGivenAsAJsonArray() throws Exception {
        String pages = """
                [{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a"}], "IsTruncated": true, "Marker": "x"},
                 {"RoleDetailList": [{"RoleName": "r"}], "Policies": [], "IsTruncated": false}]
                """;

        AccountSnapshot s = SnapshotReader.read("pages.json", pages);

        assertThat(s.users()).extracting(UserDetail::name).containsExactly("a");
        assertThat(s.roles()).extracting(RoleDetail::name).containsExactly("r");
        assertThat(s.accountId()).isEqualTo("123456789012");
    }

    @Test
    void mergesConcatenatedPages() throws Exception {
        String pages = """
                {"UserDetailList": [{"UserName": "a"}], "IsTruncated": true, "Marker": "x"}
                {"UserDetailList": [{"UserName": "b"}], "IsTruncated": false}
                """;

        assertThat(SnapshotReader.read("pages.json", pages).users())
                .extracting(UserDetail::name)
                .containsExactly("a", "b");
    }

    @Test
    void mergesSeveralFilesIntoOneSnapshot(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.json"), """
                {"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a"}]}""");
        Path policies = Files.writeString(dir.resolve("policies.json"), """
                {"accountId": "123456789012", "collectedAt": "2024-07-01T00:00:00Z", "authorizationDetails":
                 {"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::123456789012:policy/p"}],
                  "UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a"}]}}""");

        AccountSnapshot s = SnapshotReader.readAll(List.of(users, policies));

        assertThat(s.users())
                .extracting(UserDetail::name)
                .as("identical duplicates collapse")
                .containsExactly("a");
        assertThat(s.policies()).hasSize(1);
        assertThat(s.accountId()).isEqualTo("123456789012");
        assertThat(s.collectedAt()).isEqualTo(Instant.parse("2024-07-01T00:00:00Z"));
    }

    @Test
    void refusesToMergeSnapshotsOfDifferentAccounts() throws Exception {
        AccountSnapshot a = SnapshotReader.read(
                "a.json",
                "{\"UserDetailList\": [{\"UserName\": \"a\", \"Arn\": \"arn:aws:iam::111111111111:user/a\"}]}");
        AccountSnapshot b = SnapshotReader.read(
                "b.json",
                "{\"UserDetailList\": [{\"UserName\": \"b\", \"Arn\": \"arn:aws:iam::222222222222:user/b\"}]}");

        assertThatThrownBy(() -> SnapshotReader.merge(List.of(a, b)))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("111111111111")
                .hasMessageContaining("222222222222");
    }

    @Test
    void refusesToMergeTwoDifferentVersionsOfTheSameUser() throws Exception {
        AccountSnapshot a =
                SnapshotReader.read("a.json", "{\"UserDetailList\": [{\"UserName\": \"a\", \"GroupList\": [\"g1\"]}]}");
        AccountSnapshot b =
                SnapshotReader.read("b.json", "{\"UserDetailList\": [{\"UserName\": \"a\", \"GroupList\": [\"g2\"]}]}");

        assertThatThrownBy(() -> SnapshotReader.merge(List.of(a, b))).hasMessageContaining("user a appears twice");
    }

    @Test
    void rejectsAnArnOfAnotherAccountNamingItsPointer() {
        String mixed = """
                {"accountId": "123456789012", "authorizationDetails": {"UserDetailList": [
                  {"UserName": "a", "Arn": "arn:aws:iam::999999999999:user/a"}]}}""";

        assertThatThrownBy(() -> SnapshotReader.read("m.json", mixed))
                .hasMessage(
                        "m.json: /authorizationDetails/UserDetailList/0/Arn: ARN arn:aws:iam::999999999999:user/a is in "
                                + "account 999999999999, but the snapshot is of account 123456789012");
    }

    @Test
    void reportsAnEmptyFile() {
        assertThatThrownBy(() -> SnapshotReader.read("snapshot.json", "  \n"))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("snapshot.json: file is empty (expected a JSON object)");
    }

    @Test
    void reportsTruncatedJsonWithLineAndColumn() {
        assertThatThrownBy(
                        () -> SnapshotReader.read("snapshot.json", "{\"UserDetailList\": [\n  {\"UserName\": \"a\"}"))
                .isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith("snapshot.json:2:")
                .hasMessageContaining("truncated JSON");
    }

    @Test
    void reportsTextThatIsNotJsonWithLineAndColumn() {
        assertThatThrownBy(() -> SnapshotReader.read("snapshot.json", "user,arn\nx,y"))
                .isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith("snapshot.json:1:")
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void reportsDuplicateKeys() {
        assertThatThrownBy(() -> SnapshotReader.read(
                        "snapshot.json", "{\"UserDetailList\": [{\"UserName\": \"a\", \"UserName\": \"b\"}]}"))
                .hasMessageStartingWith("snapshot.json:1:")
                .hasMessageContaining("duplicate key")
                .hasMessageContaining("/UserDetailList/0")
                .hasMessageContaining("UserName");
    }

    @Test
    void reportsAUserListThatIsNotAnArrayByPointer() {
        assertThatThrownBy(() -> SnapshotReader.read("snapshot.json", "{\"UserDetailList\": {\"UserName\": \"a\"}}"))
                .hasMessage("snapshot.json: /UserDetailList: expected an array, found an object");
    }

    @Test
    void reportsAUserWithoutUserNameByPointer() {
        String json =
                "{\"UserDetailList\": [{\"UserName\": \"a\"}, {\"UserName\": \"b\"}, {\"UserName\": \"c\"}, {\"UserId\": \"x\"}]}";

        assertThatThrownBy(() -> SnapshotReader.read("snapshot.json", json))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("snapshot.json: /UserDetailList/3/UserName: required string is missing")
                .extracting(e -> ((SnapshotException) e).pointer())
                .isEqualTo("/UserDetailList/3/UserName");
    }

    @Test
    void reportsAFieldOfTheWrongTypeByPointer() {
        assertThatThrownBy(() -> SnapshotReader.read("s.json", "{\"RoleDetailList\": [{\"RoleName\": [\"r\"]}]}"))
                .hasMessage("s.json: /RoleDetailList/0/RoleName: expected a string, found an array");
        assertThatThrownBy(() -> SnapshotReader.read(
                        "s.json", "{\"UserDetailList\": [{\"UserName\": \"a\", \"CreateDate\": \"yesterday\"}]}"))
                .hasMessage(
                        "s.json: /UserDetailList/0/CreateDate: expected an ISO-8601 timestamp, found \"yesterday\"");
        assertThatThrownBy(
                        () -> SnapshotReader.read(
                                "s.json",
                                "{\"UserDetailList\": [{\"UserName\": \"a\", \"UserPolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": 7}]}]}"))
                .hasMessageContaining("/UserDetailList/0/UserPolicyList/0/PolicyDocument: expected a policy document");
    }

    @Test
    void reportsJsonThatIsNotASnapshot() {
        assertThatThrownBy(() -> SnapshotReader.read("s.json", "{\"Version\": \"2012-10-17\", \"Statement\": []}"))
                .hasMessageStartingWith("s.json: /: not an account snapshot");
        assertThatThrownBy(() -> SnapshotReader.read("s.json", "\"hello\""))
                .hasMessageStartingWith("s.json: /: expected a JSON object");
    }

    @Test
    void reportsABadEnvelopeAccountIdAndCredentialReport() {
        assertThatThrownBy(() -> SnapshotReader.read("e.json", "{\"accountId\": \"12\", \"authorizationDetails\": {}}"))
                .hasMessage("e.json: /accountId: expected a 12-digit account id, found \"12\"");
        assertThatThrownBy(
                        () -> SnapshotReader.read(
                                "e.json",
                                "{\"authorizationDetails\": {\"UserDetailList\": []}, \"credentialReport\": \"name,arn\\nx,y\"}"))
                .hasMessageStartingWith("e.json: /credentialReport: credential report line 1");
    }

    @Test
    void reportsAMalformedUrlEncodedDocumentByPointer() {
        assertThatThrownBy(() -> SnapshotReader.read(
                        "s.json",
                        "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"AssumeRolePolicyDocument\": \"%7B%ZZ\"}]}"))
                .hasMessageStartingWith(
                        "s.json: /RoleDetailList/0/AssumeRolePolicyDocument: malformed URL-encoded policy document");
    }

    @Test
    void readsAFileFromDiskNamingItByFileName(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("snap.json"), "{\"UserDetailList\": [{}]}");

        assertThatThrownBy(() -> SnapshotReader.read(f))
                .hasMessage("snap.json: /UserDetailList/0/UserName: required string is missing");
        assertThatThrownBy(() -> SnapshotReader.read(dir.resolve("missing.json")))
                .hasMessageStartingWith("missing.json: cannot read file");
    }

    @Test
    void readsEveryUserAndPolicyOfALargeGeneratedAccount() throws Exception {
        String big = SnapshotReaderBenchmarkMain.generate(1_000, 2_000);

        AccountSnapshot s = SnapshotReader.read("big.json", big);

        assertThat(s.users()).hasSize(1_000);
        assertThat(s.policies()).hasSize(2_000);
        assertThat(s.user("deployer-1").orElseThrow().inlinePolicies().get(0).document())
                .isEqualTo(SnapshotReaderBenchmarkMain.document(1));
        assertThat(s.policy("arn:aws:iam::123456789012:policy/p3").orElseThrow().defaultDocument())
                .isEqualTo(SnapshotReaderBenchmarkMain.document(3 * 7 + 2));
    }

    @Test
    void readsBoto3TimestampsAsCloudsplainingDownloadWritesThem() throws Exception {
        AccountSnapshot s = SnapshotReader.read("boto3.json", """
                {"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::123456789012:user/u",
                  "CreateDate": "2023-03-09 10:41:45+00:00"}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}""");

        assertThat(s.users().get(0).createDate()).isEqualTo(Instant.parse("2023-03-09T10:41:45Z"));
    }

    @Test
    void refusesAnEmptyArrayNamingTheFile() {
        assertThatThrownBy(() -> SnapshotReader.read("s.json", "[]"))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("s.json: /: an empty array: no page of account authorization details");
        assertThatThrownBy(() -> SnapshotReader.read(
                        "e.json", "{\"accountId\": \"123456789012\", \"authorizationDetails\": []}"))
                .hasMessage("e.json: /authorizationDetails: an empty array: no page of account authorization details");
    }

    @Test
    void refusesABaselineFileSayingWhatItIs() {
        String baseline = "{\"schemaVersion\": 1, \"accountId\": \"123456789012\", \"principals\": []}";

        assertThatThrownBy(() -> SnapshotReader.read("prod.json", baseline))
                .hasMessageStartingWith("prod.json: /: not an account snapshot")
                .hasMessageContaining("looks like a baseline file");
    }

    @Test
    void refusesJsonWithoutTheSnapshotKeys() {
        for (String json : List.of(
                "{\"accountId\": \"123456789012\"}",
                "{\"IsTruncated\": false}",
                "{}",
                "{\"accountId\": \"123456789012\", \"collectedAt\": \"2024-01-01T00:00:00Z\"}")) {
            assertThatThrownBy(() -> SnapshotReader.read("x.json", json))
                    .as(json)
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith("x.json: /: not an account snapshot");
        }
    }

    @Test
    void refusesTwoAccountsInOneFileNamingBothPlaces() {
        String twoAccounts = """
                [{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"}]},
                 {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::222222222222:role/r"}]}]""";

        assertThatThrownBy(() -> SnapshotReader.read("two.json", twoAccounts))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("two.json: /1/RoleDetailList/0/Arn: ARN arn:aws:iam::222222222222:role/r is in account "
                        + "222222222222, but /0/UserDetailList/0/Arn is in account 111111111111: a snapshot file holds one "
                        + "account (split it, one file per account)")
                .extracting(e -> ((SnapshotException) e).pointer())
                .isEqualTo("/1/RoleDetailList/0/Arn");
    }

    @Test
    void aTruncatedLastPageLeavesTheSnapshotIncompleteNamingItsMarker() throws Exception {
        AccountSnapshot s = SnapshotReader.read("p1.json", """
                {"UserDetailList": [{"UserName": "a"}], "IsTruncated": true, "Marker": "AAEAAbc"}""");

        assertThat(s.missingPages()).hasValueSatisfying(m -> {
            assertThat(m.marker()).isEqualTo("AAEAAbc");
            assertThat(m.howToAdd()).contains("AAEAAbc").contains("--snapshot");
        });
    }

    @Test
    void cliOutputWithANextTokenIsIncomplete() throws Exception {
        AccountSnapshot s = SnapshotReader.read("cli.json", """
                {"UserDetailList": [{"UserName": "a"}], "NextToken": "eyJNYXJrZXIiOiBudWxsfQ=="}""");

        assertThat(s.missingPages())
                .hasValueSatisfying(
                        m -> assertThat(m.howToAdd()).contains("--starting-token eyJNYXJrZXIiOiBudWxsfQ=="));
    }

    @Test
    void pagesEndingInAFinalPageAreComplete(@TempDir Path dir) throws Exception {
        assertThat(SnapshotReader.read("pages.json", """
                [{"UserDetailList": [{"UserName": "a"}], "IsTruncated": true, "Marker": "x"},
                 {"UserDetailList": [{"UserName": "b"}], "IsTruncated": false}]""").missingPages()).isEmpty();
        Path first = Files.writeString(
                dir.resolve("1.json"),
                "{\"UserDetailList\": [{\"UserName\": \"a\"}], \"IsTruncated\": true, \"Marker\": \"x\"}");
        Path last = Files.writeString(
                dir.resolve("2.json"), "{\"UserDetailList\": [{\"UserName\": \"b\"}], \"IsTruncated\": false}");
        assertThat(SnapshotReader.readAll(List.of(first, last)).missingPages()).isEmpty();
        assertThat(SnapshotReader.readAll(List.of(last, first)).missingPages())
                .as("the last page read is truncated")
                .isPresent();
    }
}
