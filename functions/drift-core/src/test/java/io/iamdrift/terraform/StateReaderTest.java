package io.iamdrift.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateReaderTest {

    @Test
    void readsEveryManagedInstanceOfARealTerraformStateWithModuleAndIndexAddresses() throws Exception {
        StateFile state = StateReader.read(Fixtures.state("terraform-1.11-applied.tfstate"));
        assertThat(state.tool()).isEqualTo("terraform");
        assertThat(state.toolVersion()).isEqualTo("1.11.4");
        assertThat(state.instances()).hasSize(18);
        assertThat(state.instances())
                .extracting(ResourceInstance::address)
                .contains(
                        "aws_iam_user.ci",
                        "module.apps[\"billing\"].aws_iam_role.this",
                        "module.apps[\"search\"].aws_iam_role_policy_attachment.this[0]");
        assertThat(state.instances().get(0).pointer()).isEqualTo("/resources/0/instances/0");
    }

    @Test
    void recognisesOpenTofuAndSkipsDataSourcesAndDeposedInstances() throws Exception {
        StateFile state = StateReader.read(Fixtures.state("opentofu-modules.tfstate"));
        assertThat(state.tool()).isEqualTo("opentofu");
        assertThat(state.toolVersion()).isEqualTo("1.8.5");
        assertThat(state.instances())
                .extracting(ResourceInstance::address)
                .doesNotContain("data.aws_iam_policy_document.trust")
                .containsOnlyOnce("module.app[\"prod\"].aws_iam_role.runner[1]")
                .contains(
                        "module.app[\"prod\"].aws_iam_user.deployer",
                        "module.app[\"prod\"].aws_iam_user_policy.state[0]");
    }

    @Test
    void reportsTheFileAndPlaceWhenTheStateIsNotJson() {
        assertThatThrownBy(() -> StateReader.read(StateSource.of("prod.tfstate", "{\"version\": 4, \"resources\": [")))
                .isInstanceOf(StateException.class)
                .hasMessageStartingWith("prod.tfstate: /resources: not a state file: truncated JSON at line 1");
    }

    @Test
    void rejectsFormatVersionThreeWithAnUpgradeHint() {
        assertThatThrownBy(() -> StateReader.read(StateSource.of("old.tfstate", "{\"version\": 3, \"modules\": []}")))
                .hasMessage(
                        "old.tfstate: /version: state format version 3 is not supported; only version 4 "
                                + "(Terraform 0.12 and later, OpenTofu) is read: refresh it with a current Terraform or OpenTofu first");
    }

    @Test
    void rejectsFilesThatAreNotStateObjects() {
        assertThatThrownBy(() -> StateReader.read(StateSource.of("a.tfstate", "[]")))
                .hasMessage("a.tfstate: expected a JSON object (a Terraform state file), found an array");
        assertThatThrownBy(() -> StateReader.read(StateSource.of("b.tfstate", "{\"resources\": []}")))
                .hasMessage("b.tfstate: /version: missing or non-integer 'version': not a Terraform state file");
        assertThatThrownBy(() -> StateReader.read(StateSource.of("c.tfstate", "")))
                .hasMessageContaining("c.tfstate: file is empty");
    }

    @Test
    void namesThePointerOfAWronglyShapedResource() {
        assertThatThrownBy(() -> StateReader.read(StateSource.of("s.tfstate", "{\"version\":4,\"resources\":{}}")))
                .hasMessage("s.tfstate: /resources: expected an array of resources, found an object");
        assertThatThrownBy(
                        () -> StateReader.read(
                                StateSource.of(
                                        "s.tfstate",
                                        "{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"x\",\"instances\":{}}]}")))
                .hasMessage("s.tfstate: /resources/0/instances: expected an array of instances, found an object");
        assertThatThrownBy(() -> StateReader.read(StateSource.of(
                        "s.tfstate",
                        "{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"name\":\"x\",\"instances\":[]}]}")))
                .hasMessage("s.tfstate: /resources/0/type: expected a non-empty string, found nothing");
        assertThatThrownBy(() -> StateReader.read(StateSource.of(
                        "s.tfstate",
                        "{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"x\","
                                + "\"instances\":[{\"index_key\":[1],\"attributes\":{}}]}]}")))
                .hasMessage(
                        "s.tfstate: /resources/0/instances/0/index_key: expected a number (count) or a string (for_each), found an array");
        assertThatThrownBy(() -> StateReader.read(StateSource.of(
                        "s.tfstate",
                        "{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"x\","
                                + "\"instances\":[{\"attributes\":\"name\"}]}]}")))
                .hasMessage(
                        "s.tfstate: /resources/0/instances/0/attributes: expected an attributes object, found a string");
    }

    @Test
    void refusesClientSideEncryptedOpenTofuState() {
        assertThatThrownBy(() -> StateReader.read(StateSource.of(
                        "tofu.tfstate", "{\"serial\":1,\"encrypted_data\":\"AAAA\",\"encryption_version\":\"v0\"}")))
                .hasMessageStartingWith("tofu.tfstate: /encrypted_data: OpenTofu state encrypted on the client side");
    }

    @Test
    void readsAnEmptyStateAsNoResources() throws Exception {
        assertThat(StateReader.read(StateSource.of(
                                "e.tfstate", "{\"version\":4,\"terraform_version\":\"1.11.4\",\"resources\":[]}"))
                        .instances())
                .isEmpty();
    }
}
