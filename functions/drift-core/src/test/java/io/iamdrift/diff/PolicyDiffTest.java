package io.iamdrift.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    private static final PolicyDiff DIFF = new PolicyDiff(TestSpaces.catalogSubset());

    static PolicyDocument doc(String statementsJson) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statementsJson + "}", "test");
    }

    static DiffResult diff(String oldStatements, String newStatements) {
        return DIFF.diff(doc(oldStatements), doc(newStatements));
    }

    private static final String STATE = """
            [{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
              "Resource":"arn:aws:s3:::state/*"},
             {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state",
              "Condition":{"StringLike":{"s3:prefix":["tz/v1/*"]}}}]
            """;

    @Nested
    class Equivalent {

        @Test
        void whenStatementsAreReordered() {
            DiffResult r = diff(STATE, """
                    [{"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state",
                      "Condition":{"StringLike":{"s3:prefix":["tz/v1/*"]}}},
                     {"Sid":"Read","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],
                      "Resource":"arn:aws:s3:::state/*"}]
                    """);
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
            assertThat(r.added()).isEmpty();
            assertThat(r.removed()).isEmpty();
        }

        @Test
        void whenSidsAreRenamedOrRemoved() {
            DiffResult r = diff(STATE, """
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::state/*"},
                     {"Sid":"SomethingElse","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state",
                      "Condition":{"StringLike":{"s3:prefix":"tz/v1/*"}}}]
                    """);
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenAStringBecomesAOneElementArray() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]""", """
                    [{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenAStatementIsSplitInTwo() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
                      "Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}]""", """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]},
                     {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::a/*"},
                     {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenActionsAreDuplicated() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:GetObject","S3:getobject"],"Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenOnlyTheCaseOfAnActionPatternDiffers() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:get*","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenAWildcardIsReplacedByTheActionsItExpandsTo() {
            List<String> lists = List.copyOf(TestSpaces.catalogSubset().expand("dynamodb:List*"));
            String explicit = lists.stream()
                    .map(a -> "\"" + a + "\"")
                    .reduce((a, b) -> a + "," + b)
                    .orElseThrow();
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"dynamodb:List*","Resource":"*"}]""", "[{\"Effect\":\"Allow\",\"Action\":[" + explicit + "],\"Resource\":\"*\"}]");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenConditionValuesAndKeysAreReorderedOrRecased() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                      "Condition":{"StringLike":{"s3:prefix":["a/*","b/*"]},"Bool":{"aws:SecureTransport":"true"}}}]""", """
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                      "Condition":{"Bool":{"aws:securetransport":"true"},"StringLike":{"s3:prefix":["b/*","a/*","a/*"]}}}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }
    }

    @Nested
    class Widened {

        @Test
        void whenAnActionIsAdded() {
            DiffResult r = diff(STATE, """
                    [{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],
                      "Resource":"arn:aws:s3:::state/*"},
                     {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state",
                      "Condition":{"StringLike":{"s3:prefix":["tz/v1/*"]}}}]
                    """);
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added())
                    .containsExactly(new Grant(List.of("s3:DeleteObject"), List.of("arn:aws:s3:::state/*"), Map.of()));
            assertThat(r.removed()).isEmpty();
        }

        @Test
        void whenAResourcePatternBecomesWider() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/app/*"}]""", """
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added())
                    .containsExactly(
                            new Grant(List.of("s3:GetObject", "s3:PutObject"), List.of("arn:aws:s3:::b/*"), Map.of()));
        }

        @Test
        void whenTheResourceBecomesAWildcard() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:1:table/locks"}]""", """
                    [{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added()).containsExactly(new Grant(List.of("dynamodb:GetItem"), List.of("*"), Map.of()));
        }

        @Test
        void whenAConditionIsRemoved() {
            DiffResult r = diff(STATE, """
                    [{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
                      "Resource":"arn:aws:s3:::state/*"},
                     {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state"}]
                    """);
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added())
                    .containsExactly(new Grant(List.of("s3:ListBucket"), List.of("arn:aws:s3:::state"), Map.of()));
        }

        @Test
        void whenAConditionGainsValues() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                      "Condition":{"StringLike":{"s3:prefix":["a/*"]}}}]""", """
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                      "Condition":{"StringLike":{"s3:prefix":["a/*","b/*"]}}}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added())
                    .singleElement()
                    .satisfies(g -> assertThat(g.conditions())
                            .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("a/*", "b/*")))));
        }

        @Test
        void whenADenyIsRemoved() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
                     {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added()).containsExactly(new Grant(List.of("s3:DeleteObject"), List.of("*"), Map.of()));
        }

        @Test
        void whenAnAllowWithNotActionReplacesAServiceWildcard() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:*","Resource":"*"}]""", """
                    [{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added()).hasSize(1);
            Grant g = r.added().get(0);
            assertThat(g.actions())
                    .contains("ec2:RunInstances", "lambda:CreateFunction", "sts:GetCallerIdentity")
                    .doesNotContain("iam:PassRole", "organizations:LeaveOrganization", "s3:GetObject");
            assertThat(g.resources()).containsExactly("*");
        }

        @Test
        void groupsActionsThatGainTheSameResourcesAndConditions() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":["sts:GetCallerIdentity","s3:PutObject"],"Resource":"*"},
                     {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]""");
            assertThat(r.added())
                    .containsExactly(new Grant(List.of("s3:GetObject", "s3:PutObject"), List.of("*"), Map.of()));
        }

        @Test
        void keepsAnActionTheCatalogDoesNotKnowAsItsLowerCasedText() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectNextGen"],"Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.WIDENED);
            assertThat(r.added()).containsExactly(new Grant(List.of("s3:getobjectnextgen"), List.of("*"), Map.of()));
        }

        @Test
        void doesNotReportAnUnknownActionThatAnOldWildcardAlreadyCovered() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":["s3:Get*","s3:GetObjectNextGen"],"Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void whenANewPrincipalIsTrustedInARolePolicy() {
            PolicyDocument old = PolicyParser.parse("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
                     "Principal":{"Service":"lambda.amazonaws.com"}}]}""", "old", io.iamdrift.policy.PolicyKind.TRUST);
            PolicyDocument now = PolicyParser.parse("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
                     "Principal":{"Service":"lambda.amazonaws.com","AWS":"arn:aws:iam::999999999999:root"}}]}""", "new", io.iamdrift.policy.PolicyKind.TRUST);
            assertThat(DIFF.diff(old, now).verdict()).isEqualTo(Verdict.WIDENED);
        }
    }

    @Nested
    class Narrowed {

        @Test
        void whenAConditionIsAdded() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state"}]""", """
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::state",
                      "Condition":{"StringLike":{"s3:prefix":["tz/v1/*"]}}}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(r.added()).isEmpty();
            assertThat(r.removed())
                    .containsExactly(new Grant(List.of("s3:ListBucket"), List.of("arn:aws:s3:::state"), Map.of()));
        }

        @Test
        void whenADenyIsAdded() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:*","Resource":"*"}]""", """
                    [{"Effect":"Allow","Action":"s3:*","Resource":"*"},
                     {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(r.removed()).containsExactly(new Grant(List.of("s3:DeleteBucket"), List.of("*"), Map.of()));
        }

        @Test
        void whenAnActionIsRemoved() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]""", """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(r.removed())
                    .containsExactly(new Grant(List.of("s3:PutObject"), List.of("arn:aws:s3:::b/*"), Map.of()));
        }
    }

    @Nested
    class Changed {

        @Test
        void whenOneActionIsSwappedForAnother() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]""", """
                    [{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.CHANGED);
            assertThat(r.added()).extracting(Grant::actions).containsExactly(List.of("s3:PutObject"));
            assertThat(r.removed()).extracting(Grant::actions).containsExactly(List.of("s3:GetObject"));
        }

        @Test
        void whenAResourceMovesToAnotherBucket() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"}]""", """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]""");
            assertThat(r.verdict()).isEqualTo(Verdict.CHANGED);
        }
    }

    @Nested
    class Rendering {

        @Test
        void rendersTheContractShape() throws Exception {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                      "Condition":{"StringLike":{"s3:prefix":"a/*"}}}]""", """
                    [{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::b"],
                      "Condition":{"StringLike":{"s3:prefix":["a/*"]}}},
                     {"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:iam::*:*"}]""");
            JsonNode json = Json.MAPPER.readTree(r.toJson());
            assertThat(json.get("verdict").asText()).isEqualTo("WIDENED");
            assertThat(json.get("removed")).isEmpty();
            JsonNode first = json.get("added").get(0);
            assertThat(first.get("resources").toString()).isEqualTo("[]");
            assertThat(first.get("notResources").toString()).isEqualTo("[\"arn:aws:iam::*:*\"]");
            JsonNode second = json.get("added").get(1);
            assertThat(second.get("actions").toString()).isEqualTo("[\"s3:GetObject\"]");
            assertThat(second.get("resources").toString()).isEqualTo("[\"arn:aws:s3:::b\"]");
            assertThat(second.get("conditions").toString()).isEqualTo("{\"StringLike\":{\"s3:prefix\":[\"a/*\"]}}");
        }
    }

    /**
     * Property: over a few hundred random small policy pairs, every (action, resource) request that the new
     * document allows and the old one does not, judged by an independent brute-force evaluator in several
     * request contexts (the empty one included), is covered by an added grant; the converse for removed.
     */
    /** Cases where the diff's old plain globs disagreed with the evaluator's ARN rules. */
    @Nested
    class SameRulesAsTheEvaluator {

        private static boolean allows(String statements, String resource, String user) {
            CompiledPolicy p = CompiledPolicy.compile(doc(statements), "p");
            RequestContext ctx = RequestContext.of(Map.of("aws:username", List.of(user)));
            return Evaluator.evaluate(PolicySet.of(p), new Request("s3:GetObject", resource, null, ctx))
                    .allowed();
        }

        @Test
        void anEscapedStarCoversOnlyTheObjectNamedStar() {
            String old = """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${*}"}]""";
            String now = """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}"}]""";
            assertThat(allows(now, "arn:aws:s3:::home/alice", "alice")).isTrue();
            assertThat(allows(old, "arn:aws:s3:::home/alice", "alice")).isFalse();

            DiffResult r = diff(old, now);

            assertThat(r.verdict()).isEqualTo(Verdict.CHANGED);
            assertThat(r.added())
                    .containsExactly(
                            new Grant(List.of("s3:GetObject"), List.of("arn:aws:s3:::home/${aws:username}"), Map.of()));
        }

        @Test
        void aStarInsideAnArnSegmentDoesNotSpanAColon() {
            String old = """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:ec2:*-1:1:instance/*"}]""";
            String now = """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:ec2:*:x-1:1:instance/*"}]""";
            String arn = "arn:aws:ec2:a:x-1:1:instance/i";
            assertThat(allows(now, arn, "alice")).isTrue();
            assertThat(allows(old, arn, "alice")).isFalse();

            assertThat(diff(old, now).added()).isNotEmpty();
        }

        @Test
        void aVariableIsTheSameWhateverTheCaseOfItsKey() {
            DiffResult r = diff("""
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]""", """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${AWS:UserName}/*"}]""");

            assertThat(r.verdict()).isEqualTo(Verdict.EQUIVALENT);
        }

        @Test
        void aNotResourceThatExcludesNothingOfTheNewPatternCoversIt() {
            String old = """
                    [{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b/??"}]""";
            String now = """
                    [{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/?"}]""";

            DiffResult r = diff(old, now);

            assertThat(r.added()).isEmpty();
            assertThat(r.verdict()).isEqualTo(Verdict.NARROWED);
        }

        @Test
        void everyRequestTheEvaluatorSeesGainedIsInAnAddedGrant() {
            List<String> resources = List.of(
                    "*",
                    "arn:aws:s3:::home/${aws:username}",
                    "arn:aws:s3:::home/${*}",
                    "arn:aws:s3:::home/${aws:username}/*",
                    "arn:aws:s3:::home/*",
                    "arn:aws:s3:::home/?",
                    "arn:aws:s3:::home/??",
                    "arn:aws:ec2:*-1:1:instance/*",
                    "arn:aws:ec2:*:1:instance/*",
                    "arn:aws:ec2:us-?-1:1:instance/*",
                    "arn:aws:s3:::home/*:*");
            List<String> grid = List.of(
                    "arn:aws:s3:::home/alice",
                    "arn:aws:s3:::home/*",
                    "arn:aws:s3:::home/a",
                    "arn:aws:s3:::home/ab",
                    "arn:aws:s3:::home/alice/x",
                    "arn:aws:s3:::home/a:b",
                    "arn:aws:ec2:us-east-1:1:instance/i",
                    "arn:aws:ec2:us:x-1:1:instance/i",
                    "arn:aws:ec2:us-e-1:1:instance/i",
                    "arn:aws:ec2:us:1:instance/i");
            java.util.Random random = new java.util.Random(20261128L);
            int gained = 0;
            for (int iteration = 0; iteration < 300; iteration++) {
                String old = statements(random, resources);
                String now = statements(random, resources);
                DiffResult r = diff(old, now);
                for (String resource : grid) {
                    for (String user : List.of("alice", "a", "*")) {
                        RequestContext ctx = RequestContext.of(Map.of("aws:username", List.of(user)));
                        if (allows(now, resource, user) && !allows(old, resource, user)) {
                            gained++;
                            assertThat(r.added().stream().anyMatch(g -> g.covers("s3:GetObject", resource, ctx)))
                                    .as(
                                            "%s for %s gained but not in added%nold=%s%nnew=%s%n%s",
                                            resource, user, old, now, r.toJson())
                                    .isTrue();
                        }
                    }
                }
            }
            assertThat(gained).as("the generator exercises widenings").isGreaterThan(100);
        }

        private static String statements(java.util.Random random, List<String> resources) {
            StringBuilder json = new StringBuilder("[");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                json.append(i == 0 ? "" : ",")
                        .append("{\"Effect\":\"")
                        .append(random.nextInt(4) == 0 ? "Deny" : "Allow")
                        .append("\",\"Action\":\"s3:GetObject\",\"")
                        .append(random.nextInt(5) == 0 ? "NotResource" : "Resource")
                        .append("\":\"")
                        .append(resources.get(random.nextInt(resources.size())))
                        .append("\"}");
            }
            return json.append("]").toString();
        }
    }

    @Nested
    class Soundness {

        record Cond(String op, String key, List<String> values) {}

        record Stmt(
                boolean allow,
                boolean notAction,
                List<String> actions,
                boolean notResource,
                List<String> resources,
                List<Cond> conds) {}

        static final ActionSpace SPACE = TestSpaces.of(
                "s3:GetObject",
                "s3:PutObject",
                "s3:ListBucket",
                "s3:GetBucketPolicy",
                "iam:PassRole",
                "iam:GetRole",
                "ec2:RunInstances",
                "ec2:DescribeVpcs");
        static final List<String> ACTIONS = List.of(
                "s3:GetObject",
                "s3:get*",
                "s3:*",
                "*",
                "iam:*",
                "iam:PassRole",
                "ec2:Run*",
                "s3:Put*",
                "ec2:*Vpcs",
                "S3:GETOBJECT",
                "s3:Get?ucketPolicy",
                "s3:GetObjectNextGen");
        static final List<String> RESOURCES = List.of(
                "*",
                "arn:aws:s3:::b/*",
                "arn:aws:s3:::b/a/*",
                "arn:aws:s3:::b/a/x",
                "arn:aws:s3:::c",
                "arn:aws:s3:::b?a*",
                "arn:aws:iam::1:role/*",
                "arn:aws:iam::1:role/r",
                "arn:aws:*",
                "arn:aws:s3:::*/x");
        static final List<String> GRID = List.of(
                "arn:aws:s3:::b/a/x",
                "arn:aws:s3:::b/a/y",
                "arn:aws:s3:::b/z",
                "arn:aws:s3:::c",
                "arn:aws:s3:::bxa1",
                "arn:aws:s3:::q/x",
                "arn:aws:iam::1:role/r",
                "arn:aws:iam::1:role/q",
                "arn:aws:ec2:us-east-1:1:instance/i",
                "other");
        static final List<Cond> CONDS = List.of(
                new Cond("StringEquals", "aws:username", List.of("alice")),
                new Cond("StringEquals", "aws:username", List.of("alice", "bob")),
                new Cond("StringNotEquals", "aws:username", List.of("alice")),
                new Cond("StringEqualsIfExists", "aws:username", List.of("alice")),
                new Cond("Bool", "aws:SecureTransport", List.of("true")));
        static final List<Map<String, String>> CONTEXTS = List.of(
                Map.of(),
                Map.of("aws:username", "alice"),
                Map.of("aws:username", "bob", "aws:securetransport", "true"),
                Map.of("aws:username", "carol", "aws:securetransport", "false"));

        final java.util.Random random = new java.util.Random(20261122L);

        <T> List<T> pick(List<T> from, int max) {
            int n = 1 + random.nextInt(max);
            java.util.List<T> out = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(from.get(random.nextInt(from.size())));
            }
            return out;
        }

        Stmt randomStatement() {
            List<Cond> conds = List.of();
            if (random.nextInt(2) == 0) {
                java.util.Map<String, Cond> bySlot = new java.util.LinkedHashMap<>();
                for (Cond c : pick(CONDS, 2)) {
                    bySlot.put(c.op() + "/" + c.key(), c); // one (operator, key) per block, as JSON forces
                }
                conds = List.copyOf(bySlot.values());
            }
            return new Stmt(
                    random.nextInt(4) != 0,
                    random.nextInt(7) == 0,
                    pick(ACTIONS, 3),
                    random.nextInt(7) == 0,
                    pick(RESOURCES, 2),
                    conds);
        }

        List<Stmt> randomDoc() {
            java.util.List<Stmt> out = new java.util.ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.add(randomStatement());
            }
            return out;
        }

        List<Stmt> mutate(List<Stmt> doc) {
            java.util.List<Stmt> out = new java.util.ArrayList<>(doc);
            switch (random.nextInt(4)) {
                case 0 -> out.remove(random.nextInt(out.size()));
                case 1 -> out.add(randomStatement());
                case 2 -> {
                    int i = random.nextInt(out.size());
                    Stmt s = out.get(i);
                    out.set(
                            i,
                            new Stmt(
                                    s.allow(),
                                    s.notAction(),
                                    s.actions(),
                                    s.notResource(),
                                    pick(RESOURCES, 2),
                                    s.conds()));
                }
                default -> {
                    int i = random.nextInt(out.size());
                    Stmt s = out.get(i);
                    out.set(
                            i,
                            new Stmt(s.allow(), s.notAction(), s.actions(), s.notResource(), s.resources(), List.of()));
                }
            }
            if (out.isEmpty()) {
                out.add(randomStatement());
            }
            return out;
        }

        static String json(List<Stmt> doc) {
            com.fasterxml.jackson.databind.node.ArrayNode arr =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (Stmt s : doc) {
                com.fasterxml.jackson.databind.node.ObjectNode o = arr.addObject();
                o.put("Effect", s.allow() ? "Allow" : "Deny");
                s.actions().forEach(o.putArray(s.notAction() ? "NotAction" : "Action")::add);
                s.resources().forEach(o.putArray(s.notResource() ? "NotResource" : "Resource")::add);
                if (!s.conds().isEmpty()) {
                    com.fasterxml.jackson.databind.node.ObjectNode c = o.putObject("Condition");
                    for (Cond cond : s.conds()) {
                        com.fasterxml.jackson.databind.node.ObjectNode byOp = c.has(cond.op())
                                ? (com.fasterxml.jackson.databind.node.ObjectNode) c.get(cond.op())
                                : c.putObject(cond.op());
                        cond.values().forEach(byOp.putArray(cond.key())::add);
                    }
                }
            }
            return arr.toString();
        }

        // --- the reference evaluator: independent of the code under test --------------------------------

        static final Map<String, java.util.regex.Pattern> REGEX = new java.util.concurrent.ConcurrentHashMap<>();

        static boolean globMatch(String pattern, String text, boolean ignoreCase) {
            return REGEX.computeIfAbsent(ignoreCase + pattern, k -> {
                        StringBuilder re = new StringBuilder();
                        for (char c : pattern.toCharArray()) {
                            re.append(
                                    c == '*'
                                            ? ".*"
                                            : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
                        }
                        return java.util.regex.Pattern.compile(
                                re.toString(), ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
                    })
                    .matcher(text)
                    .matches();
        }

        static boolean condHolds(Cond c, Map<String, String> ctx) {
            String v = ctx.get(c.key().toLowerCase(java.util.Locale.ROOT));
            return switch (c.op()) {
                case "StringEquals" -> v != null && c.values().contains(v);
                case "StringNotEquals" -> v == null || !c.values().contains(v);
                case "StringEqualsIfExists" -> v == null || c.values().contains(v);
                case "Bool" -> v != null && c.values().contains(v);
                default -> throw new IllegalStateException(c.op());
            };
        }

        static boolean applies(Stmt s, String action, String resource, Map<String, String> ctx) {
            boolean a = s.actions().stream().anyMatch(p -> globMatch(p, action, true));
            boolean r = s.resources().stream().anyMatch(p -> globMatch(p, resource, false));
            return (s.notAction() != a)
                    && (s.notResource() != r)
                    && s.conds().stream().allMatch(c -> condHolds(c, ctx));
        }

        static boolean allowed(List<Stmt> doc, String action, String resource, Map<String, String> ctx) {
            boolean allow = false;
            for (Stmt s : doc) {
                if (applies(s, action, resource, ctx)) {
                    if (!s.allow()) {
                        return false;
                    }
                    allow = true;
                }
            }
            return allow;
        }

        @Test
        void everyWideningIsCoveredByAnAddedGrantAndEveryNarrowingByARemovedOne() {
            PolicyDiff diff = new PolicyDiff(SPACE);
            int widenings = 0;
            int equivalents = 0;
            for (int iteration = 0; iteration < 400; iteration++) {
                List<Stmt> oldDoc = randomDoc();
                List<Stmt> newDoc = random.nextBoolean() ? mutate(oldDoc) : randomDoc();
                DiffResult r = diff.diff(doc(json(oldDoc)), doc(json(newDoc)));
                if (r.verdict() == Verdict.EQUIVALENT) {
                    equivalents++;
                }
                for (String action : SPACE.all()) {
                    for (String resource : GRID) {
                        for (Map<String, String> ctx : CONTEXTS) {
                            boolean before = allowed(oldDoc, action, resource, ctx);
                            boolean after = allowed(newDoc, action, resource, ctx);
                            if (after && !before) {
                                widenings++;
                                assertThat(r.added().stream().anyMatch(g -> g.covers(action, resource)))
                                        .as(
                                                "%s on %s in %s gained but not in added%nold=%s%nnew=%s%n%s",
                                                action, resource, ctx, json(oldDoc), json(newDoc), r.toJson())
                                        .isTrue();
                            }
                            if (before && !after) {
                                assertThat(r.removed().stream().anyMatch(g -> g.covers(action, resource)))
                                        .as(
                                                "%s on %s in %s lost but not in removed%nold=%s%nnew=%s%n%s",
                                                action, resource, ctx, json(oldDoc), json(newDoc), r.toJson())
                                        .isTrue();
                            }
                        }
                    }
                }
            }
            assertThat(widenings).as("the generator exercises widenings").isGreaterThan(100);
            assertThat(equivalents).as("the generator exercises equivalences").isGreaterThan(0);
        }

        @Test
        void everyDocumentIsEquivalentToItself() {
            PolicyDiff diff = new PolicyDiff(SPACE);
            for (int i = 0; i < 300; i++) {
                String json = json(randomDoc());
                assertThat(diff.diff(doc(json), doc(json)).verdict()).as(json).isEqualTo(Verdict.EQUIVALENT);
            }
        }
    }
}
