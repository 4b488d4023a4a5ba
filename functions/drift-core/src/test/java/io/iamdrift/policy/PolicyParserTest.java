package io.iamdrift.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

    private static PolicyDocument parse(String json) {
        return PolicyParser.parse(json, "test.json");
    }

    @Nested
    class ValidDocuments {

        @Test
        void keepsEveryElementAsWritten() {
            PolicyDocument doc = parse("""
                    {"Version":"2012-10-17","Id":"p1","Statement":[
                      {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:List*"],
                       "Resource":"arn:aws:s3:::b/*",
                       "Condition":{"StringLike":{"s3:prefix":["tz/v1/*","x"]},"Bool":{"aws:SecureTransport":true},
                                    "NumericLessThan":{"s3:signatureAge":3600.50}}},
                      {"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:iam::*:user/${aws:username}"]}]}
                    """);
            assertThat(doc.version()).isEqualTo("2012-10-17");
            assertThat(doc.id()).isEqualTo("p1");
            assertThat(doc.statements()).hasSize(2);
            Statement read = doc.statements().get(0);
            assertThat(read.sid()).isEqualTo("Read");
            assertThat(read.effect()).isEqualTo(Effect.ALLOW);
            assertThat(read.actions()).isEqualTo(new ActionSet(false, List.of("s3:GetObject", "s3:List*")));
            assertThat(read.resources()).isEqualTo(new ResourceSet(false, List.of("arn:aws:s3:::b/*")));
            assertThat(read.conditions())
                    .extracting(c -> c.operator().base(), Condition::key, Condition::values)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    BaseOperator.STRING_LIKE, "s3:prefix", List.of("tz/v1/*", "x")),
                            org.assertj.core.groups.Tuple.tuple(
                                    BaseOperator.BOOL, "aws:SecureTransport", List.of("true")),
                            org.assertj.core.groups.Tuple.tuple(
                                    BaseOperator.NUMERIC_LESS_THAN, "s3:signatureAge", List.of("3600.50")));
            Statement deny = doc.statements().get(1);
            assertThat(deny.sid()).isNull();
            assertThat(deny.label()).isEqualTo("Statement[1]");
            assertThat(deny.actions().negated()).isTrue();
            assertThat(deny.resources().negated()).isTrue();
        }

        @Test
        void acceptsASingleStatementObject() {
            PolicyDocument doc = parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
            assertThat(doc.statements())
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions().patterns()).containsExactly("*"));
        }

        @Test
        void keepsAMissingVersionMissingSoVariablesStayLiteral() {
            PolicyDocument doc = parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}");
            assertThat(doc.version()).isNull();
            assertThat(doc.variablesEnabled()).isFalse();
        }

        @Test
        void acceptsUrlEncodedDocumentsAsTheRawIamApiReturnsThem() {
            String json =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                            + "\"Resource\":\"arn:aws:s3:::a+b/*\"}]}";
            String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8)
                    .replace("+", "%20")
                    .replace("%2B", "%2B");
            PolicyDocument doc = parse(encoded);
            assertThat(doc.statements().get(0).resources().patterns()).containsExactly("arn:aws:s3:::a+b/*");
        }

        @Test
        void parsesEveryConditionOperatorFamilyWithQualifiersAndIfExists() {
            PolicyDocument doc = parse("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{
                      "ForAllValues:StringEqualsIgnoreCase":{"aws:TagKeys":["a","b"]},
                      "ForAnyValue:StringNotLikeIfExists":{"aws:TagKeys":"x*"},
                      "DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},
                      "IpAddress":{"aws:SourceIp":"203.0.113.0/24"},
                      "NotIpAddress":{"aws:SourceIp":"2001:db8::/32"},
                      "ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"},
                      "BinaryEquals":{"k":"QmluYXJ5"},
                      "Null":{"aws:TokenIssueTime":"true"},
                      "BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}}
                    """);
            List<Condition> cs = doc.statements().get(0).conditions();
            assertThat(cs).hasSize(9);
            assertThat(cs.get(0).operator().qualifier()).isEqualTo(SetQualifier.FOR_ALL_VALUES);
            assertThat(cs.get(1).operator().ifExists()).isTrue();
            assertThat(cs.get(1).operator().base()).isEqualTo(BaseOperator.STRING_NOT_LIKE);
            assertThat(cs.get(8).operator().base()).isEqualTo(BaseOperator.BOOL);
        }

        @Test
        void parsesTrustPoliciesWithEveryPrincipalType() {
            PolicyDocument doc = PolicyParser.parse("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"lambda.amazonaws.com",
                        "Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com","CanonicalUser":"abc"},
                       "Action":"sts:AssumeRole"},
                      {"Effect":"Deny","NotPrincipal":"*","Action":"sts:AssumeRole"}]}
                    """, "trust", PolicyKind.TRUST);
            Principal.Named p =
                    (Principal.Named) doc.statements().get(0).principals().principal();
            assertThat(p.byType()).containsOnlyKeys(PrincipalType.values());
            assertThat(doc.statements().get(1).principals().negated()).isTrue();
            assertThat(doc.statements().get(1).principals().principal()).isInstanceOf(Principal.Anyone.class);
        }
    }

    @Nested
    class MalformedDocuments {

        @Test
        void badJsonNamesLineAndColumn() {
            assertThatThrownBy(() -> parse("{\"Version\":\"2012-10-17\",\n \"Statement\": [ {\"Effect\" \"Allow\"} ]}"))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageStartingWith("test.json: line 2, column")
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void truncatedJsonIsASyntaxError() {
            assertThatThrownBy(() -> parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\""))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void emptyDocumentIsRejected() {
            assertThatThrownBy(() -> parse("  ")).hasMessage("test.json: the document is empty");
        }

        @Test
        void duplicateKeysAreRejectedBecauseTheyAreAmbiguous() {
            assertThatThrownBy(
                            () -> parse(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("Duplicate field 'Effect'")
                    .hasMessageContaining("line 1");
        }

        @Test
        void unknownEffectNamesTheStatement() {
            assertThatThrownBy(
                            () -> parse(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                    .hasMessage(
                            "test.json: /Statement/1/Effect: unknown Effect \"allow\" (expected \"Allow\" or \"Deny\")");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                empty Action array         | {"Effect":"Allow","Action":[],"Resource":"*"}                         | /Statement/0/Action: Action must not be empty
                empty Action string        | {"Effect":"Allow","Action":"","Resource":"*"}                         | /Statement/0/Action: Action must not be an empty string
                Action of wrong type       | {"Effect":"Allow","Action":42,"Resource":"*"}                         | /Statement/0/Action: Action must be a string or an array of strings, found the number 42
                Action entry not a string  | {"Effect":"Allow","Action":["s3:GetObject",true],"Resource":"*"}      | /Statement/0/Action/1: Action entries must be strings, found the boolean true
                Action without a service   | {"Effect":"Allow","Action":"GetObject","Resource":"*"}                | /Statement/0/Action: action "GetObject" must be "*" or "service:action" (e.g. s3:GetObject)
                both Action and NotAction  | {"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}     | /Statement/0: a statement may have Action or NotAction, not both
                no Action                  | {"Effect":"Allow","Resource":"*"}                                     | /Statement/0: the statement has neither Action nor NotAction
                no Effect                  | {"Action":"*","Resource":"*"}                                         | /Statement/0: the statement has no Effect
                Effect not a string        | {"Effect":true,"Action":"*","Resource":"*"}                           | /Statement/0/Effect: expected a string, found the boolean true
                no Resource                | {"Effect":"Allow","Action":"*"}                                       | /Statement/0: the statement has neither Resource nor NotResource (required in identity-based policies)
                unknown statement key      | {"Effect":"Allow","Action":"*","Resources":"*"}                       | /Statement/0/Resources: unknown statement element "Resources" (did you mean "Resource"?)
                Principal in identity      | {"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}        | /Statement/0/Principal: an identity-based policy must not have Principal
                unknown operator           | {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{"a":"b"}}} | /Statement/0/Condition/StringEqual: unknown condition operator "StringEqual"
                NullIfExists               | {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"a":"true"}}} | /Statement/0/Condition/NullIfExists: unknown condition operator "NullIfExists"
                empty condition values     | {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":[]}}} | /Statement/0/Condition/StringEquals/a: condition values must not be an empty array
                object condition value     | {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":{"b":1}}}} | /Statement/0/Condition/StringEquals/a: a condition value must be a string, number or boolean, found an object
                statement not an object    | "Allow"                                                               | /Statement/0: a statement must be a JSON object, found the string "Allow"
                """)
        void wrongTypesAndMissingElementsNameThePointer(String name, String statement, String expected) {
            String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
            assertThatThrownBy(() -> parse(doc))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessage("test.json: " + expected);
        }

        @Test
        void emptyStatementArrayIsNotASilentAllowNothing() {
            assertThatThrownBy(() -> parse("{\"Version\":\"2012-10-17\",\"Statement\":[]}"))
                    .hasMessage("test.json: /Statement: Statement is empty: the document would grant nothing");
        }

        @Test
        void unknownVersionIsRejected() {
            assertThatThrownBy(
                            () -> parse(
                                    "{\"Version\":\"2012-10-18\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                    .hasMessageContaining("/Version: unknown Version \"2012-10-18\"");
        }

        @Test
        void topLevelArrayIsRejected() {
            assertThatThrownBy(() -> parse("[1,2]"))
                    .hasMessage("test.json: a policy document must be a JSON object, found an array");
        }

        @Test
        void deeplyNestedInputFailsCleanlyWithoutStackOverflow() {
            String deep = "{\"Version\":\"2012-10-17\",\"Statement\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThatThrownBy(() -> parse(deep))
                    .isInstanceOf(PolicyParseException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void trustPolicyWithoutPrincipalIsRejected() {
            assertThatThrownBy(() -> PolicyParser.parse(
                            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}",
                            "trust",
                            PolicyKind.TRUST))
                    .hasMessage(
                            "trust: /Statement: the statement has neither Principal nor NotPrincipal (required in trust policies)");
        }
    }

    @Test
    void negatedOperatorsWithUnreadableValuesAreAParseErrorNamingThePointer() {
        String notIp = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"NotIpAddress":{"aws:SourceIp":"123456789012"}}}]}""";
        assertThatThrownBy(() -> PolicyParser.parse(notIp, "deny.json"))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageContaining("/Statement/0/Condition/NotIpAddress/aws:SourceIp")
                .hasMessageContaining("\"123456789012\" is not an IP address or CIDR block");
        String arnNotLike = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"ArnNotLike":{"aws:SourceArn":["arn:aws:s3:::ok","prod"]}}}]}""";
        assertThatThrownBy(() -> PolicyParser.parse(arnNotLike, "allow.json"))
                .hasMessageContaining("/Statement/0/Condition/ArnNotLike/aws:SourceArn/1")
                .hasMessageContaining("is not an ARN");
    }

    @Test
    void readableIpAndArnValuesAndPolicyVariablesStillParse() {
        String ok = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]},
                              "ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:role/x"}}}]}""";
        assertThat(PolicyParser.parse(ok, "ok.json").statements()).hasSize(1);
    }
}
