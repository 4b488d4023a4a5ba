package io.iamdrift.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM role as {@code GetAccountAuthorizationDetails} describes it.
 *
 * @param trustPolicy the decoded JSON text of the assume-role policy, or {@code null} if the source omitted it
 */
public record RoleDetail(
        String name,
        String roleId,
        String arn,
        String path,
        Instant createDate,
        String trustPolicy,
        List<AttachedPolicy> attachedPolicies,
        List<InlinePolicy> inlinePolicies,
        String permissionsBoundaryArn,
        Map<String, String> tags)
        implements PrincipalDetail {

    public RoleDetail {
        Objects.requireNonNull(name, "name");
        attachedPolicies = Snapshots.list(attachedPolicies);
        inlinePolicies = Snapshots.list(inlinePolicies);
        tags = Snapshots.map(tags);
    }

    @Override
    public PrincipalKind kind() {
        return PrincipalKind.ROLE;
    }
}
