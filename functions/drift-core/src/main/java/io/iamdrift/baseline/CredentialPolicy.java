package io.iamdrift.baseline;

/**
 * What a deployer user's credentials may look like.
 *
 * @param consoleAccess whether a console password is allowed (default false)
 * @param maxAccessKeyAgeDays the age past which an active key is stale (default 90)
 * @param maxActiveAccessKeys how many keys may be active at once (default 1)
 */
public record CredentialPolicy(boolean consoleAccess, int maxAccessKeyAgeDays, int maxActiveAccessKeys) {

    public static final CredentialPolicy DEFAULT = new CredentialPolicy(false, 90, 1);
}
