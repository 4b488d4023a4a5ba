package io.iamdrift.snapshot;

/**
 * Which account a snapshot file describes, from its envelope's {@code accountId} and its entities' ARNs. Two
 * accounts in one file are refused (naming both places): which account to audit would be a guess.
 */
final class AccountEvidence {

    private final JsonCursor cursor;
    private String account;
    private JsonPointer from;
    private boolean fromEnvelope;

    AccountEvidence(JsonCursor cursor) {
        this.cursor = cursor;
    }

    String account() {
        return account;
    }

    /** The envelope's {@code accountId}. */
    void envelope(String id, JsonPointer at) throws SnapshotException {
        if (!Arns.isAccountId(id)) {
            throw cursor.shape(at, "expected a 12-digit account id, found \"" + id + "\"");
        }
        if (account != null && !account.equals(id)) {
            throw cursor.shape(
                    at,
                    fromEnvelope
                            ? "account id " + id + " differs from " + account + " given earlier in the file"
                            : "account id " + id + " differs from the account " + account + " of the ARNs in the file");
        }
        see(id, at, true);
    }

    /** An entity's ARN (users, roles, groups, customer managed policies; AWS managed ones have no account). */
    void arn(String arn, JsonPointer at) throws SnapshotException {
        String acct = Arns.account(arn);
        if (acct == null || acct.equals("aws") || !Arns.isAccountId(acct)) {
            return;
        }
        if (account != null && !account.equals(acct)) {
            throw cursor.shape(
                    at,
                    "ARN " + arn + " is in account " + acct + ", but "
                            + (fromEnvelope
                                    ? "the snapshot is of account " + account
                                    : from + " is in account " + account
                                            + ": a snapshot file holds one account (split it, one file per account)"));
        }
        see(acct, at, false);
    }

    private void see(String id, JsonPointer at, boolean envelope) {
        if (account == null || envelope) {
            account = id;
            from = at;
            fromEnvelope = fromEnvelope || envelope;
        }
    }
}
