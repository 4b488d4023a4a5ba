package io.iamdrift.snapshot;

import java.time.Instant;

/**
 * One version of a managed policy.
 *
 * @param document the decoded JSON text of the document ({@code null} if the source omitted it)
 * @param createDate {@code null} when unknown
 */
public record PolicyVersion(String versionId, boolean isDefault, String document, Instant createDate) {}
