package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import org.junit.jupiter.api.Test;

/** Shapes of IAM API Reference "SimulateCustomPolicy" (request) and "EvaluationResult" (response). */
class SimulateCustomPolicyTest {

    static final ObjectMapper M = Json.MAPPER;

    static JsonNode simulate(String request) throws Exception {
        return M.readTree(SimulateCustomPolicy.simulate(request));
    }

    @Test
    void writesOneResultPerActionAndResourceInOrder() throws Exception {
        JsonNode out = simulate("""
                {"PolicyInputList":["{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::b/*\\"}]}"],
                 "ActionNames":["s3:GetObject","s3:PutObject"],
                 "ResourceArns":["arn:aws:s3:::b/k","arn:aws:s3:::c/k"]}
                """);
        JsonNode results = out.get("EvaluationResults");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("EvalActionName").asText()).isEqualTo("s3:GetObject");
        assertThat(results.get(0).get("EvalResourceName").asText()).isEqualTo("arn:aws:s3:::b/k");
        assertThat(results.get(0).get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(results.get(1).get("EvalResourceName").asText()).isEqualTo("arn:aws:s3:::c/k");
        assertThat(results.get(1).get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(results.get(2).get("EvalActionName").asText()).isEqualTo("s3:PutObject");
        JsonNode matched = results.get(0).get("MatchedStatements").get(0);
        assertThat(matched.get("SourcePolicyId").asText()).isEqualTo("PolicyInputList.1");
        assertThat(matched.get("SourcePolicyType").asText()).isEqualTo("IAM Policy");
        assertThat(results.get(0).get("MissingContextValues")).isEmpty();
        assertThat(results.get(0).get("EvalDecisionDetails").isObject()).isTrue();
        assertThat(results.get(0)
                        .at("/PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary")
                        .asBoolean())
                .isTrue();
        assertThat(out.get("IsTruncated").asBoolean()).isFalse();
    }

    @Test
    void acceptsObjectPoliciesBoundariesResourcePolicyAndContext() throws Exception {
        JsonNode out = simulate("""
                {"PolicyInputList":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}],
                 "PermissionsBoundaryPolicyInputList":[{"Version":"2012-10-17","Statement":[
                    {"Effect":"Allow","Action":"s3:*","Resource":"*",
                     "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}],
                 "ResourcePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]},
                 "CallerArn":"arn:aws:iam::111122223333:user/ci",
                 "ActionNames":["s3:GetObject","s3:DeleteObject","iam:CreateUser"],
                 "ContextEntries":[{"ContextKeyName":"aws:RequestedRegion","ContextKeyValues":["eu-west-1"],"ContextKeyType":"string"}]}
                """);
        JsonNode r = out.get("EvaluationResults");
        assertThat(r.get(0).get("EvalResourceName").asText()).isEqualTo("*");
        assertThat(r.get(0).get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(r.get(0).get("MatchedStatements").findValuesAsText("SourcePolicyType"))
                .containsExactly("IAM Policy", "PermissionsBoundaryPolicy");
        assertThat(r.get(0).get("MatchedStatements").findValuesAsText("SourcePolicyId"))
                .containsExactly("PolicyInputList.1", "PermissionsBoundaryPolicyInputList.1");
        assertThat(r.get(1).get("EvalDecision").asText()).isEqualTo("explicitDeny");
        assertThat(r.get(1).get("MatchedStatements").findValuesAsText("SourcePolicyType"))
                .containsExactly("Resource Policy");
        assertThat(r.get(2).get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(r.get(2)
                        .at("/PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void reportsMissingContextValues() throws Exception {
        JsonNode out = simulate("""
                {"PolicyInputList":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",
                   "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}],
                 "ActionNames":["s3:GetObject"]}
                """);
        assertThat(out.at("/EvaluationResults/0/MissingContextValues/0").asText())
                .isEqualTo("aws:SourceIp");
    }

    @Test
    void resourceOwnerInAnotherAccountNeedsBothPolicies() throws Exception {
        String request = """
                {"PolicyInputList":[],
                 "ResourcePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ci"},"Action":"s3:GetObject","Resource":"*"}]},
                 "CallerArn":"arn:aws:iam::111122223333:user/ci", "ResourceOwner":"OWNER",
                 "ActionNames":["s3:GetObject"]}
                """;
        assertThat(simulate(request.replace("OWNER", "arn:aws:iam::111122223333:root"))
                        .at("/EvaluationResults/0/EvalDecision")
                        .asText())
                .isEqualTo("allowed");
        assertThat(simulate(request.replace("OWNER", "arn:aws:iam::444455556666:root"))
                        .at("/EvaluationResults/0/EvalDecision")
                        .asText())
                .isEqualTo("implicitDeny");
    }

    @Test
    void badPolicyNamesItsPlaceInTheRequest() {
        assertThatThrownBy(() -> simulate("""
                {"PolicyInputList":["{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}",
                                    "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Alow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"],
                 "ActionNames":["s3:GetObject"]}
                """))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("PolicyInputList[2]: /Statement/0/Effect: unknown Effect \"Alow\"");
    }

    @Test
    void missingOrMalformedMembersAreClearErrors() {
        assertThatThrownBy(() -> simulate("{\"PolicyInputList\":[]}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("ActionNames: required");
        assertThatThrownBy(() -> simulate("{\"ActionNames\":[\"s3:GetObject\"]}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("PolicyInputList: required");
        assertThatThrownBy(() -> simulate("{\"PolicyInputList\":[],\"ActionNames\":[\"GetObject\"]}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("ActionNames[0]:");
        assertThatThrownBy(
                        () -> simulate("{\"PolicyInputList\":[],\"ActionNames\":[\"s3:GetObject\"],\"ActionName\":[]}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("ActionName: unknown request member");
        assertThatThrownBy(
                        () -> simulate(
                                "{\"PolicyInputList\":[],\"ActionNames\":[\"s3:GetObject\"],"
                                        + "\"ContextEntries\":[{\"ContextKeyName\":\"k\",\"ContextKeyValues\":[\"v\"],\"ContextKeyType\":\"text\"}]}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("ContextEntries[0].ContextKeyType: unknown type");
        assertThatThrownBy(
                        () -> simulate(
                                "{\"PolicyInputList\":[],\"ActionNames\":[\"s3:GetObject\"],"
                                        + "\"ResourcePolicy\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}"))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageStartingWith("ResourcePolicy: /Statement/0: the statement has neither Principal");
    }

    @Test
    void acceptsUrlEncodedDocuments() throws Exception {
        String encoded = java.net.URLEncoder.encode(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        JsonNode out = simulate("{\"PolicyInputList\":[\"" + encoded + "\"],\"ActionNames\":[\"s3:ListBucket\"]}");
        assertThat(out.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
    }

    static final String ORG_REQUEST = """
            {"PolicyInputList":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}],
             "ServiceControlPolicyInputList":[
                [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}],
                [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","kms:*"],"Resource":"*"}]}],
                [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}]],
             "ResourceControlPolicyInputList":[
                [{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]}]],
             %s
             "CallerArn":"arn:aws:iam::111122223333:user/alice",
             "ActionNames":["s3:GetObject","lambda:CreateFunction","kms:Decrypt"]}
            """;

    @Test
    void appliesServiceAndResourceControlPoliciesByLevel() throws Exception {
        JsonNode results = simulate(ORG_REQUEST.formatted("")).get("EvaluationResults");
        assertThat(results.get(0).get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(results.get(0)
                        .at("/OrganizationsDecisionDetail/AllowedByOrganizations")
                        .asBoolean())
                .isTrue();
        assertThat(results.get(1).get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(results.get(1)
                        .at("/OrganizationsDecisionDetail/AllowedByOrganizations")
                        .asBoolean())
                .isFalse();
        assertThat(results.get(1).at("/OrganizationsDecisionDetail/DecidedBy").asText())
                .isEqualTo("SCP ServiceControlPolicyInputList.2.1 on OU 1 does not allow lambda:CreateFunction");
        assertThat(results.get(2).get("EvalDecision").asText()).isEqualTo("explicitDeny");
        assertThat(results.get(2).at("/MatchedStatements/0/SourcePolicyId").asText())
                .isEqualTo("ResourceControlPolicyInputList.1.1");
        assertThat(results.get(2).at("/MatchedStatements/0/SourcePolicyType").asText())
                .isEqualTo("Resource Control Policy");
    }

    @Test
    void theManagementAccountIsExempt() throws Exception {
        JsonNode results = simulate(ORG_REQUEST.formatted("\"ManagementAccountId\":\"111122223333\","))
                .get("EvaluationResults");
        assertThat(results)
                .extracting(r -> r.get("EvalDecision").asText())
                .containsExactly("allowed", "allowed", "allowed");
    }

    @Test
    void writesNoOrganizationsDetailWithoutOrganizationPolicies() throws Exception {
        JsonNode out = simulate("""
                {"PolicyInputList":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}],
                 "ActionNames":["s3:GetObject"]}""");
        assertThat(out.at("/EvaluationResults/0").has("OrganizationsDecisionDetail"))
                .isFalse();
    }

    @Test
    void namesTheLevelAndDocumentOfAnInvalidOrganizationPolicy() {
        assertThatThrownBy(() -> simulate("""
                {"PolicyInputList":[],"ActionNames":["s3:GetObject"],
                 "ServiceControlPolicyInputList":[[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}],
                                                  [{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"*","Resource":"*"}]}]]}"""))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("ServiceControlPolicyInputList[2][1]");
        assertThatThrownBy(() -> simulate("""
                {"PolicyInputList":[],"ActionNames":["s3:GetObject"],"ServiceControlPolicyInputList":[{"Version":"2012-10-17"}]}"""))
                .isInstanceOf(SimulateInputException.class)
                .hasMessageContaining("ServiceControlPolicyInputList[1]: a level must be an array");
    }

    static String decision(String identityStatement, String resourcePolicy, String action, String resource)
            throws Exception {
        JsonNode out = simulate("""
                {"PolicyInputList":[{"Version":"2012-10-17","Statement":[%s]}],
                 "ResourcePolicy":%s,
                 "CallerArn":"arn:aws:iam::111122223333:user/ci",
                 "ActionNames":["%s"], "ResourceArns":["%s"]}
                """.formatted(identityStatement, resourcePolicy, action, resource));
        return out.at("/EvaluationResults/0/EvalDecision").asText();
    }

    static final String ALLOW_ASSUME = "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}";
    static final String ROLE = "arn:aws:iam::111122223333:role/deploy";

    static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void aRoleTrustPolicyThatDoesNotNameTheCallerDeniesAssumeRoleEvenInTheSameAccount() throws Exception {
        assertThat(decision(ALLOW_ASSUME, trust("{\"Service\":\"lambda.amazonaws.com\"}"), "sts:AssumeRole", ROLE))
                .isEqualTo("implicitDeny");
    }

    @Test
    void aTrustPolicyNamingTheAccountDelegatesToTheIdentityPolicies() throws Exception {
        String account = trust("{\"AWS\":\"arn:aws:iam::111122223333:root\"}");
        assertThat(decision(ALLOW_ASSUME, account, "sts:AssumeRole", ROLE)).isEqualTo("allowed");
        assertThat(decision(
                        "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
                        account,
                        "sts:AssumeRole",
                        ROLE))
                .isEqualTo("implicitDeny");
    }

    @Test
    void aTrustPolicyNamingTheCallerAllowsOnItsOwn() throws Exception {
        assertThat(decision(
                        "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
                        trust("{\"AWS\":\"arn:aws:iam::111122223333:user/ci\"}"),
                        "sts:AssumeRole",
                        ROLE))
                .isEqualTo("allowed");
    }

    @Test
    void aKmsKeyPolicyThatDoesNotAllowTheCallerDeniesEvenWhenTheIdentityPolicyAllows() throws Exception {
        String keyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111122223333:role/admin\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(decision(
                        "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}",
                        keyPolicy,
                        "kms:Decrypt",
                        key))
                .isEqualTo("implicitDeny");
    }

    @Test
    void anOrdinaryResourcePolicyStillLetsTheIdentityPolicyAllowInTheSameAccount() throws Exception {
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111122223333:role/other\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        assertThat(decision(
                        "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
                        bucketPolicy,
                        "s3:GetObject",
                        "arn:aws:s3:::b/k"))
                .isEqualTo("allowed");
    }
}
