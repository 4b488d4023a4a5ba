package io.iamdrift.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One object read from a store, pinned to the version that was read.
 *
 * @param uri          {@code s3://bucket/key}
 * @param key          the object key
 * @param versionId    the S3 version id read ({@code "null"} when the bucket is not versioned), or null if unknown
 * @param etag         the ETag as S3 returns it (with its quotes)
 * @param lastModified when the version was written, if known
 * @param bytes        the content; empty when {@code error} is set
 * @param error        why the object could not be read, or null
 */
public record StoredObject(
        String uri, String key, String versionId, String etag, Instant lastModified, byte[] bytes, String error) {

    public StoredObject {
        bytes = bytes == null ? new byte[0] : bytes;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public boolean readable() {
        return error == null;
    }
}
