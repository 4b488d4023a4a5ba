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

  /** Stores a baseline document for the account (bucket versioning keeps what it replaces); returns where. */
  StoredObject write(String accountId, String fileName, byte[] json);
}
