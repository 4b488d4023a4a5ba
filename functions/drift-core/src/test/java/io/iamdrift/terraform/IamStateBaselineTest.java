package io.iamdrift.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamStateBaselineTest {

    static IamStateBaseline.Result build(String... fixtures) throws StateException {
        List<StateFile> states = new java.util.ArrayList<>();
        for (String f : fixtures) {
            states.add(StateReader.read(Fixtures.state(f)));
        }
        return IamStateBaseline.build(states, null);
    }

    static JsonNode principal(JsonNode baseline, String type, String name) {
        for (JsonNode p : baseline.get("principals")) {
            if (p.get("type").asText().equals(type) && p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no " + type + " " + name + " in " + baseline.toPrettyString());
    }

    static BaselineSet load(JsonNode baseline) {
        return new BaselineLoader().load("built.json", baseline.toString());
    }

    @Test
    void buildsASchemaValidBaselineFromARealTerraformState() throws Exception {
        IamStateBaseline.Result r = build("terraform-1.11-applied.tfstate");
        assertThat(r.problems()).isEmpty();
        assertThat(load(r.document()).problems()).isEmpty();
        assertThat(r.document().get("accountId").asText()).isEqualTo("123456789012");
        assertThat(r.document().get("principals"))
                .extracting(p -> p.get("type").asText() + "/" + p.get("name").asText())
                .containsExactly(
                        "role/shop-release-deployer",
                        "user/shop-ci-deployer",
                        "role/billing-deployer",
                        "role/search-deployer");

        JsonNode user = principal(r.document(), "user", "shop-ci-deployer");
        assertThat(user.at("/managedPolicies/0/arn").asText())
                .isEqualTo("arn:aws:iam::123456789012:policy/shop-deploy");
        assertThat(user.at("/managedPolicies/0/document/Statement/0/Sid").asText())
                .isEqualTo("Functions");
        assertThat(user.at("/inlinePolicies/0/name").asText()).isEqualTo("state");
        assertThat(user.at("/inlinePolicies/0/document/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:s3:::tf-state/shop/*");
        assertThat(user.get("groups")).extracting(JsonNode::asText).containsExactly("deployers");
        assertThat(user.get("permissionsBoundary").isNull()).isTrue();

        JsonNode role = principal(r.document(), "role", "shop-release-deployer");
        assertThat(role.get("permissionsBoundary").asText())
                .isEqualTo("arn:aws:iam::123456789012:policy/deployer-boundary");
        assertThat(role.at("/trustPolicy/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(role.at("/inlinePolicies/0/name").asText()).isEqualTo("artifacts");
        assertThat(role.has("groups")).isFalse();

        JsonNode billing = principal(r.document(), "role", "billing-deployer");
        assertThat(billing.at("/inlinePolicies/0/name").asText()).isEqualTo("billing-functions");
        assertThat(billing.at("/managedPolicies/0/arn").asText()).endsWith(":policy/shop-deploy");
        assertThat(r.provenance().get("role/billing-deployer"))
                .containsExactly(
                        "terraform-1.11-applied.tfstate#module.apps[\"billing\"].aws_iam_role.this",
                        "terraform-1.11-applied.tfstate#module.apps[\"billing\"].aws_iam_role_policy.this",
                        "terraform-1.11-applied.tfstate#module.apps[\"billing\"].aws_iam_role_policy_attachment.this[0]");
        assertThat(r.document().get("groups"))
                .as("the groups section: the policies of the user's group")
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.get("name").asText()).isEqualTo("deployers");
                    assertThat(g.at("/managedPolicies/0/arn").asText())
                            .isEqualTo("arn:aws:iam::123456789012:policy/shop-deploy");
                    assertThat(g.at("/managedPolicies/0/document/Statement/0/Sid")
                                    .asText())
                            .isEqualTo("Functions");
                    assertThat(g.get("inlinePolicies"))
                            .extracting(i -> i.get("name").asText())
                            .containsExactly("identity");
                });
        assertThat(r.notes()).noneMatch(n -> n.contains("group"));
    }

    @Test
    void coversOpenTofuModulesCountForEachBoundariesAndEveryAttachmentKind() throws Exception {
        IamStateBaseline.Result r = build("opentofu-modules.tfstate");
        assertThat(r.problems()).isEmpty();
        assertThat(load(r.document()).problems()).isEmpty();
        assertThat(r.document().get("accountId").asText()).isEqualTo("210987654321");

        JsonNode user = principal(r.document(), "user", "tz-prod-deployer");
        assertThat(user.get("permissionsBoundary").asText()).isEqualTo("arn:aws:iam::210987654321:policy/tz-boundary");
        assertThat(user.get("groups")).extracting(JsonNode::asText).containsExactly("ops", "tz-deployers");
        assertThat(user.at("/managedPolicies/0/arn").asText())
                .as("attachment by user ARN")
                .isEqualTo("arn:aws:iam::210987654321:policy/tz-deploy");
        assertThat(user.at("/inlinePolicies/0/name").asText()).isEqualTo("state");

        JsonNode tainted = principal(r.document(), "role", "tz-prod-runner-0");
        assertThat(tainted.get("inlinePolicies"))
                .as("inline_policy block and aws_iam_role_policy agree")
                .hasSize(1);
        assertThat(tainted.at("/inlinePolicies/0/name").asText()).isEqualTo("logs");
        assertThat(tainted.at("/managedPolicies/0/arn").asText())
                .isEqualTo("arn:aws:iam::210987654321:policy/tz-deploy");
        assertThat(tainted.at("/trustPolicy/Statement/0/Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");

        JsonNode second = principal(r.document(), "role", "tz-prod-runner-1");
        assertThat(second.get("inlinePolicies"))
                .as("the provider's empty inline_policy block is no policy")
                .isEmpty();
        assertThat(second.at("/managedPolicies/0/arn").asText())
                .as("aws_iam_policy_attachment roles")
                .isEqualTo("arn:aws:iam::210987654321:policy/tz-deploy");
        assertThat(second.get("permissionsBoundary").isNull()).isTrue();
        assertThat(second.at("/trustPolicy/Statement/0/Sid").asText())
                .as("the deposed object is skipped")
                .isEqualTo("Gha");

        assertThat(r.notes()).anyMatch(n -> n.contains("externally-managed-role") && n.contains("not baselined"));
        assertThat(r.document().get("groups"))
                .as("ops is declared; tz-deployers is not (created elsewhere)")
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.get("name").asText()).isEqualTo("ops");
                    assertThat(g.get("managedPolicies"))
                            .extracting(m -> m.get("arn").asText())
                            .as("attachment and aws_iam_policy_attachment groups")
                            .containsExactly(
                                    "arn:aws:iam::aws:policy/ReadOnlyAccess",
                                    "arn:aws:iam::210987654321:policy/tz-deploy");
                    assertThat(g.get("inlinePolicies"))
                            .extracting(i -> i.get("name").asText())
                            .containsExactly("read");
                });
    }

    @Test
    void keepsOnlyTheRequestedAccount() throws Exception {
        IamStateBaseline.Result r = IamStateBaseline.build(
                List.of(
                        StateReader.read(Fixtures.state("opentofu-modules.tfstate")),
                        StateReader.read(Fixtures.state("user-boundary.tfstate"))),
                "111122223333");
        assertThat(r.problems()).isEmpty();
        assertThat(r.document().get("principals"))
                .extracting(p -> p.get("name").asText())
                .containsExactly("shop-deployer");
        assertThat(r.notes()).anyMatch(n -> n.contains("tz-prod-deployer is in account 210987654321"));
    }

    @Test
    void reportsStatesOfSeveralAccountsWithoutAChoice() throws Exception {
        IamStateBaseline.Result r = build("opentofu-modules.tfstate", "user-boundary.tfstate");
        assertThat(r.problems())
                .extracting(BaselineProblem::reason)
                .anyMatch(m -> m.contains("several accounts [111122223333, 210987654321]"));
    }

    @Test
    void reportsAPrincipalDeclaredByTwoStates() throws Exception {
        IamStateBaseline.Result r = build("user-boundary.tfstate", "user-boundary.tfstate");
        assertThat(r.problems()).hasSize(1);
        BaselineProblem p = r.problems().get(0);
        assertThat(p.source()).isEqualTo("user-boundary.tfstate");
        assertThat(p.pointer()).isEqualTo("/resources/2/instances/0/attributes/name");
        assertThat(p.reason())
                .contains("module.ci.aws_iam_user.deployer[\"prod\"]: user shop-deployer is also declared by "
                        + "user-boundary.tfstate#module.ci.aws_iam_user.deployer[\"prod\"]");
    }

    @Test
    void reportsAPolicyThatIsNotJsonAtItsAttribute() throws Exception {
        String state = """
                {"version":4,"terraform_version":"1.11.4","resources":[
                 {"mode":"managed","type":"aws_iam_user","name":"u","instances":[{"attributes":{"name":"ci","arn":"arn:aws:iam::111122223333:user/ci"}}]},
                 {"mode":"managed","type":"aws_iam_user_policy","name":"p","instances":[{"attributes":{"user":"ci","name":"x","policy":"{not json"}}]},
                 {"mode":"managed","type":"aws_iam_user_policy_attachment","name":"a","instances":[{"attributes":{"user":"ci","policy_arn":""}}]}]}""";
        IamStateBaseline.Result r =
                IamStateBaseline.build(List.of(StateReader.read(StateSource.of("bad.tfstate", state))), null);
        assertThat(r.problems())
                .extracting(BaselineProblem::toString)
                .containsExactly(
                        "bad.tfstate: /resources/1/instances/0/attributes/policy: aws_iam_user_policy.p: policy document is not JSON: "
                                + r.problems()
                                        .get(0)
                                        .reason()
                                        .substring(r.problems().get(0).reason().indexOf("JSON: ") + 6),
                        "bad.tfstate: /resources/2/instances/0/attributes/policy_arn: aws_iam_user_policy_attachment.a: expected a non-empty string, found an empty string");
        assertThat(r.problems().get(0).reason()).contains("Unexpected character");
    }

    @Test
    void reportsTwoDifferentDocumentsForOneInlinePolicy() throws Exception {
        String state = """
                {"version":4,"resources":[
                 {"mode":"managed","type":"aws_iam_role","name":"r","instances":[{"attributes":{"name":"ci","arn":"arn:aws:iam::111122223333:role/ci",
                  "assume_role_policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}",
                  "inline_policy":[{"name":"x","policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"*\\"}]}"}]}}]},
                 {"mode":"managed","type":"aws_iam_role_policy","name":"p","instances":[{"attributes":{"role":"ci","name":"x",
                  "policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":\\"*\\"}]}"}}]}]}""";
        IamStateBaseline.Result r =
                IamStateBaseline.build(List.of(StateReader.read(StateSource.of("two.tfstate", state))), null);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/resources/1/instances/0/attributes/policy");
            assertThat(p.reason())
                    .contains("inline policy x of role/ci has another document in two.tfstate#aws_iam_role.r");
        });
    }

    @Test
    void anOidcProviderAndARoleTrustingItBecomeWhoMayAssumeTheRole() throws Exception {
        String trust = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                + "\\\"Principal\\\":{\\\"Federated\\\":\\\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\\\"},"
                + "\\\"Action\\\":\\\"sts:AssumeRoleWithWebIdentity\\\",\\\"Condition\\\":{\\\"StringEquals\\\":{"
                + "\\\"token.actions.githubusercontent.com:aud\\\":\\\"AUDIENCE\\\","
                + "\\\"token.actions.githubusercontent.com:sub\\\":\\\"repo:acme/shop:environment:prod\\\"}}}]}";
        String provider = """
                 {"mode":"managed","type":"aws_iam_openid_connect_provider","name":"github","instances":[{"attributes":{
                  "arn":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                  "url":"https://token.actions.githubusercontent.com","client_id_list":["sts.amazonaws.com"]}}]},""";
        String role = """
                 {"mode":"managed","type":"aws_iam_role","name":"deploy","instances":[{"attributes":{"name":"gh-deploy",
                  "arn":"arn:aws:iam::111122223333:role/gh-deploy","assume_role_policy":"%s"}}]}""";
        String withProvider = "{\"version\":4,\"resources\":[" + provider
                + role.formatted(trust.replace("AUDIENCE", "sts.amazonaws.com")) + "]}";
        IamStateBaseline.Result r =
                IamStateBaseline.build(List.of(StateReader.read(StateSource.of("ci.tfstate", withProvider))), null);
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).isEmpty();
        assertThat(r.document().at("/principals/0/assumableBy").toString())
                .isEqualTo("{\"repositories\":[\"acme/shop\"],\"environments\":[\"prod\"]}");

        String wrongAudience = "{\"version\":4,\"resources\":[" + provider
                + role.formatted(trust.replace("AUDIENCE", "sigstore")) + "]}";
        assertThat(IamStateBaseline.build(List.of(StateReader.read(StateSource.of("ci.tfstate", wrongAudience))), null)
                        .notes())
                .singleElement()
                .asString()
                .contains("requires audience sigstore")
                .contains("does not accept");

        String noProvider = "{\"version\":4,\"resources\":["
                + role.formatted(trust.replace("AUDIENCE", "sts.amazonaws.com")) + "]}";
        assertThat(IamStateBaseline.build(List.of(StateReader.read(StateSource.of("ci.tfstate", noProvider))), null)
                        .notes())
                .singleElement()
                .asString()
                .contains("which these states do not declare (aws_iam_openid_connect_provider)");
    }
}
