package io.iamdrift.snapshot;

import java.util.List;
import java.util.Objects;

/** An IAM group and the policies it grants to its members. */
public record GroupDetail(
        String name,
        String groupId,
        String arn,
        String path,
        List<AttachedPolicy> attachedPolicies,
        List<InlinePolicy> inlinePolicies) {

    public GroupDetail {
        Objects.requireNonNull(name, "name");
        attachedPolicies = Snapshots.list(attachedPolicies);
        inlinePolicies = Snapshots.list(inlinePolicies);
    }
}
