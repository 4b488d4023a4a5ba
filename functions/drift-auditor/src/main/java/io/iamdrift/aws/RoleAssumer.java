package io.iamdrift.aws;

/** Gives SDK clients acting in a member account. */
@FunctionalInterface
public interface RoleAssumer {

    /**
     * @param sessionName shows in the member account's CloudTrail as the session of the assumed role
     * @return clients with the member's credentials; close them when done
     * @throws software.amazon.awssdk.core.exception.SdkException when the role cannot be assumed
     */
    AwsClients assume(String accountId, String sessionName);
}
