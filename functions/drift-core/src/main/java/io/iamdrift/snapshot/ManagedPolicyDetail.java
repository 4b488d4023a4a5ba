package io.iamdrift.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * A managed policy (customer- or AWS-managed) with the versions the snapshot holds.
 *
 * @param awsManaged whether the ARN's account field is {@code aws} ({@code arn:aws:iam::aws:policy/...})
 */
public record ManagedPolicyDetail(
        String name,
        String policyId,
        String arn,
        String path,
        String defaultVersionId,
        int attachmentCount,
        boolean awsManaged,
        List<PolicyVersion> versions) {

    public ManagedPolicyDetail {
        Objects.requireNonNull(arn, "arn");
        versions = Snapshots.list(versions);
    }

    /** The default version: the one flagged default, else the one whose id is {@link #defaultVersionId()}. */
    public PolicyVersion defaultVersion() {
        PolicyVersion byId = null;
        for (PolicyVersion v : versions) {
            if (v.isDefault()) {
                return v;
            }
            if (byId == null && v.versionId() != null && v.versionId().equals(defaultVersionId)) {
                byId = v;
            }
        }
        return byId;
    }

    /** The decoded JSON text of the default version's document, or {@code null} when the snapshot lacks it. */
    public String defaultDocument() {
        PolicyVersion v = defaultVersion();
        return v == null ? null : v.document();
    }

    /** Whether an ARN names an AWS-managed policy ({@code arn:<partition>:iam::aws:policy/...}). */
    public static boolean isAwsManagedArn(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":iam::aws:policy/");
    }
}
