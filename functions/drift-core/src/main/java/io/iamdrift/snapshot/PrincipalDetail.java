package io.iamdrift.snapshot;

import io.iamdrift.finding.PrincipalRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What users and roles have in common: the policies that grant them permissions. */
public sealed interface PrincipalDetail permits UserDetail, RoleDetail {

    PrincipalKind kind();

    String name();

    String arn();

    String path();

    Instant createDate();

    List<AttachedPolicy> attachedPolicies();

    List<InlinePolicy> inlinePolicies();

    /** The permissions boundary policy ARN, or {@code null} when none is set. */
    String permissionsBoundaryArn();

    Map<String, String> tags();

    default PrincipalRef ref() {
        return new PrincipalRef(kind().json(), name(), arn());
    }
}
