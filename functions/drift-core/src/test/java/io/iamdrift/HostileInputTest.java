package io.iamdrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.Auditor;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.finding.FindingType;
import io.iamdrift.lint.LintType;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotException;
import io.iamdrift.snapshot.SnapshotReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of hostile and broken input, one test per kind of bad input: each gets a clear error naming the
 * source and the place in it, or a finding, never a crash (StackOverflowError, OutOfMemoryError, an unchecked
 * exception of the JSON library) and never a silent pass. Sizes are bounded before parsing (policies
 * {@value PolicyParser#MAX_DOCUMENT_CHARS} characters, baselines {@code BaselineLoader.MAX_BYTES}), nesting
 * by Jackson's StreamReadConstraints.
 */
class HostileInputTest {

    static final String V = "{\"Version\":\"2012-10-17\",\"Statement\":";

    static String allow(String action, String resource) {
        return V + "[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    static PolicyDocument parse(String text) {
        return PolicyParser.parse(text, "hostile.json");
    }

    static EvalDecision evaluate(String policy, String action, String resource) {
        return Evaluator.evaluate(
                        PolicySet.of(CompiledPolicy.compile(parse(policy), "p")), Request.of(action, resource))
                .decision();
    }

    @Nested
    class Policies {

        @Test
        void hundredThousandNestedArraysAreAParseErrorNamingTheNestingLimit() {
            String deep = V + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            assertThatThrownBy(() -> parse(deep))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageStartingWith("hostile.json")
                    .hasMessageContaining("nesting depth");
        }

        @Test
        void hundredThousandNestedObjectsAreAParseErrorNamingTheNestingLimit() {
            String deep = V + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}";
            assertThatThrownBy(() -> parse(deep))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("nesting depth");
        }

        @Test
        void aTenMegabytePolicyIsRejectedBeforeParsing() {
            String huge = allow("s3:GetObject", "arn:aws:s3:::b/" + "x".repeat(10 * 1024 * 1024));
            assertThatThrownBy(() -> parse(huge))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("more than the " + PolicyParser.MAX_DOCUMENT_CHARS + " accepted");
        }

        @Test
        void anUnescapedControlCharacterIsAParseErrorWithLineAndColumn() {
            String text =
                    V + "[{\"Sid\":\"a\u0001b\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("line 1, column 47")
                    .hasMessageContaining("CTRL-CHAR");
        }

        @Test
        void aLookAlikeActionWithARightToLeftOverrideGrantsNothingAndIsLinted() {
            String policy = allow("s3:Get\u202eObject", "*");
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws:s3:::b/k")).isEqualTo(EvalDecision.IMPLICIT_DENY);
            assertThat(new PolicyLinter(CatalogActionSpace.defaults()).lint(parse(policy), "p"))
                    .anyMatch(l -> l.type() == LintType.UNKNOWN_ACTION);
        }

        @Test
        void unicodeResourcesMatchExactlyAndNothingElse() {
            String policy = allow("s3:GetObject", "arn:aws:s3:::bücket-😀/*");
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws:s3:::bücket-😀/k"))
                    .isEqualTo(EvalDecision.ALLOWED);
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws:s3:::bucket-😀/k"))
                    .isEqualTo(EvalDecision.IMPLICIT_DENY);
        }

        @Test
        void aLoneSurrogateDoesNotCrashTheParserOrTheEvaluator() {
            String policy = allow("s3:GetObject", "arn:aws:s3:::b/\\ud800*");
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws:s3:::b/other")).isEqualTo(EvalDecision.IMPLICIT_DENY);
        }

        @Test
        void duplicateKeysInsideAStatementAreRejected() {
            String text = V + "[{\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("Effect");
        }

        @Test
        void aNumberWithAHugeExponentIsAParseError() {
            // found by PolicyParserFuzzTest: Jackson throws NumberFormatException, not a JSON error
            String text = V + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":8E88888888888888888888}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("number is out of range");
        }

        @Test
        void aStatementThatIsAStringIsRejectedByPointer() {
            assertThatThrownBy(() -> parse(V + "[\"Allow everything\"]}"))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("/Statement/0");
        }

        @Test
        void anActionThatIsANumberIsRejectedByPointer() {
            assertThatThrownBy(() -> parse(V + "[{\"Effect\":\"Allow\",\"Action\":5,\"Resource\":\"*\"}]}"))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("/Statement/0/Action");
        }

        @Test
        void anUnknownConditionOperatorIsAnErrorNotIgnored() {
            String text = V + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEqualsMaybe\":{\"aws:username\":\"x\"}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("unknown condition operator \"StringEqualsMaybe\"");
        }

        @Test
        void anUnknownSetQualifierIsAnErrorNotIgnored() {
            String text = V + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"ForSomeValues:StringEquals\":{\"aws:TagKeys\":\"x\"}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("ForSomeValues");
        }

        @Test
        void aDateConditionWithAnUnreadableValueIsAnErrorSoADenyIsNeverSilentlyDropped() {
            String text = V + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"next tuesday\"}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("/Statement/0/Condition/DateGreaterThan/aws:CurrentTime")
                    .hasMessageContaining("next tuesday");
        }

        @Test
        void aDateConditionThatIsALoneMinusSignIsAnErrorNotACrash() {
            // found by the policy parser's fuzz target (crash-ffcb5f35...): "-" looked like epoch seconds
            String text = V + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"-\"}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("/Statement/0/Condition/DateLessThan/aws:CurrentTime");
        }

        @Test
        void aNumericConditionWithAnUnreadableValueIsAnError() {
            String text = V + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}}]}";
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("ten");
        }

        @Test
        void chinaPartitionArnsMatchOnlyTheirPartition() {
            String policy = allow("s3:GetObject", "arn:aws-cn:s3:::shop/*");
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws-cn:s3:::shop/k"))
                    .isEqualTo(EvalDecision.ALLOWED);
            assertThat(evaluate(policy, "s3:GetObject", "arn:aws:s3:::shop/k")).isEqualTo(EvalDecision.IMPLICIT_DENY);
        }

        @Test
        void govCloudArnsMatchOnlyTheirPartitionAndWildcardPartitionsMatchAll() {
            String gov = allow(
                    "lambda:UpdateFunctionCode", "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:shop-*");
            assertThat(evaluate(
                            gov,
                            "lambda:UpdateFunctionCode",
                            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:shop-api"))
                    .isEqualTo(EvalDecision.ALLOWED);
            assertThat(evaluate(
                            gov,
                            "lambda:UpdateFunctionCode",
                            "arn:aws:lambda:us-gov-west-1:123456789012:function:shop-api"))
                    .isEqualTo(EvalDecision.IMPLICIT_DENY);
            String any = allow("s3:GetObject", "arn:*:s3:::shop/*");
            assertThat(evaluate(any, "s3:GetObject", "arn:aws-us-gov:s3:::shop/k"))
                    .isEqualTo(EvalDecision.ALLOWED);
        }
    }

    @Nested
    class Baselines {

        static List<BaselineProblem> load(String text) {
            BaselineSet set = new BaselineLoader()
                    .loadAll(List.of(new BaselineSource("hostile.json", text.getBytes(StandardCharsets.UTF_8))));
            assertThat(set.baselines()).as("nothing usable from a bad file").isEmpty();
            return set.problems();
        }

        @Test
        void hundredThousandNestedArraysAreAProblemNamingTheNestingLimit() {
            String deep = "{\"schemaVersion\":1,\"principals\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            assertThat(load(deep)).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("hostile.json");
                assertThat(p.reason()).contains("nesting depth");
            });
        }

        @Test
        void aTenMegabyteBaselineIsAProblemNotACrash() {
            String huge = "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\",\"name\":\""
                    + "x".repeat(10 * 1024 * 1024) + "\"}]}";
            assertThat(load(huge))
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.reason()).isNotBlank());
        }

        @Test
        void aControlCharacterInAPrincipalNameIsKeptVerbatimSoTheAuditReportsItMissing() throws Exception {
            BaselineSet set = new BaselineLoader()
                    .load(
                            "hostile.json",
                            "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\",\"name\":\"ci\\u0000deployer\"}]}");
            AccountSnapshot snapshot = SnapshotReader.read(
                    "s.json",
                    "{\"UserDetailList\":[{\"UserName\":\"cideployer\","
                            + "\"Arn\":\"arn:aws:iam::123456789012:user/cideployer\"}]}");
            assertThat(Auditor.withDefaults()
                            .audit(snapshot, set, AuditOptions.defaults())
                            .findings())
                    .anySatisfy(f -> {
                        assertThat(f.type()).isEqualTo(FindingType.PRINCIPAL_MISSING);
                        assertThat(f.principal().name()).isEqualTo("ci\u0000deployer");
                    });
        }

        @Test
        void aSchemaVersionThatIsAStringIsAProblemByPointer() {
            assertThat(load("{\"schemaVersion\":\"1\",\"principals\":[]}"))
                    .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/schemaVersion"));
        }

        @Test
        void aNumberWithAHugeExponentIsAProblem() {
            assertThat(load("{\"schemaVersion\":1E88888888888888888888,\"principals\":[]}"))
                    .isNotEmpty();
        }

        @Test
        void duplicateKeysAreAProblem() {
            assertThat(
                            load(
                                    "{\"schemaVersion\":1,\"principals\":[],\"principals\":[{\"type\":\"user\",\"name\":\"x\"}]}"))
                    .anySatisfy(p -> assertThat(p.reason()).contains("principals"));
        }

        @Test
        void anExpectedPolicyWithAnUnknownConditionOperatorMakesTheAuditIncompleteNamingIt() throws Exception {
            String deny = V
                    + "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bogus\":{\"a:b\":\"c\"}}}]}";
            BaselineSet set = new BaselineLoader()
                    .load(
                            "hostile.json",
                            "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\","
                                    + "\"name\":\"ci\",\"inlinePolicies\":[{\"name\":\"p\",\"document\":" + deny
                                    + "}]}]}");
            AccountSnapshot snapshot = SnapshotReader.read(
                    "s.json",
                    "{\"UserDetailList\":[{\"UserName\":\"ci\","
                            + "\"Arn\":\"arn:aws:iam::123456789012:user/ci\",\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":"
                            + allow("s3:GetObject", "*") + "}]}]}");
            assertThat(Auditor.withDefaults()
                            .audit(snapshot, set, AuditOptions.defaults())
                            .findings())
                    .anySatisfy(f -> {
                        assertThat(f.type()).isEqualTo(FindingType.AUDIT_INCOMPLETE);
                        assertThat(f.detail()).contains("unknown condition operator \"Bogus\"");
                    });
        }
    }

    @Nested
    class Snapshots {

        @Test
        void hundredThousandNestedArraysInAPolicyDocumentAreAnErrorNotAStackOverflow() {
            String deep =
                    "{\"UserDetailList\":[{\"UserName\":\"u\",\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":"
                            + "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}]}]}";
            assertThatThrownBy(() -> SnapshotReader.read("page.json", deep))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith("page.json")
                    .hasMessageContaining("nesting depth");
        }

        @Test
        void aPageNestedWhereAUserShouldBeIsAnErrorByPointer() {
            String deep = "{\"UserDetailList\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            assertThatThrownBy(() -> SnapshotReader.read("page.json", deep))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessage("page.json: /UserDetailList/0: expected a user (a JSON object), found an array");
        }

        @Test
        void aNumberWithAHugeExponentInAPolicyDocumentIsReadOrRejectedNeverACrash() {
            Throwable t = catchThrowable(
                    () -> SnapshotReader.read(
                            "page.json",
                            "{\"UserDetailList\":[{\"UserName\":\"u\","
                                    + "\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":{\"Version\":8E88888888888888888888}}]}]}"));
            assertThat(t)
                    .satisfiesAnyOf(
                            e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(SnapshotException.class));
        }

        @Test
        void aRoleWithoutItsTrustPolicyIsReadAndTheAuditSaysSo() throws Exception {
            AccountSnapshot s = SnapshotReader.read(
                    "page.json",
                    "{\"RoleDetailList\":[{\"RoleName\":\"r\"," + "\"Arn\":\"arn:aws:iam::123456789012:role/r\"}]}");
            assertThat(s.roles())
                    .singleElement()
                    .satisfies(r -> assertThat(r.name()).isEqualTo("r"));
        }

        @Test
        void aManagedPolicyWithoutVersionsIsReadWithoutADocument() throws Exception {
            AccountSnapshot s = SnapshotReader.read(
                    "page.json",
                    "{\"Policies\":[{\"PolicyName\":\"p\","
                            + "\"Arn\":\"arn:aws:iam::123456789012:policy/p\",\"DefaultVersionId\":\"v1\"}]}");
            assertThat(s.policies()).hasSize(1);
        }

        @Test
        void aUserWithoutItsNameIsAnErrorByPointer() {
            assertThatThrownBy(() -> SnapshotReader.read(
                            "page.json", "{\"UserDetailList\":[{\"Arn\":\"arn:aws:iam::123456789012:user/x\"}]}"))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageContaining("/UserDetailList/0/UserName");
        }

        @Test
        void anArnInTheChinaPartitionIsRead() throws Exception {
            AccountSnapshot s = SnapshotReader.read(
                    "page.json",
                    "{\"UserDetailList\":[{\"UserName\":\"u\"," + "\"Arn\":\"arn:aws-cn:iam::123456789012:user/u\"}]}");
            assertThat(s.users())
                    .singleElement()
                    .satisfies(u -> assertThat(u.arn()).startsWith("arn:aws-cn:"));
        }

        @Test
        void aTenMegabyteGarbagePageIsAnErrorNotACrash() {
            String garbage = "{\"UserDetailList\":[" + "{\"UserName\":\"u\"},".repeat(700_000) + "}";
            assertThatThrownBy(() -> SnapshotReader.read("page.json", garbage))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith("page.json");
        }
    }
}
