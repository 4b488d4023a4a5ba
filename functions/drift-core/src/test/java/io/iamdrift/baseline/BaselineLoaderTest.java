package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.policy.PolicyText;
import io.iamdrift.snapshot.PrincipalKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineLoaderTest {

    static final String FULL = """
            {
              "schemaVersion": 1,
              "accountId": "123456789012",
              "environment": "prod",
              "discovery": {"userNamePatterns": ["*-deployer"], "roleNamePatterns": ["gh-*"], "pathPrefixes": ["/ci/"], "tags": {"purpose": "deploy"}},
              "principals": [
                {
                  "type": "user",
                  "name": "prod-deployer",
                  "managedPolicies": [
                    {"arn": "arn:aws:iam::123456789012:policy/CIDeployCore", "versionId": "v3",
                     "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}]}},
                    {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}
                  ],
                  "inlinePolicies": [
                    {"name": "Encoded", "document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"},
                    {"name": "AsString", "document": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": []}"}
                  ],
                  "groups": ["deployers"],
                  "permissionsBoundary": "arn:aws:iam::123456789012:policy/Boundary",
                  "requiredActions": [
                    {"action": "iam:CreateServiceLinkedRole", "resource": "arn:aws:iam::*:role/aws-service-role/rum.amazonaws.com/*",
                     "context": {"iam:AWSServiceName": "rum.amazonaws.com", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]}, "why": "RUM"},
                    {"action": "sts:GetCallerIdentity"}
                  ],
                  "requiredForResourceTypes": ["aws_lambda_alias"],
                  "forbiddenActions": ["iam:CreateUser", "organizations:*"],
                  "credentials": {"maxAccessKeyAgeDays": 30},
                  "exceptions": [{"type": "WILDCARD_RESOURCE", "policy": "inline:Encoded", "statementSid": "S1", "reason": "reviewed", "expires": "2030-01-31"}]
                },
                {
                  "type": "role",
                  "name": "gh-actions",
                  "permissionsBoundary": null,
                  "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
                }
              ]
            }
            """;

    private final BaselineLoader loader = new BaselineLoader();

    static String principals(String principalsJson) {
        return "{\"schemaVersion\": 1, \"principals\": " + principalsJson + "}";
    }

    @Test
    void loadsAFullBaselineIntoRecords() {
        BaselineSet set = loader.load("prod.json", FULL);

        assertThat(set.problems()).isEmpty();
        Baseline b = set.baselines().get(0);
        assertThat(b.source()).isEqualTo("prod.json");
        assertThat(b.accountId()).isEqualTo("123456789012");
        assertThat(b.environment()).isEqualTo("prod");
        assertThat(b.discovery().userNamePatterns()).containsExactly("*-deployer");

        PrincipalBaseline u = set.principal(PrincipalKind.USER, "prod-deployer").orElseThrow();
        assertThat(u.managedPolicies())
                .containsExactly(
                        new ExpectedManagedPolicy(
                                "arn:aws:iam::123456789012:policy/CIDeployCore",
                                "v3",
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}]}"),
                        new ExpectedManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess", null, null));
        assertThat(u.inlinePolicies())
                .containsExactly(
                        new ExpectedInlinePolicy("Encoded", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"),
                        new ExpectedInlinePolicy("AsString", "{\"Version\": \"2012-10-17\", \"Statement\": []}"));
        assertThat(u.groups()).containsExactly("deployers");
        assertThat(u.permissionsBoundary())
                .isEqualTo(new BoundaryExpectation.Arn("arn:aws:iam::123456789012:policy/Boundary"));
        assertThat(u.requiredActions())
                .containsExactly(
                        new RequiredAction(
                                "iam:CreateServiceLinkedRole",
                                "arn:aws:iam::*:role/aws-service-role/rum.amazonaws.com/*",
                                Map.of(
                                        "iam:AWSServiceName",
                                        List.of("rum.amazonaws.com"),
                                        "aws:RequestedRegion",
                                        List.of("us-east-1", "eu-west-1")),
                                "RUM"),
                        new RequiredAction("sts:GetCallerIdentity", "*", Map.of(), null));
        assertThat(u.requiredForResourceTypes()).containsExactly("aws_lambda_alias");
        assertThat(u.forbiddenActions()).containsExactly("iam:CreateUser", "organizations:*");
        assertThat(u.credentials()).isEqualTo(new CredentialPolicy(false, 30, 1));
        assertThat(u.exceptions())
                .containsExactly(new BaselineException(
                        "WILDCARD_RESOURCE", "inline:Encoded", "S1", "reviewed", LocalDate.of(2030, 1, 31)));
        assertThat(u.allRequiredActions(TerraformActions.defaults()))
                .extracting(RequiredAction::action)
                .contains("iam:CreateServiceLinkedRole", "lambda:CreateAlias", "ec2:DescribeVpcs")
                .containsOnlyOnce("sts:GetCallerIdentity");

        PrincipalBaseline r = set.principal(PrincipalKind.ROLE, "gh-actions").orElseThrow();
        assertThat(r.permissionsBoundary()).isEqualTo(BoundaryExpectation.NONE);
        assertThat(r.trustPolicy())
                .startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{")
                .contains("lambda.amazonaws.com");
        assertThat(r.groups()).as("absent groups are not checked").isNull();
        assertThat(set.baselineOf(PrincipalKind.ROLE, "gh-actions")).contains(b);
        assertThat(set.principal(PrincipalKind.USER, "gh-actions")).isEmpty();
    }

    @Test
    void appliesDefaultsForAbsentOptionalFields() {
        BaselineSet set = loader.load("min.json", principals("[{\"type\": \"user\", \"name\": \"ci\"}]"));

        PrincipalBaseline p = set.principal(PrincipalKind.USER, "ci").orElseThrow();
        assertThat(p.permissionsBoundary()).isEqualTo(BoundaryExpectation.NOT_CHECKED);
        assertThat(p.credentials()).isEqualTo(CredentialPolicy.DEFAULT);
        assertThat(p.credentials()).isEqualTo(new CredentialPolicy(false, 90, 1));
        assertThat(p.managedPolicies()).isEmpty();
        assertThat(p.groups()).isNull();
        assertThat(p.trustPolicy()).isNull();
        assertThat(set.baselines().get(0).discovery()).isEqualTo(Discovery.NONE);
    }

    @Test
    void boundaryExpectationAcceptsOnlyWhatItSays() {
        assertThat(BoundaryExpectation.NOT_CHECKED.accepts("arn:x")).isTrue();
        assertThat(BoundaryExpectation.NONE.accepts(null)).isTrue();
        assertThat(BoundaryExpectation.NONE.accepts("arn:x")).isFalse();
        assertThat(new BoundaryExpectation.Arn("arn:x").accepts("arn:x")).isTrue();
        assertThat(new BoundaryExpectation.Arn("arn:x").accepts(null)).isFalse();
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(loader.load("empty.json", " \n").problems())
                .containsExactly(
                        new BaselineProblem("empty.json", "", "file is empty (expected a baseline JSON object)"));
    }

    @Test
    void reportsTextThatIsNotJsonWithLineAndColumn() {
        assertThat(loader.load("b.json", "schemaVersion: 1").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason())
                        .startsWith("invalid JSON at line 1, column ")
                        .contains("schemaVersion"));
    }

    @Test
    void reportsTruncatedJsonWithLineColumnAndPointer() {
        assertThat(loader.load("b.json", "{\"schemaVersion\": 1,\n \"principals\": [\n")
                        .problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/principals");
                    assertThat(p.reason()).startsWith("truncated JSON at line 3, column 1: Unexpected end-of-input");
                });
    }

    @Test
    void reportsDuplicateKeys() {
        assertThat(loader.load("b.json", principals("[{\"type\": \"user\", \"name\": \"a\", \"name\": \"b\"}]"))
                        .problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/principals/0/name");
                    assertThat(p.reason()).isEqualTo("duplicate key at line 1, column 73: Duplicate field 'name'");
                });
    }

    @Test
    void reportsADuplicateKeyDeepInsideADocumentAtItsPlace() {
        String doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\","
                + " \"aws:SecureTransport\": \"false\"}}}]}";
        String file = principals("[{\"type\": \"user\", \"name\": \"a\",\n \"inlinePolicies\": [{\"name\": \"p\", "
                + "\"document\": " + doc + "}]}]");

        assertThat(loader.load("b.json", file).problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer())
                    .isEqualTo("/principals/0/inlinePolicies/0/document/Statement/0/Condition/Bool"
                            + "/aws:SecureTransport");
            assertThat(p.reason())
                    .isEqualTo("duplicate key at line 2, column 217: Duplicate field 'aws:SecureTransport'");
        });
    }

    @Test
    void reportsContentAfterTheJsonValue() {
        assertThat(loader.load("b.json", principals("[]") + " {}").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("content after the JSON value at line 1"));
    }

    @Test
    void reportsSchemaViolationsWithPointers() {
        String bad = """
                {"schemaVersion": 2, "accountId": "12",
                 "principals": [{"type": "group", "name": "x", "credentials": {"maxActiveAccessKeys": 3}, "managedPolicy": [],
                                 "exceptions": [{"type": "WILDCARD_RESOURCE", "reason": "r", "expires": "2024-02-30"}]},
                                {"type": "user"}]}
                """;

        BaselineSet set = loader.load("bad.json", bad);

        assertThat(set.baselines()).isEmpty();
        assertThat(set.problems())
                .extracting(BaselineProblem::pointer)
                .contains(
                        "/schemaVersion",
                        "/accountId",
                        "/principals/0/type",
                        "/principals/0/credentials/maxActiveAccessKeys",
                        "/principals/0/managedPolicy",
                        "/principals/0/exceptions/0/expires",
                        "/principals/1/name");
        assertThat(set.problems())
                .filteredOn(p -> p.pointer().equals("/principals/0/managedPolicy"))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("unknown property 'managedPolicy'"));
        assertThat(set.problems())
                .filteredOn(p -> p.pointer().equals("/principals/1/name"))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("required property 'name' is missing"));
        assertThat(set.problems())
                .filteredOn(p -> p.pointer().equals("/principals/0/credentials/maxActiveAccessKeys"))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("2"));
        assertThat(set.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("bad.json"));
    }

    @Test
    void reportsAWrongTopLevelShape() {
        assertThat(loader.load("b.json", "[1, 2]").problems())
                .extracting(BaselineProblem::pointer)
                .containsExactly("");
        assertThat(loader.load("b.json", "{\"schemaVersion\": 1, \"principals\": {}}")
                        .problems())
                .extracting(BaselineProblem::pointer)
                .containsExactly("/principals");
    }

    @Test
    void reportsAnUnknownTerraformTypeAsAProblem() {
        BaselineSet set = loader.load(
                "b.json",
                principals(
                        "[{\"type\": \"user\", \"name\": \"a\", \"requiredForResourceTypes\": [\"aws_lambda_function\", \"aws_lambda_functoin\"]}]"));

        assertThat(set.problems())
                .containsExactly(new BaselineProblem(
                        "b.json",
                        "/principals/0/requiredForResourceTypes/1",
                        new TerraformActions.UnknownResourceTypeException("aws_lambda_functoin").getMessage()));
        assertThat(set.baselines())
                .as("a file with a problem contributes no principals")
                .isEmpty();
    }

    @Test
    void reportsPolicyDocumentStringsThatAreNotJson() {
        BaselineSet set = loader.load("b.json", principals("""
                [{"type": "role", "name": "r", "trustPolicy": "%7B%22Statement%22",
                  "inlinePolicies": [{"name": "x", "document": "%7B%ZZ"}, {"name": "y", "document": "[1]"}]}]"""));

        assertThat(set.problems())
                .extracting(BaselineProblem::pointer)
                .containsExactly(
                        "/principals/0/inlinePolicies/0/document",
                        "/principals/0/inlinePolicies/1/document",
                        "/principals/0/trustPolicy");
        assertThat(set.problems().get(0).reason()).contains("malformed URL-encoded policy document");
        assertThat(set.problems().get(1).reason()).contains("not a JSON object");
        assertThat(set.problems().get(2).reason()).contains("truncated JSON");
    }

    @Test
    void reportsDocumentStringsWithDuplicateKeysOrContentAfterTheObjectWithTheirPlace() {
        BaselineSet set = loader.load("b.json", principals("""
                [{"type": "role", "name": "r",
                  "inlinePolicies": [{"name": "x", "document": "{\\"Version\\": \\"2012-10-17\\", \\"Version\\": \\"2012-10-17\\"}"},
                                     {"name": "y", "document": "{\\"Statement\\": []}\\n{}"}]}]"""));

        assertThat(set.problems())
                .extracting(BaselineProblem::pointer)
                .containsExactly("/principals/0/inlinePolicies/0/document", "/principals/0/inlinePolicies/1/document");
        assertThat(set.problems().get(0).reason()).contains("not valid JSON: duplicate key at line 1");
        assertThat(set.problems().get(1).reason())
                .contains(
                        "not valid JSON: content after the JSON value at line 2, column 1: the file must hold exactly one JSON value");
    }

    @Test
    void keepsOneCopyOfADocumentTextTheSnapshotAlsoHolds() {
        String held = PolicyText.shared("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"SharedWithSnapshot\","
                + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        BaselineSet set = loader.load(
                "b.json",
                principals(
                        "[{\"type\": \"role\", \"name\": \"r\", \"inlinePolicies\": [{\"name\": \"x\", \"document\": "
                                + "\"" + held.replace("\"", "\\\"") + "\"}]}]"));

        assertThat(set.problems()).isEmpty();
        assertThat(set.baselines()
                        .get(0)
                        .principals()
                        .get(0)
                        .inlinePolicies()
                        .get(0)
                        .document())
                .isSameAs(held);
    }

    @Test
    void reportsFieldsOnTheWrongKindOfPrincipal() {
        BaselineSet set = loader.load("b.json", principals("""
                [{"type": "role", "name": "r", "groups": ["g"]},
                 {"type": "user", "name": "u", "trustPolicy": {"Statement": []}, "permissionsBoundary": "not-an-arn"}]"""));

        assertThat(set.problems())
                .extracting(BaselineProblem::pointer)
                .containsExactlyInAnyOrder(
                        "/principals/0/groups", "/principals/1/trustPolicy", "/principals/1/permissionsBoundary");
    }

    @Test
    void reportsAPrincipalNamedTwiceInOneFile() {
        BaselineSet set = loader.load(
                "b.json",
                principals(
                        "[{\"type\": \"user\", \"name\": \"a\"}, {\"type\": \"role\", \"name\": \"a\"}, {\"type\": \"user\", \"name\": \"a\"}]"));

        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/principals/2");
            assertThat(p.reason()).contains("user/a is named twice");
        });
    }

    @Test
    void rejectsAFileOverTheSizeLimitBeforeParsing(@TempDir Path dir) throws Exception {
        byte[] big = new byte[(int) BaselineLoader.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        Path f = Files.write(dir.resolve("huge.json"), big);

        assertThat(loader.load(f).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("over the 67108864-byte (64 MB) limit"));
        assertThat(loader.loadAll(List.of(new BaselineSource("s3://b/huge.json", big)))
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("s3://b/huge.json"));
    }

    @Test
    void loadsADirectoryInNameOrderAndKeepsGoodFilesBesideABadOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.json"), principals("[{\"type\": \"user\", \"name\": \"b\"}]"));
        Files.writeString(dir.resolve("a.json"), principals("[{\"type\": \"user\", \"name\": \"a\"}]"));
        Files.writeString(dir.resolve("c.json"), "{not json");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        BaselineSet set = loader.load(dir);

        assertThat(set.baselines())
                .extracting(Baseline::source)
                .containsExactly(
                        dir.resolve("a.json").toString(), dir.resolve("b.json").toString());
        assertThat(set.problems())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.source()).isEqualTo(dir.resolve("c.json").toString()));
        assertThat(set.principals()).extracting(PrincipalBaseline::name).containsExactly("a", "b");
    }

    @Test
    void reportsAPrincipalNamedInTwoFilesAndKeepsTheFirst(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("1-core.json"),
                principals("[{\"type\": \"user\", \"name\": \"ci\", \"groups\": [\"first\"]}]"));
        Files.writeString(
                dir.resolve("2-extra.json"),
                principals(
                        "[{\"type\": \"role\", \"name\": \"r\"}, {\"type\": \"user\", \"name\": \"ci\", \"groups\": [\"second\"]}]"));

        BaselineSet set = loader.load(dir);

        String first = dir.resolve("1-core.json").toString();
        String second = dir.resolve("2-extra.json").toString();
        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(second);
            assertThat(p.pointer()).isEqualTo("/principals/1");
            assertThat(p.reason()).contains("user/ci").contains(first);
        });
        assertThat(set.principal(PrincipalKind.USER, "ci").orElseThrow().groups())
                .containsExactly("first");
        assertThat(set.principal(PrincipalKind.ROLE, "r")).isPresent();
        assertThat(set.baselineOf(PrincipalKind.USER, "ci").orElseThrow().source())
                .isEqualTo(first);
    }

    @Test
    void readsADirectoryInParallelWithProblemsAndFirstNamesInFileOrder(@TempDir Path dir) throws Exception {
        // the first file is the largest (read last when files are read in parallel); every file names user ci
        StringBuilder many = new StringBuilder("[{\"type\": \"user\", \"name\": \"ci\"}");
        for (int i = 0; i < 3_000; i++) {
            many.append(", {\"type\": \"role\", \"name\": \"r").append(i).append("\"}");
        }
        Files.writeString(dir.resolve("00.json"), principals(many.append(']').toString()));
        for (int f = 1; f < 12; f++) {
            Files.writeString(
                    dir.resolve(String.format("%02d.json", f)),
                    f % 4 == 0
                            ? "{\"schemaVersion\": 1, \"principals\": ["
                            : principals("[{\"type\": \"user\", \"name\": \"ci\"}]"));
        }

        BaselineSet set = loader.load(dir);

        assertThat(set.baselineOf(PrincipalKind.USER, "ci").orElseThrow().source())
                .isEqualTo(dir.resolve("00.json").toString());
        assertThat(set.problems())
                .extracting(p -> Path.of(p.source()).getFileName().toString())
                .containsExactly(
                        "01.json", "02.json", "03.json", "04.json", "05.json", "06.json", "07.json", "08.json",
                        "09.json", "10.json", "11.json");
        assertThat(set.problems())
                .filteredOn(p -> p.reason().startsWith("truncated JSON"))
                .hasSize(2);
    }

    @Test
    void reportsAMissingPathAndADirectoryWithoutBaselines(@TempDir Path dir) {
        assertThat(loader.load(dir.resolve("nope")).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("does not exist"));
        assertThat(loader.load(dir).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("no baseline files"));
    }

    @Test
    void loadsS3ObjectsGivenAsContent() {
        BaselineSet set = loader.loadAll(List.of(
                BaselineSource.of("s3://bucket/baselines/123456789012/a.json", FULL),
                BaselineSource.of("s3://bucket/baselines/123456789012/b.json", "")));

        assertThat(set.baselines()).hasSize(1);
        assertThat(set.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("s3://bucket/baselines/123456789012/b.json"));
        assertThat(set.discoveryRules()).hasSize(1);
    }

    @Test
    void problemsRenderAsFilePointerReason() {
        assertThat(new BaselineProblem("a.json", "/principals/0", "bad")).hasToString("a.json: /principals/0: bad");
        assertThat(new BaselineProblem("a.json", "", "bad")).hasToString("a.json: bad");
    }

    @Test
    void exceptionsExpireAfterTheirLastDayAndMatchByTypePolicyAndSid() {
        BaselineException e =
                new BaselineException("WILDCARD_RESOURCE", "inline:Deploy", null, "r", LocalDate.of(2030, 1, 31));

        assertThat(e.expiredOn(LocalDate.of(2030, 1, 31))).isFalse();
        assertThat(e.expiredOn(LocalDate.of(2030, 2, 1))).isTrue();
        assertThat(e.covers("WILDCARD_RESOURCE", "inline:Deploy", "AnySid")).isTrue();
        assertThat(e.covers("WILDCARD_RESOURCE", "inline:Other", null)).isFalse();
        assertThat(e.covers("WILDCARD_ACTION", "inline:Deploy", null)).isFalse();
    }
}
