package io.iamdrift.evaluation;

import static io.iamdrift.evaluation.EvalDecision.ALLOWED;
import static io.iamdrift.evaluation.EvalDecision.EXPLICIT_DENY;
import static io.iamdrift.evaluation.EvalDecision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Truth tables checked by hand against the IAM User Guide. Each nested class cites the page it follows.
 */
class EvaluatorTest {

    static CompiledPolicy policy(String id, String json) {
        return CompiledPolicy.compile(PolicyParser.parse(json, id), id);
    }

    static CompiledPolicy resourcePolicy(String json) {
        return CompiledPolicy.compile(PolicyParser.parse(json, "bucket-policy", PolicyKind.RESOURCE), "bucket-policy");
    }

    /** A one-statement 2012-10-17 identity policy. */
    static String stmt(String statementBody) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + statementBody + "}]}";
    }

    static RequestContext ctx(String... keyValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
        }
        return RequestContext.of(m);
    }

    static Decision eval(String json, String action, String resource, RequestContext ctx) {
        return Evaluator.evaluate(PolicySet.of(policy("p", json)), new Request(action, resource, null, ctx));
    }

    static EvalDecision decide(String json, String action, String resource, RequestContext ctx) {
        return eval(json, action, resource, ctx).decision();
    }

    static EvalDecision decide(String json, String action, String resource) {
        return decide(json, action, resource, RequestContext.empty());
    }

    /** "Policy evaluation logic": explicit deny, explicit allow, implicit deny. */
    @Nested
    class DenyAllowOrder {

        static final String ALLOW_S3_DENY_DELETE = """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"},
                  {"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::prod"}]}
                """;

        @Test
        void explicitDenyBeatsAllow() {
            Decision d = eval(ALLOW_S3_DENY_DELETE, "s3:DeleteBucket", "arn:aws:s3:::prod", RequestContext.empty());
            assertThat(d.decision()).isEqualTo(EXPLICIT_DENY);
            assertThat(d.matchedStatements())
                    .containsExactly(new MatchedStatement("p", PolicySourceType.IDENTITY, 1, "NoDelete"));
        }

        @Test
        void allowWhenNothingDenies() {
            Decision d = eval(ALLOW_S3_DENY_DELETE, "s3:DeleteBucket", "arn:aws:s3:::dev", RequestContext.empty());
            assertThat(d.decision()).isEqualTo(ALLOWED);
            assertThat(d.matchedStatements()).extracting(MatchedStatement::sid).containsExactly("All");
            assertThat(d.allowedByBoundary()).isTrue();
        }

        @Test
        void implicitDenyWhenNothingAllows() {
            Decision d = eval(ALLOW_S3_DENY_DELETE, "ec2:RunInstances", "*", RequestContext.empty());
            assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
            assertThat(d.matchedStatements()).isEmpty();
        }

        @Test
        void denyInAnotherPolicyStillWins() {
            CompiledPolicy allow = policy("allow", stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\""));
            CompiledPolicy deny = policy("deny", stmt("\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\""));
            Decision d = Evaluator.evaluate(PolicySet.of(allow, deny), Request.of("iam:CreateUser", "*"));
            assertThat(d.decision()).isEqualTo(EXPLICIT_DENY);
            assertThat(d.matchedStatements())
                    .extracting(MatchedStatement::policyId)
                    .containsExactly("deny");
        }

        @Test
        void everyAllowingStatementIsReported() {
            CompiledPolicy a = policy("a", stmt("\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\""));
            CompiledPolicy b = policy(
                    "b",
                    stmt(
                            "\"Sid\":\"B\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""));
            Decision d = Evaluator.evaluate(PolicySet.of(a, b), Request.of("s3:GetObject", "arn:aws:s3:::b/k"));
            assertThat(d.matchedStatements())
                    .containsExactly(
                            new MatchedStatement("a", PolicySourceType.IDENTITY, 0, null),
                            new MatchedStatement("b", PolicySourceType.IDENTITY, 0, "B"));
        }
    }

    /** "IAM JSON policy elements: Action" and "NotAction": action names are case-insensitive. */
    @Nested
    class Actions {

        @ParameterizedTest
        @CsvSource({
            "s3:GetObject, s3:GetObject, ALLOWED",
            "s3:GetObject, S3:getobject, ALLOWED",
            "s3:Get*, s3:GETOBJECT, ALLOWED",
            "s3:Get*, s3:PutObject, IMPLICIT_DENY",
            "s3:Get?bject, s3:GetObject, ALLOWED",
            "s3:*, s3:ListAllMyBuckets, ALLOWED",
            "s3:*, s3express:CreateSession, IMPLICIT_DENY",
            "*, kms:Decrypt, ALLOWED",
            "iam:*AccessKey*, iam:CreateAccessKey, ALLOWED",
            "iam:*AccessKey*, iam:CreateUser, IMPLICIT_DENY",
            "ec2:Describe*, ec2:describeinstances, ALLOWED",
        })
        void actionPatternsMatchCaseInsensitively(String pattern, String action, EvalDecision expected) {
            assertThat(decide(
                            stmt("\"Effect\":\"Allow\",\"Action\":\"" + pattern + "\",\"Resource\":\"*\""),
                            action,
                            "*"))
                    .isEqualTo(expected);
        }

        @Test
        void manyServicesInOneStatementAreIndexed() {
            StringBuilder actions = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                actions.append(i == 0 ? "" : ",").append("\"svc").append(i).append(":Get*\"");
            }
            String json = stmt("\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"");
            assertThat(decide(json, "SVC217:GetThing", "*")).isEqualTo(ALLOWED);
            assertThat(decide(json, "svc217:PutThing", "*")).isEqualTo(IMPLICIT_DENY);
            assertThat(decide(json, "svc300:GetThing", "*")).isEqualTo(IMPLICIT_DENY);
        }

        /** The NotAction example: allow everything except IAM. */
        @Test
        void notActionAllowsEverythingButTheListedActions() {
            String json = stmt("\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"");
            assertThat(decide(json, "s3:GetObject", "*")).isEqualTo(ALLOWED);
            assertThat(decide(json, "IAM:CreateUser", "*")).isEqualTo(IMPLICIT_DENY);
        }

        /** NotAction with Deny: deny everything except the listed actions (MFA example). */
        @Test
        void notActionWithDenyDeniesEverythingElse() {
            String json = """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"*","Resource":"*"},
                      {"Effect":"Deny","NotAction":["iam:ChangePassword","sts:GetSessionToken"],"Resource":"*",
                       "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}
                    """;
            assertThat(decide(json, "s3:GetObject", "*", ctx("aws:MultiFactorAuthPresent", "false")))
                    .isEqualTo(EXPLICIT_DENY);
            assertThat(decide(json, "iam:ChangePassword", "*", ctx("aws:MultiFactorAuthPresent", "false")))
                    .isEqualTo(ALLOWED);
            assertThat(decide(json, "s3:GetObject", "*", ctx("aws:MultiFactorAuthPresent", "true")))
                    .isEqualTo(ALLOWED);
            // long-term keys: key absent, BoolIfExists is true, so the deny applies
            assertThat(decide(json, "s3:GetObject", "*")).isEqualTo(EXPLICIT_DENY);
        }
    }

    /** "IAM JSON policy elements: Resource" and "NotResource": case-sensitive, wildcards per segment. */
    @Nested
    class Resources {

        @ParameterizedTest
        @CsvSource({
            "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket/a/b/c.txt, ALLOWED",
            "arn:aws:s3:::bucket/*, arn:aws:s3:::Bucket/a, IMPLICIT_DENY",
            "arn:aws:iam::123456789012:user/Bob, arn:aws:iam::123456789012:user/bob, IMPLICIT_DENY",
            "arn:aws:iam::123456789012:user/accounting/*, arn:aws:iam::123456789012:user/accounting/ana, ALLOWED",
            "arn:aws:s3:::bucket/*/test/*, arn:aws:s3:::bucket/a/b/test/x, ALLOWED",
            "arn:aws:s3:::bucket, arn:aws:s3:::bucket/key, IMPLICIT_DENY",
            "arn:aws:ec2:*:123456789012:instance/*, arn:aws:ec2:us-east-1:123456789012:instance/i-1, ALLOWED",
            "arn:aws:ec2:us-*-1:123456789012:instance/*, arn:aws:ec2:us-east-1:123456789012:instance/i-1, ALLOWED",
            "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app-*:*, arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app-prod:log-stream:x, ALLOWED",
            "arn:aws:sqs:us-east-?:*:queue1, arn:aws:sqs:us-east-2:123456789012:queue1, ALLOWED",
            "arn:aws:*, arn:aws:s3:::bucket, ALLOWED",
            "*, *, ALLOWED",
            "arn:aws:s3:::bucket/*, *, IMPLICIT_DENY",
        })
        void resourcePatternsMatchCaseSensitivelyWithWildcards(String pattern, String resource, EvalDecision expected) {
            assertThat(decide(
                            stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"" + pattern + "\""),
                            "s3:GetObject",
                            resource))
                    .isEqualTo(expected);
        }

        @Test
        void aStarInsideASegmentDoesNotRunPastAColon() {
            String json = stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:ec2:us-*1:*:instance/x\"");
            assertThat(decide(json, "ec2:StartInstances", "arn:aws:ec2:us-east-1:123456789012:instance/x"))
                    .isEqualTo(ALLOWED);
            // a plain glob would let "us-*" swallow "east-2:" and match the "1" of the account segment
            assertThat(decide(json, "ec2:StartInstances", "arn:aws:ec2:us-east-2:1:9:instance/x"))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void notResourceAppliesToEveryOtherResource() {
            String json = """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"s3:*","Resource":"*"},
                      {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::home","arn:aws:s3:::home/*"]}]}
                    """;
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::home/x")).isEqualTo(ALLOWED);
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::other/x")).isEqualTo(EXPLICIT_DENY);
        }
    }

    /** "Permissions boundaries for IAM entities": effective permissions are the intersection. */
    @Nested
    class Boundaries {

        static final String BOUNDARY =
                stmt("\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"cloudwatch:*\",\"ec2:*\"],\"Resource\":\"*\"");
        static final String CREATE_USER = stmt("\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"");
        static final String ADMIN = stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"");

        /** The ShirleyRodriguez example: CreateUser is allowed by her policy but not by the boundary. */
        @Test
        void allowedByIdentityButNotByBoundaryIsImplicitlyDenied() {
            PolicySet set = PolicySet.of(policy("id", CREATE_USER)).withBoundary(policy("boundary", BOUNDARY));
            Decision d = Evaluator.evaluate(set, Request.of("iam:CreateUser", "*"));
            assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
            assertThat(d.allowedByBoundary()).isFalse();
        }

        @Test
        void administratorAccessIsCappedByTheBoundary() {
            PolicySet set =
                    PolicySet.of(policy("AdministratorAccess", ADMIN)).withBoundary(policy("boundary", BOUNDARY));
            assertThat(Evaluator.evaluate(set, Request.of("iam:CreateAccessKey", "*"))
                            .decision())
                    .isEqualTo(IMPLICIT_DENY);
            Decision s3 = Evaluator.evaluate(set, Request.of("s3:PutObject", "arn:aws:s3:::b/k"));
            assertThat(s3.decision()).isEqualTo(ALLOWED);
            assertThat(s3.allowedByBoundary()).isTrue();
            assertThat(s3.matchedStatements())
                    .extracting(MatchedStatement::sourceType)
                    .containsExactly(PolicySourceType.IDENTITY, PolicySourceType.BOUNDARY);
        }

        @Test
        void boundaryAloneGrantsNothing() {
            PolicySet set = new PolicySet(List.of(), List.of(policy("boundary", BOUNDARY)), null);
            Decision d = Evaluator.evaluate(set, Request.of("s3:GetObject", "*"));
            assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
            assertThat(d.allowedByBoundary()).isTrue();
        }

        @Test
        void denyInTheBoundaryIsAnExplicitDeny() {
            String boundary = """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"*","Resource":"*"},
                      {"Sid":"RestrictToRegion","Effect":"Deny","Action":"*","Resource":"*",
                       "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","us-east-2"]}}}]}
                    """;
            PolicySet set = PolicySet.of(policy("admin", ADMIN)).withBoundary(policy("boundary", boundary));
            Decision west = Evaluator.evaluate(
                    set, new Request("ec2:RunInstances", "*", null, ctx("aws:RequestedRegion", "us-west-2")));
            assertThat(west.decision()).isEqualTo(EXPLICIT_DENY);
            assertThat(west.matchedStatements())
                    .containsExactly(
                            new MatchedStatement("boundary", PolicySourceType.BOUNDARY, 1, "RestrictToRegion"));
            assertThat(west.allowedByBoundary()).isFalse();
            Decision east = Evaluator.evaluate(
                    set, new Request("ec2:RunInstances", "*", null, ctx("aws:RequestedRegion", "us-east-1")));
            assertThat(east.decision()).isEqualTo(ALLOWED);
        }
    }

    /**
     * "Policy evaluation for requests within a single account" and "Permissions boundaries for IAM
     * entities" (resource-based policies): same account, identity OR resource policy; an allow naming the
     * IAM user ARN is not limited by an implicit deny in the boundary, one naming the role ARN is.
     */
    @Nested
    class ResourcePolicies {

        static final String USER = "arn:aws:iam::111122223333:user/deployer";
        static final String BUCKET_FOR_USER = """
                {"Version":"2012-10-17","Statement":[{"Sid":"UserRead","Effect":"Allow",
                  "Principal":{"AWS":"arn:aws:iam::111122223333:user/deployer"},
                  "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
                """;

        @Test
        void sameAccountResourcePolicyAllowsWithoutAnIdentityPolicy() {
            PolicySet set = new PolicySet(List.of(), List.of(), resourcePolicy(BUCKET_FOR_USER));
            Decision d = Evaluator.evaluate(
                    set, new Request("s3:GetObject", "arn:aws:s3:::b/k", USER, RequestContext.empty()));
            assertThat(d.decision()).isEqualTo(ALLOWED);
            assertThat(d.matchedStatements())
                    .containsExactly(new MatchedStatement("bucket-policy", PolicySourceType.RESOURCE, 0, "UserRead"));
        }

        @Test
        void resourcePolicyForAnotherPrincipalDoesNotApply() {
            PolicySet set = new PolicySet(List.of(), List.of(), resourcePolicy(BUCKET_FOR_USER));
            Request r = new Request(
                    "s3:GetObject", "arn:aws:s3:::b/k", "arn:aws:iam::111122223333:user/other", RequestContext.empty());
            assertThat(Evaluator.evaluate(set, r).decision()).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void userArnGrantIsNotLimitedByTheBoundaryImplicitDeny() {
            PolicySet set = new PolicySet(
                    List.of(),
                    List.of(policy("boundary", stmt("\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\""))),
                    resourcePolicy(BUCKET_FOR_USER));
            Decision d = Evaluator.evaluate(
                    set, new Request("s3:GetObject", "arn:aws:s3:::b/k", USER, RequestContext.empty()));
            assertThat(d.decision()).isEqualTo(ALLOWED);
            assertThat(d.allowedByBoundary()).isFalse();
        }

        @Test
        void roleArnGrantIsLimitedByTheBoundaryButTheSessionArnIsNot() {
            String session = "arn:aws:sts::111122223333:assumed-role/deploy/ci-42";
            String forRole = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                      "Principal":{"AWS":"arn:aws:iam::111122223333:role/ci/deploy"},"Action":"s3:GetObject","Resource":"*"}]}
                    """;
            String forSession = forRole.replace("arn:aws:iam::111122223333:role/ci/deploy", session);
            CompiledPolicy boundary =
                    policy("boundary", stmt("\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\""));
            Request r = new Request("s3:GetObject", "arn:aws:s3:::b/k", session, RequestContext.empty());
            assertThat(Evaluator.evaluate(new PolicySet(List.of(), List.of(), resourcePolicy(forRole)), r)
                            .decision())
                    .isEqualTo(ALLOWED);
            assertThat(Evaluator.evaluate(new PolicySet(List.of(), List.of(boundary), resourcePolicy(forRole)), r)
                            .decision())
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(Evaluator.evaluate(new PolicySet(List.of(), List.of(boundary), resourcePolicy(forSession)), r)
                            .decision())
                    .isEqualTo(ALLOWED);
        }

        @Test
        void accountPrincipalDelegatesToTheIdentityPolicies() {
            String forAccount = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                      "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}]}
                    """;
            Request r = new Request("s3:GetObject", "arn:aws:s3:::b/k", USER, RequestContext.empty());
            assertThat(Evaluator.evaluate(new PolicySet(List.of(), List.of(), resourcePolicy(forAccount)), r)
                            .decision())
                    .isEqualTo(IMPLICIT_DENY);
            PolicySet withIdentity = new PolicySet(
                    List.of(policy("id", stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""))),
                    List.of(),
                    resourcePolicy(forAccount));
            assertThat(Evaluator.evaluate(withIdentity, r).decision()).isEqualTo(ALLOWED);
        }

        @Test
        void denyInTheResourcePolicyBeatsAnIdentityAllow() {
            String deny = """
                    {"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
                      "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
                    """;
            PolicySet set = new PolicySet(
                    List.of(policy("id", stmt("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\""))),
                    List.of(),
                    resourcePolicy(deny));
            Decision d = Evaluator.evaluate(
                    set, new Request("s3:GetObject", "arn:aws:s3:::b/k", USER, ctx("aws:SecureTransport", "false")));
            assertThat(d.decision()).isEqualTo(EXPLICIT_DENY);
            assertThat(d.matchedStatements())
                    .extracting(MatchedStatement::sourceType)
                    .containsExactly(PolicySourceType.RESOURCE);
            assertThat(Evaluator.evaluate(
                                    set,
                                    new Request(
                                            "s3:GetObject",
                                            "arn:aws:s3:::b/k",
                                            USER,
                                            ctx("aws:SecureTransport", "true")))
                            .decision())
                    .isEqualTo(ALLOWED);
        }

        @Test
        void crossAccountNeedsBothSides() {
            PolicySet resourceOnly = new PolicySet(List.of(), List.of(), resourcePolicy(BUCKET_FOR_USER));
            Request r = new Request("s3:GetObject", "arn:aws:s3:::b/k", USER, RequestContext.empty());
            assertThat(Evaluator.evaluate(resourceOnly, r, false).decision()).isEqualTo(IMPLICIT_DENY);
            PolicySet both = new PolicySet(
                    List.of(policy("id", stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""))),
                    List.of(),
                    resourcePolicy(BUCKET_FOR_USER));
            assertThat(Evaluator.evaluate(both, r, false).decision()).isEqualTo(ALLOWED);
        }
    }

    /** "IAM JSON policy elements: Condition operators". */
    @Nested
    class ConditionOperators {

        static EvalDecision cond(String operator, String key, String values, RequestContext ctx) {
            return decide(
                    stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"" + operator
                            + "\":{\"" + key + "\":" + values + "}}"),
                    "s3:GetObject",
                    "*",
                    ctx);
        }

        @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "StringEquals|k|\"prod\"|prod|ALLOWED",
                    "StringEquals|k|\"prod\"|Prod|IMPLICIT_DENY",
                    "StringNotEquals|k|\"prod\"|dev|ALLOWED",
                    "StringNotEquals|k|\"prod\"|prod|IMPLICIT_DENY",
                    "StringEqualsIgnoreCase|k|\"prod\"|PROD|ALLOWED",
                    "StringNotEqualsIgnoreCase|k|\"prod\"|PROD|IMPLICIT_DENY",
                    "StringLike|k|\"home/*/docs/?\"|home/ana/docs/1|ALLOWED",
                    "StringLike|k|\"home/*\"|Home/ana|IMPLICIT_DENY",
                    "StringNotLike|k|\"home/*\"|tmp/x|ALLOWED",
                    "NumericLessThanEquals|s3:signatureAge|\"3600\"|3600|ALLOWED",
                    "NumericLessThan|k|\"3600\"|3600|IMPLICIT_DENY",
                    "NumericEquals|k|\"10\"|10.0|ALLOWED",
                    "NumericGreaterThan|k|\"2.5\"|2.51|ALLOWED",
                    "NumericGreaterThanEquals|k|\"-1\"|-2|IMPLICIT_DENY",
                    "NumericNotEquals|k|\"10\"|11|ALLOWED",
                    "NumericEquals|k|\"10\"|ten|IMPLICIT_DENY",
                    "DateGreaterThan|aws:CurrentTime|\"2020-04-01T00:00:00Z\"|2024-01-01T00:00:00Z|ALLOWED",
                    "DateLessThan|aws:CurrentTime|\"2020-04-01T00:00:00Z\"|2020-03-31T23:59:59Z|ALLOWED",
                    "DateLessThan|aws:CurrentTime|\"2020-04-01\"|2020-04-01T00:00:00Z|IMPLICIT_DENY",
                    "DateEquals|aws:EpochTime|\"1585699200\"|2020-04-01T00:00:00Z|ALLOWED",
                    "DateEquals|k|\"2020-04-01T02:00:00+02:00\"|2020-04-01T00:00:00.000Z|ALLOWED",
                    "DateNotEquals|k|\"2020-04-01\"|2020-04-02|ALLOWED",
                    "DateGreaterThanEquals|k|\"2020-04-01T00:00:00Z\"|1585699200|ALLOWED",
                    "Bool|aws:SecureTransport|\"true\"|true|ALLOWED",
                    "Bool|aws:SecureTransport|true|TRUE|ALLOWED",
                    "Bool|aws:SecureTransport|\"true\"|false|IMPLICIT_DENY",
                    "BinaryEquals|key|\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"|QmluYXJ5VmFsdWVJbkJhc2U2NA==|ALLOWED",
                    "BinaryEquals|key|\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"|QmluYXJ5|IMPLICIT_DENY",
                    "IpAddress|aws:SourceIp|\"203.0.113.0/24\"|203.0.113.77|ALLOWED",
                    "IpAddress|aws:SourceIp|\"203.0.113.0/24\"|203.0.114.1|IMPLICIT_DENY",
                    "IpAddress|aws:SourceIp|\"2001:DB8:1234:5678::/64\"|2001:db8:1234:5678:abcd::1|ALLOWED",
                    "IpAddress|aws:SourceIp|\"2001:DB8:1234:5678::/64\"|2001:db8:1234:5679::1|IMPLICIT_DENY",
                    "IpAddress|aws:SourceIp|\"203.0.113.0/24\"|2001:db8::1|IMPLICIT_DENY",
                    "IpAddress|aws:SourceIp|\"0.0.0.0/0\"|8.8.8.8|ALLOWED",
                    "IpAddress|aws:SourceIp|\"198.51.100.7\"|198.51.100.7|ALLOWED",
                    "NotIpAddress|aws:SourceIp|\"203.0.113.0/24\"|192.0.2.1|ALLOWED",
                    "NotIpAddress|aws:SourceIp|\"203.0.113.0/24\"|203.0.113.1|IMPLICIT_DENY",
                    "ArnLike|aws:SourceArn|\"arn:aws:sns:*:123456789012:topic*\"|arn:aws:sns:us-east-1:123456789012:topic-a|ALLOWED",
                    "ArnEquals|aws:SourceArn|\"arn:aws:ecs:us-east-1:123456789012:*\"|arn:aws:ecs:us-east-1:123456789012:cluster/x|ALLOWED",
                    "ArnLike|aws:SourceArn|\"arn:aws:s3:::b\"|arn:aws:s3:::B|IMPLICIT_DENY",
                    "ArnNotLike|aws:SourceArn|\"arn:aws:iam::*:role/admin\"|arn:aws:iam::1:role/dev|ALLOWED",
                })
        void everyOperatorFamily(
                String operator, String key, String policyValue, String requestValue, EvalDecision expected) {
            assertThat(cond(operator, key, policyValue, ctx(key, requestValue))).isEqualTo(expected);
        }

        /** ArnLike: each of the six segments is matched on its own, wildcards never cross a colon there. */
        @Test
        void arnLikeMatchesSegmentBySegment() {
            assertThat(cond(
                            "ArnLike",
                            "aws:SourceArn",
                            "\"arn:aws:iam::*:role/x\"",
                            ctx("aws:SourceArn", "arn:aws:iam::1:2:role/x")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond(
                            "ArnLike",
                            "aws:SourceArn",
                            "\"arn:aws:*:*:*:*\"",
                            ctx("aws:SourceArn", "arn:aws:s3:::b/k:v")))
                    .isEqualTo(ALLOWED);
            assertThat(cond("ArnLike", "aws:SourceArn", "\"arn:*\"", ctx("aws:SourceArn", "arn:aws:s3:::b")))
                    .isEqualTo(ALLOWED);
        }

        @Test
        void operatorsOnAMissingKeyAreFalseButNegatedOnesAreTrue() {
            RequestContext none = RequestContext.empty();
            assertThat(cond("StringEquals", "aws:PrincipalTag/team", "\"a\"", none))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond("StringLike", "aws:PrincipalTag/team", "\"*\"", none))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond("NumericLessThan", "k", "\"1\"", none)).isEqualTo(IMPLICIT_DENY);
            assertThat(cond("Bool", "aws:SecureTransport", "\"false\"", none)).isEqualTo(IMPLICIT_DENY);
            assertThat(cond("StringNotEquals", "aws:PrincipalTag/team", "\"a\"", none))
                    .isEqualTo(ALLOWED);
            assertThat(cond("StringNotLike", "k", "\"a*\"", none)).isEqualTo(ALLOWED);
            assertThat(cond("NotIpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", none))
                    .isEqualTo(ALLOWED);
            assertThat(cond("ArnNotLike", "aws:SourceArn", "\"arn:aws:*\"", none))
                    .isEqualTo(ALLOWED);
            assertThat(cond("NumericNotEquals", "k", "\"1\"", none)).isEqualTo(ALLOWED);
            assertThat(cond("DateNotEquals", "k", "\"2020-01-01\"", none)).isEqualTo(ALLOWED);
        }

        @Test
        void ifExistsIsTrueWhenTheKeyIsMissingAndAppliesTheOperatorOtherwise() {
            assertThat(cond(
                            "StringEqualsIfExists",
                            "ec2:InstanceType",
                            "[\"t2.micro\",\"t2.small\"]",
                            RequestContext.empty()))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "StringEqualsIfExists",
                            "ec2:InstanceType",
                            "[\"t2.micro\",\"t2.small\"]",
                            ctx("ec2:InstanceType", "t2.small")))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "StringEqualsIfExists",
                            "ec2:InstanceType",
                            "[\"t2.micro\",\"t2.small\"]",
                            ctx("ec2:InstanceType", "m5.large")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond("NumericLessThanIfExists", "k", "\"5\"", ctx("k", "9")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void nullChecksWhetherTheKeyIsAbsent() {
            assertThat(cond("Null", "aws:TokenIssueTime", "\"true\"", RequestContext.empty()))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "Null",
                            "aws:TokenIssueTime",
                            "\"true\"",
                            ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond(
                            "Null",
                            "aws:TokenIssueTime",
                            "\"false\"",
                            ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
                    .isEqualTo(ALLOWED);
            assertThat(cond("Null", "aws:TokenIssueTime", "false", RequestContext.empty()))
                    .isEqualTo(IMPLICIT_DENY);
        }

        /** "Condition with multiple context keys or values": values OR-ed, keys and operators AND-ed. */
        @Test
        void valuesAreOredAndKeysAreAnded() {
            String json = stmt("""
                    "Effect":"Allow","Action":"*","Resource":"*","Condition":{
                      "StringEquals":{"aws:PrincipalTag/dept":["eng","ops"],"aws:RequestedRegion":"eu-west-1"},
                      "Bool":{"aws:SecureTransport":"true"}}""");
            assertThat(decide(
                            json,
                            "s3:GetObject",
                            "*",
                            ctx(
                                    "aws:PrincipalTag/dept",
                                    "ops",
                                    "aws:RequestedRegion",
                                    "eu-west-1",
                                    "aws:SecureTransport",
                                    "true")))
                    .isEqualTo(ALLOWED);
            assertThat(decide(
                            json,
                            "s3:GetObject",
                            "*",
                            ctx(
                                    "aws:PrincipalTag/dept",
                                    "ops",
                                    "aws:RequestedRegion",
                                    "us-east-1",
                                    "aws:SecureTransport",
                                    "true")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(decide(
                            json,
                            "s3:GetObject",
                            "*",
                            ctx("aws:PrincipalTag/dept", "ops", "aws:RequestedRegion", "eu-west-1")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        /** Negated operators with several values: the request value must match none of them (logical AND). */
        @Test
        void negatedOperatorsWithSeveralValuesRequireMatchingNone() {
            assertThat(cond(
                            "StringNotEquals",
                            "aws:PrincipalTag/role",
                            "[\"audit\",\"security\"]",
                            ctx("aws:PrincipalTag/role", "audit")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond(
                            "StringNotEquals",
                            "aws:PrincipalTag/role",
                            "[\"audit\",\"security\"]",
                            ctx("aws:PrincipalTag/role", "dev")))
                    .isEqualTo(ALLOWED);
        }

        @Test
        void forAllValuesIsTrueForAMissingOrEmptyKeyAndNeedsEveryValueToMatch() {
            String values = "[\"environment\",\"cost-center\"]";
            assertThat(cond("ForAllValues:StringEquals", "aws:TagKeys", values, RequestContext.empty()))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "ForAllValues:StringEquals",
                            "aws:TagKeys",
                            values,
                            RequestContext.of(Map.of("aws:TagKeys", List.of()))))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "ForAllValues:StringEquals",
                            "aws:TagKeys",
                            values,
                            ctx("aws:TagKeys", "environment", "aws:TagKeys", "cost-center")))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "ForAllValues:StringEquals",
                            "aws:TagKeys",
                            values,
                            ctx("aws:TagKeys", "environment", "aws:TagKeys", "owner")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void forAnyValueIsFalseForAMissingKeyAndNeedsOneValueToMatch() {
            String values = "[\"environment\",\"cost-center\"]";
            assertThat(cond("ForAnyValue:StringEquals", "aws:TagKeys", values, RequestContext.empty()))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond(
                            "ForAnyValue:StringEquals",
                            "aws:TagKeys",
                            values,
                            ctx("aws:TagKeys", "owner", "aws:TagKeys", "environment")))
                    .isEqualTo(ALLOWED);
            assertThat(cond("ForAnyValue:StringEquals", "aws:TagKeys", values, ctx("aws:TagKeys", "owner")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(cond(
                            "ForAnyValue:StringNotEquals",
                            "aws:TagKeys",
                            values,
                            ctx("aws:TagKeys", "environment", "aws:TagKeys", "owner")))
                    .isEqualTo(ALLOWED);
            assertThat(cond(
                            "ForAllValues:StringNotEquals",
                            "aws:TagKeys",
                            values,
                            ctx("aws:TagKeys", "environment", "aws:TagKeys", "owner")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void conditionKeyNamesAreCaseInsensitive() {
            assertThat(cond("StringEquals", "AWS:PrincipalTag/Team", "\"blue\"", ctx("aws:principaltag/team", "blue")))
                    .isEqualTo(ALLOWED);
        }

        @Test
        void missingKeysAreReported() {
            Decision d = eval(
                    stmt(
                            "\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{"
                                    + "\"StringEquals\":{\"aws:PrincipalTag/team\":\"a\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"),
                    "s3:GetObject",
                    "*",
                    RequestContext.empty());
            assertThat(d.missingContextValues()).containsExactly("aws:PrincipalTag/team", "aws:SourceIp");
        }
    }

    /** "IAM policy elements: Variables and tags". */
    @Nested
    class PolicyVariables {

        static final String HOME = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
                  "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}
                """;

        @Test
        void variableInResourceIsSubstituted() {
            assertThat(decide(HOME, "s3:GetObject", "arn:aws:s3:::home/ana/x", ctx("aws:username", "ana")))
                    .isEqualTo(ALLOWED);
            assertThat(decide(HOME, "s3:GetObject", "arn:aws:s3:::home/bob/x", ctx("aws:username", "ana")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void unresolvedVariableMatchesNothingAndIsReported() {
            Decision d = eval(HOME, "s3:GetObject", "arn:aws:s3:::home/ana/x", RequestContext.empty());
            assertThat(d.decision()).isEqualTo(IMPLICIT_DENY);
            assertThat(d.missingContextValues()).containsExactly("aws:username");
        }

        @Test
        void substitutedValuesAreLiteralNotWildcards() {
            assertThat(decide(HOME, "s3:GetObject", "arn:aws:s3:::home/ana/x", ctx("aws:username", "*")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void defaultValueIsUsedWhenTheKeyIsMissing() {
            String json = HOME.replace("${aws:username}", "${aws:username, 'anonymous'}");
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::home/anonymous/x"))
                    .isEqualTo(ALLOWED);
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::home/ana/x", ctx("aws:username", "ana")))
                    .isEqualTo(ALLOWED);
            String quoted = HOME.replace("${aws:username}", "${aws:username, 'o''brien'}");
            assertThat(decide(quoted, "s3:GetObject", "arn:aws:s3:::home/o'brien/x"))
                    .isEqualTo(ALLOWED);
        }

        @Test
        void escapesStandForLiteralCharacters() {
            String json = stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${*}${?}${$}\"");
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::b/*?$")).isEqualTo(ALLOWED);
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::b/ab$")).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void version2008TreatsVariablesAsLiteralText() {
            String json = HOME.replace("\"Version\":\"2012-10-17\",", "\"Version\":\"2008-10-17\",");
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::home/ana/x", ctx("aws:username", "ana")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(decide(json, "s3:GetObject", "arn:aws:s3:::home/${aws:username}/x"))
                    .isEqualTo(ALLOWED);
            String noVersion = HOME.replace("\"Version\":\"2012-10-17\",", "");
            assertThat(decide(noVersion, "s3:GetObject", "arn:aws:s3:::home/ana/x", ctx("aws:username", "ana")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void variablesInConditionValues() {
            String json = stmt("""
                    "Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::home",
                    "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}""");
            assertThat(decide(
                            json,
                            "s3:ListBucket",
                            "arn:aws:s3:::home",
                            ctx("aws:username", "ana", "s3:prefix", "home/ana/docs")))
                    .isEqualTo(ALLOWED);
            assertThat(decide(
                            json,
                            "s3:ListBucket",
                            "arn:aws:s3:::home",
                            ctx("aws:username", "ana", "s3:prefix", "home/bob/docs")))
                    .isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void tagVariablesMatchAbacPolicies() {
            String json = stmt("""
                    "Effect":"Allow","Action":"ec2:StartInstances","Resource":"*",
                    "Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}""");
            assertThat(decide(
                            json,
                            "ec2:StartInstances",
                            "*",
                            ctx("aws:PrincipalTag/team", "blue", "aws:ResourceTag/team", "blue")))
                    .isEqualTo(ALLOWED);
            assertThat(decide(
                            json,
                            "ec2:StartInstances",
                            "*",
                            ctx("aws:PrincipalTag/team", "blue", "aws:ResourceTag/team", "red")))
                    .isEqualTo(IMPLICIT_DENY);
            // no principal tag: the value has no substitution, the condition cannot hold
            assertThat(decide(json, "ec2:StartInstances", "*", ctx("aws:ResourceTag/team", "red")))
                    .isEqualTo(IMPLICIT_DENY);
        }
    }
}
