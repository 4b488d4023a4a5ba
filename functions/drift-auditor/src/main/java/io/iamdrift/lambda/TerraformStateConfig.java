package io.iamdrift.lambda;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the live audit reads Terraform/OpenTofu state on each run (contract section 7), when
 * {@code TERRAFORM_STATE_BUCKET} is set.
 *
 * @param bucket {@code TERRAFORM_STATE_BUCKET}
 * @param keys {@code TERRAFORM_STATE_KEYS}: comma-separated object keys, e.g. {@code freescout/terraform.tfstate}
 * @param prefix {@code TERRAFORM_STATE_PREFIX}: every {@code *.tfstate} under it, e.g. {@code tz/v1/}; null when
 *     unset (with neither keys nor prefix the whole bucket is searched)
 */
public record TerraformStateConfig(String bucket, List<String> keys, String prefix) {

    public TerraformStateConfig {
        keys = List.copyOf(keys);
    }

    /** The configuration, or {@code null} when {@code TERRAFORM_STATE_BUCKET} is not set. */
    public static TerraformStateConfig fromEnvironment(Map<String, String> env) {
        String bucket = value(env, "TERRAFORM_STATE_BUCKET");
        if (bucket == null) {
            return null;
        }
        String keys = value(env, "TERRAFORM_STATE_KEYS");
        List<String> list = keys == null
                ? List.of()
                : Arrays.stream(keys.split(","))
                        .map(String::strip)
                        .filter(k -> !k.isEmpty())
                        .toList();
        return new TerraformStateConfig(bucket, list, value(env, "TERRAFORM_STATE_PREFIX"));
    }

    private static String value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
