package io.iamdrift.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Enters a member account: {@code sts:AssumeRole} on {@code arn:<partition>:iam::<accountId>:role/<roleName>} with
 * the ExternalId, then SDK clients with those credentials (sharing the hub's HTTP client). The session lasts 15
 * minutes (the minimum, and the Lambda's longest run); the SDK does not refresh it.
 */
public final class MemberRoles implements RoleAssumer {

    private final AwsClients hub;
    private final String roleName;
    private final String externalId;

    public MemberRoles(AwsClients hub, String roleName, String externalId) {
        this.hub = Objects.requireNonNull(hub, "hub");
        if (roleName == null || !roleName.matches("[\\w+=,.@/-]{1,64}")) {
            throw new IllegalArgumentException("MEMBER_ROLE_NAME is not an IAM role name: " + roleName);
        }
        if (externalId == null || externalId.length() < 2 || externalId.length() > 1224) {
            throw new IllegalArgumentException("MEMBER_EXTERNAL_ID must be set (2 to 1,224 characters)");
        }
        this.roleName = roleName;
        this.externalId = externalId;
    }

    /** The role ARN in an account, in the hub's partition. */
    public String roleArn(String accountId) {
        return "arn:" + partition(hub.settings().region().id()) + ":iam::" + accountId + ":role/" + roleName;
    }

    @Override
    public AwsClients assume(String accountId, String sessionName) {
        Credentials c = hub.sts()
                .assumeRole(b -> b.roleArn(roleArn(accountId))
                        .externalId(externalId)
                        .roleSessionName(sessionName
                                .replaceAll("[^\\w+=,.@-]", "-")
                                .substring(0, Math.min(64, sessionName.length())))
                        .durationSeconds(900))
                .credentials();
        return hub.withCredentials(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }
}
