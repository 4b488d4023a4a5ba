package io.iamdrift.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM user as {@code GetAccountAuthorizationDetails} describes it.
 *
 * @param groups names of the groups the user belongs to
 * @param permissionsBoundaryArn {@code null} when the user has no boundary
 * @param createDate {@code null} when unknown
 */
public record UserDetail(
        String name,
        String userId,
        String arn,
        String path,
        Instant createDate,
        List<AttachedPolicy> attachedPolicies,
        List<InlinePolicy> inlinePolicies,
        List<String> groups,
        String permissionsBoundaryArn,
        Map<String, String> tags)
        implements PrincipalDetail {

    public UserDetail {
        Objects.requireNonNull(name, "name");
        attachedPolicies = Snapshots.list(attachedPolicies);
        inlinePolicies = Snapshots.list(inlinePolicies);
        groups = Snapshots.list(groups);
        tags = Snapshots.map(tags);
    }

    @Override
    public PrincipalKind kind() {
        return PrincipalKind.USER;
    }
}
