package io.iamdrift.terraform;

import java.util.List;
import java.util.Objects;

/**
 * One state file, format version 4 (Terraform 0.12 and later, OpenTofu).
 *
 * @param source the file name or S3 URI
 * @param tool {@code terraform} or {@code opentofu} (from the providers' registry host)
 * @param toolVersion {@code terraform_version}, which OpenTofu also writes (with its own version)
 * @param instances every instance of every managed resource, in file order
 */
public record StateFile(String source, String tool, String toolVersion, List<ResourceInstance> instances) {

    public StateFile {
        Objects.requireNonNull(source, "source");
        instances = List.copyOf(instances);
    }
}
