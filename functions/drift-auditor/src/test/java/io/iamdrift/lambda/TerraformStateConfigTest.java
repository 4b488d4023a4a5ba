package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerraformStateConfigTest {

    @Test
    void isOffWithoutTheBucket() {
        assertThat(TerraformStateConfig.fromEnvironment(Map.of("TERRAFORM_STATE_PREFIX", "tz/v1/")))
                .isNull();
    }

    @Test
    void readsTheBucketKeysAndPrefix() {
        TerraformStateConfig c = TerraformStateConfig.fromEnvironment(Map.of(
                "TERRAFORM_STATE_BUCKET",
                "state",
                "TERRAFORM_STATE_KEYS",
                " freescout/terraform.tfstate, ,other/terraform.tfstate",
                "TERRAFORM_STATE_PREFIX",
                "tz/v1/"));
        assertThat(c.bucket()).isEqualTo("state");
        assertThat(c.keys()).containsExactly("freescout/terraform.tfstate", "other/terraform.tfstate");
        assertThat(c.prefix()).isEqualTo("tz/v1/");
    }
}
