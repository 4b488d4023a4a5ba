package io.iamdrift.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of the IAM credential report.
 *
 * @param user the user name ({@code <root_account>} for the root user)
 * @param passwordLastUsed {@code null} when never used or unknown
 * @param keys one entry per access key slot in the report (normally 1 and 2), in slot order
 */
public record CredentialRow(
        String user,
        String arn,
        boolean passwordEnabled,
        Instant passwordLastUsed,
        boolean mfaActive,
        List<AccessKeyStatus> keys) {

    public CredentialRow {
        Objects.requireNonNull(user, "user");
        keys = Snapshots.list(keys);
    }

    /** The slots whose key is active. */
    public List<AccessKeyStatus> activeKeys() {
        return keys.stream().filter(AccessKeyStatus::active).toList();
    }
}
