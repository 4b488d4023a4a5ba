package io.iamdrift.snapshot;

import java.time.Instant;

/**
 * One access key slot of a credential report row.
 *
 * @param slot 1 or 2 (the report's {@code access_key_<slot>_*} columns)
 * @param lastRotated {@code null} when the report says N/A (no key in this slot)
 * @param lastUsed {@code null} when never used (or unknown)
 */
public record AccessKeyStatus(int slot, boolean active, Instant lastRotated, Instant lastUsed) {}
