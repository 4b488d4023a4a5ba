package io.iamdrift.aws;

import java.util.List;

/** Where the live audit reads baselines from: every baseline document stored for one account. */
public interface BaselineSource {

    /**
     * Every baseline object of the account, in key order. A single unreadable object does not fail the call:
     * it comes back with {@link StoredObject#error()} set, so the auditor can raise BASELINE_INVALID for it
     * (fail closed) and still audit against the others. Listing failures propagate.
     */
    List<StoredObject> list(String accountId);

    /** Human-readable location of the account's baselines, e.g. {@code s3://bucket/baselines/123456789012/}. */
    String location(String accountId);

    /** Stores a new baseline document for the account; never replaces an object. Returns where. */
    StoredObject write(String accountId, String fileName, byte[] json);

    /**
     * Replaces a baseline object read by {@link #list}, only if it is still the version that was read (bucket
     * versioning keeps the one it replaces); fails when another writer changed it meanwhile.
     */
    StoredObject replace(StoredObject read, byte[] json);
}
