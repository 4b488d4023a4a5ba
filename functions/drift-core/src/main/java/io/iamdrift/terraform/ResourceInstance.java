package io.iamdrift.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One instance of a managed resource in a state file.
 *
 * @param address the resource address, e.g. {@code module.ci.aws_iam_user.deployer["prod"]}
 * @param type the resource type, e.g. {@code aws_iam_user}
 * @param attributes the instance's {@code attributes} object
 * @param pointer the JSON pointer of the instance in its file, e.g. {@code /resources/3/instances/0}
 */
public record ResourceInstance(String address, String type, JsonNode attributes, String pointer) {

    public ResourceInstance {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(pointer, "pointer");
    }
}
