package io.iamdrift.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.internal.Json;
import io.iamdrift.snapshot.JsonErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Terraform and OpenTofu state files (format version 4) into {@link StateFile}s.
 *
 * <p>Checks {@code version} (only 4: 0.11-era version 3 files have a different shape), the
 * {@code resources[]} entries ({@code mode}, {@code type}, {@code name}, optional {@code module},
 * {@code instances[]} with optional {@code index_key} and an {@code attributes} object), and refuses an
 * OpenTofu client-side encrypted state with a clear message. Data sources are skipped; deposed instances
 * (objects waiting to be destroyed by a create-before-destroy replacement) are skipped too, since the current
 * instance is what the configuration declares. Any other shape is a {@link StateException} naming the file
 * and the JSON pointer.
 */
public final class StateReader {

    /** Files larger than this are rejected before parsing. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private StateReader() {}

    public static StateFile read(StateSource source) throws StateException {
        String name = source.name();
        if (source.content().length > MAX_BYTES) {
            throw new StateException(
                    name,
                    "",
                    "state file is " + source.content().length + " bytes, over the " + MAX_BYTES
                            + "-byte limit; not read");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(source.content());
        } catch (JsonProcessingException e) {
            JsonErrors err = JsonErrors.of(e);
            throw new StateException(name, err.pointer(), "not a state file: " + err.describe());
        } catch (IOException e) {
            throw new StateException(name, "", "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new StateException(name, "", "file is empty (expected a Terraform state JSON object)");
        }
        if (!root.isObject()) {
            throw new StateException(name, "", "expected a JSON object (a Terraform state file), found " + kind(root));
        }
        if (root.has("encrypted_data") || root.has("encryption_version")) {
            throw new StateException(
                    name,
                    "/encrypted_data",
                    "OpenTofu state encrypted on the client side; "
                            + "decrypt it first (e.g. `tofu state pull` with the encryption key configured) and pass the plain file");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new StateException(name, "/version", "missing or non-integer 'version': not a Terraform state file");
        }
        if (version.asInt() != 4) {
            throw new StateException(
                    name,
                    "/version",
                    "state format version " + version.asText() + " is not supported; "
                            + "only version 4 (Terraform 0.12 and later, OpenTofu) is read"
                            + (version.asInt() < 4 ? ": refresh it with a current Terraform or OpenTofu first" : ""));
        }
        JsonNode toolVersion = root.get("terraform_version");
        if (toolVersion != null && !toolVersion.isTextual()) {
            throw new StateException(name, "/terraform_version", "expected a string, found " + kind(toolVersion));
        }
        JsonNode resources = root.get("resources");
        if (resources == null || resources.isNull()) {
            return new StateFile(name, "terraform", text(toolVersion), List.of());
        }
        if (!resources.isArray()) {
            throw new StateException(name, "/resources", "expected an array of resources, found " + kind(resources));
        }
        List<ResourceInstance> out = new ArrayList<>();
        boolean opentofu = false;
        for (int i = 0; i < resources.size(); i++) {
            String at = "/resources/" + i;
            JsonNode r = resources.get(i);
            if (!r.isObject()) {
                throw new StateException(name, at, "expected a resource object, found " + kind(r));
            }
            String mode = requiredText(name, r, at, "mode");
            String type = requiredText(name, r, at, "type");
            String rname = requiredText(name, r, at, "name");
            JsonNode module = r.get("module");
            if (module != null && !module.isTextual()) {
                throw new StateException(
                        name, at + "/module", "expected a module address string, found " + kind(module));
            }
            opentofu |= r.path("provider").asText("").contains("registry.opentofu.org/");
            JsonNode instances = r.get("instances");
            if (instances == null || !instances.isArray()) {
                throw new StateException(
                        name,
                        at + "/instances",
                        "expected an array of instances, found " + (instances == null ? "nothing" : kind(instances)));
            }
            if (!mode.equals("managed")) {
                if (!mode.equals("data")) {
                    throw new StateException(
                            name, at + "/mode", "unknown mode '" + mode + "' (expected managed or data)");
                }
                continue;
            }
            String base = (module == null ? "" : module.asText() + ".") + type + "." + rname;
            for (int j = 0; j < instances.size(); j++) {
                String iat = at + "/instances/" + j;
                JsonNode inst = instances.get(j);
                if (!inst.isObject()) {
                    throw new StateException(name, iat, "expected an instance object, found " + kind(inst));
                }
                if (inst.hasNonNull("deposed")) {
                    continue;
                }
                String address = base + indexKey(name, inst.get("index_key"), iat);
                JsonNode attributes = inst.get("attributes");
                if (attributes == null && inst.has("attributes_flat")) {
                    throw new StateException(
                            name,
                            iat + "/attributes_flat",
                            "legacy flat attributes (a provider from "
                                    + "before Terraform 0.12) are not read; refresh the state with a current provider");
                }
                if (attributes == null || !attributes.isObject()) {
                    throw new StateException(
                            name,
                            iat + "/attributes",
                            "expected an attributes object, found "
                                    + (attributes == null ? "nothing" : kind(attributes)));
                }
                out.add(new ResourceInstance(address, type, attributes, iat));
            }
        }
        return new StateFile(name, opentofu ? "opentofu" : "terraform", text(toolVersion), out);
    }

    private static String indexKey(String name, JsonNode key, String at) throws StateException {
        if (key == null || key.isNull()) {
            return "";
        }
        if (key.isIntegralNumber()) {
            return "[" + key.asLong() + "]";
        }
        if (key.isTextual()) {
            return "[\"" + key.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        throw new StateException(
                name, at + "/index_key", "expected a number (count) or a string (for_each), found " + kind(key));
    }

    private static String requiredText(String name, JsonNode r, String at, String field) throws StateException {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new StateException(
                    name, at + "/" + field, "expected a non-empty string, found " + (v == null ? "nothing" : kind(v)));
        }
        return v.asText();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
