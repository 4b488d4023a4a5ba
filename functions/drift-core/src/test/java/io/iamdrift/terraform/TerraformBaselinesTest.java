package io.iamdrift.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.baseline.PrincipalBaseline;
import io.iamdrift.snapshot.PrincipalKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerraformBaselinesTest {

    static final StateSource STATE = Fixtures.state("user-boundary.tfstate");

    static TerraformBaselines.Result merge(String handWritten) {
        return TerraformBaselines.build(List.of(STATE), List.of(BaselineSource.of("hand.json", handWritten)), null);
    }

    @Test
    void takesPoliciesFromStateAndRequiredForbiddenCredentialsExceptionsAndDiscoveryFromTheHandWrittenBaseline() {
        TerraformBaselines.Result r = merge("""
                {"schemaVersion":1,"environment":"prod","discovery":{"userNamePatterns":["*-deployer"]},
                 "principals":[
                  {"type":"user","name":"shop-deployer",
                   "requiredActions":[{"action":"lambda:UpdateFunctionCode","resource":"arn:aws:lambda:us-east-1:111122223333:function:shop-web"}],
                   "requiredForResourceTypes":["aws_lambda_function"],
                   "forbiddenActions":["iam:*"],
                   "credentials":{"maxActiveAccessKeys":2},
                   "exceptions":[{"type":"WILDCARD_RESOURCE","reason":"reviewed","expires":"2030-01-01"}]},
                  {"type":"role","name":"hand-only-role","managedPolicies":[]}]}""");
        assertThat(r.problems()).isEmpty();
        BaselineSet set = r.toBaselineSet();
        assertThat(set.problems()).isEmpty();
        PrincipalBaseline user =
                set.principal(PrincipalKind.USER, "shop-deployer").orElseThrow();
        assertThat(user.managedPolicies())
                .extracting(m -> m.arn())
                .containsExactly("arn:aws:iam::111122223333:policy/lambda-deploy");
        assertThat(user.permissionsBoundary().accepts("arn:aws:iam::111122223333:policy/deployer-boundary"))
                .isTrue();
        assertThat(user.permissionsBoundary().accepts(null)).isFalse();
        assertThat(user.groups()).isEmpty();
        assertThat(user.requiredActions()).hasSize(1);
        assertThat(user.requiredForResourceTypes()).containsExactly("aws_lambda_function");
        assertThat(user.forbiddenActions()).containsExactly("iam:*");
        assertThat(user.credentials().maxActiveAccessKeys()).isEqualTo(2);
        assertThat(user.exceptions()).hasSize(1);
        assertThat(set.principal(PrincipalKind.ROLE, "hand-only-role")).isPresent();
        assertThat(set.baselines().get(0).environment()).isEqualTo("prod");
        assertThat(set.baselines().get(0).accountId()).isEqualTo("111122223333");
        assertThat(set.discoveryRules())
                .singleElement()
                .satisfies(d -> assertThat(d.userNamePatterns()).containsExactly("*-deployer"));
    }

    @Test
    void acceptsAHandWrittenStateFieldThatRepeatsTheStateValue() {
        TerraformBaselines.Result r = merge("""
                {"schemaVersion":1,"principals":[{"type":"user","name":"shop-deployer",
                  "permissionsBoundary":"arn:aws:iam::111122223333:policy/deployer-boundary",
                  "managedPolicies":[{"arn":"arn:aws:iam::111122223333:policy/lambda-deploy","versionId":"v3"}],
                  "groups":[]}]}""");
        assertThat(r.problems()).isEmpty();
        assertThat(r.toBaselineSet()
                        .principal(PrincipalKind.USER, "shop-deployer")
                        .orElseThrow()
                        .managedPolicies())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.versionId())
                            .as("a pinned version adds to the state")
                            .isEqualTo("v3");
                    assertThat(m.document()).contains("lambda:CreateFunction");
                });
    }

    @Test
    void reportsAConflictNamingBothSourcesAndKeepsTheStateValue() {
        TerraformBaselines.Result r = merge("""
                {"schemaVersion":1,"principals":[{"type":"user","name":"shop-deployer","permissionsBoundary":null,
                  "inlinePolicies":[{"name":"extra","document":{"Version":"2012-10-17","Statement":[]}}]}]}""");
        assertThat(r.problems()).extracting(BaselineProblem::source).containsOnly("hand.json");
        assertThat(r.problems())
                .extracting(BaselineProblem::pointer)
                .containsExactly("/principals/0/permissionsBoundary", "/principals/0/inlinePolicies");
        assertThat(r.problems().get(0).reason())
                .contains("conflicts with the Terraform state")
                .contains("user-boundary.tfstate#module.ci.aws_iam_user.deployer[\"prod\"]")
                .contains("\"arn:aws:iam::111122223333:policy/deployer-boundary\"");
        BaselineSet set = r.toBaselineSet();
        assertThat(set.problems()).hasSize(2);
        assertThat(set.principal(PrincipalKind.USER, "shop-deployer")
                        .orElseThrow()
                        .permissionsBoundary()
                        .accepts("arn:aws:iam::111122223333:policy/deployer-boundary"))
                .isTrue();
    }

    @Test
    void theStateOwnsTheGroupsItDeclaresAndAHandWrittenGroupItDoesNotIsKept() {
        TerraformBaselines.Result r = TerraformBaselines.build(
                List.of(Fixtures.state("terraform-1.11-applied.tfstate")),
                List.of(BaselineSource.of("hand.json", """
                        {"schemaVersion":1,"principals":[],"groups":[
                          {"name":"deployers","inlinePolicies":[]},
                          {"name":"readers","managedPolicies":[{"arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}]}]}""")),
                null);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("hand.json");
            assertThat(p.pointer()).isEqualTo("/groups/0/inlinePolicies");
            assertThat(p.reason())
                    .contains("conflicts with the Terraform state")
                    .contains("inlinePolicies of group/deployers");
        });
        BaselineSet set = r.toBaselineSet();
        assertThat(set.baselines().get(0).groups()).extracting(g -> g.name()).containsExactly("deployers", "readers");
        assertThat(set.baselines().get(0).groups().get(0).inlinePolicies())
                .as("the state's value is used")
                .extracting(i -> i.name())
                .containsExactly("identity");
    }

    @Test
    void reportsAnAccountConflict() {
        TerraformBaselines.Result r = merge("{\"schemaVersion\":1,\"accountId\":\"999999999999\",\"principals\":[]}");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/accountId");
            assertThat(p.reason()).contains("999999999999").contains("111122223333");
        });
    }

    @Test
    void aBadHandWrittenFileOrStateIsAProblemNotASkip() {
        TerraformBaselines.Result r = TerraformBaselines.build(
                List.of(STATE, StateSource.of("broken.tfstate", "{")),
                List.of(BaselineSource.of("hand.json", "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\"}]}")),
                null);
        assertThat(r.problems())
                .extracting(BaselineProblem::source)
                .containsExactlyInAnyOrder("broken.tfstate", "hand.json");
        assertThat(r.toBaselineSet().principal(PrincipalKind.USER, "shop-deployer"))
                .as("the good state is still used")
                .isPresent();
    }

    @Test
    void noStateIsAProblem() {
        assertThat(TerraformBaselines.build(List.of(), List.of(), null)
                        .toBaselineSet()
                        .problems())
                .extracting(BaselineProblem::reason)
                .anyMatch(m -> m.startsWith("no state file given"));
    }

    @Test
    void theMergedDocumentNamesItsStateFile() {
        TerraformBaselines.Result r = merge("{\"schemaVersion\":1,\"principals\":[]}");
        assertThat(r.name()).isEqualTo("terraform:user-boundary.tfstate");
        JsonNode doc = r.document();
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    }
}
