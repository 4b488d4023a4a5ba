package io.iamdrift.baseline;

import java.util.List;
import java.util.Objects;

/**
 * One baseline file.
 *
 * @param source the file name or S3 URI it was read from
 * @param accountId the account it describes, or {@code null} when the file does not say
 * @param environment e.g. {@code prod}, or {@code null}
 * @param discovery how unnamed deployers are found ({@link Discovery#NONE} when the file has no rules)
 * @param groups (extension) the expected policies of the groups its users belong to; empty when the file has no
 *     {@code groups} section (the groups' policies are then not compared: today's are taken as expected)
 */
public record Baseline(
        String source,
        String accountId,
        String environment,
        Discovery discovery,
        List<PrincipalBaseline> principals,
        List<GroupBaseline> groups) {

    public Baseline {
        Objects.requireNonNull(source, "source");
        discovery = discovery == null ? Discovery.NONE : discovery;
        principals = Lists.copy(principals);
        groups = Lists.copy(groups);
    }
}
