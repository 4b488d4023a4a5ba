package io.iamdrift.aws;

import io.iamdrift.snapshot.Arns;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Baselines in S3: every object under {@code s3://<bucket>/<prefix><accountId>/} whose key ends in
 * {@code .json} (nested folders included), listed with ListObjectsV2 (all pages) and read with GetObject,
 * recording the version id and ETag of what was read. Needs {@code s3:ListBucket} (with an
 * {@code s3:prefix} condition) and {@code s3:GetObject} on the prefix; {@link #write} needs {@code s3:PutObject}.
 */
public final class S3BaselineStore implements BaselineSource {

    public static final String DEFAULT_PREFIX = "baselines/";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._+=@-]{1,200}\\.json");

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix the baseline prefix ({@code BASELINE_PREFIX}); null or blank means {@value #DEFAULT_PREFIX};
     *               a missing trailing slash is added
     */
    public S3BaselineStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("BASELINE_BUCKET is not set");
        }
        this.bucket = bucket;
        this.prefix = normalizePrefix(prefix);
    }

    static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return DEFAULT_PREFIX;
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The key prefix of one account's baselines, e.g. {@code baselines/123456789012/}. */
    public String accountPrefix(String accountId) {
        if (!Arns.isAccountId(accountId)) {
            throw new IllegalArgumentException("not a 12-digit account id: " + accountId);
        }
        return prefix + accountId + "/";
    }

    @Override
    public String location(String accountId) {
        return "s3://" + bucket + "/" + accountPrefix(accountId);
    }

    @Override
    public List<StoredObject> list(String accountId) {
        String accountPrefix = accountPrefix(accountId);
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(accountPrefix))
                .contents()
                .forEach(o -> {
                    if (o.key().endsWith(".json")) {
                        objects.add(o);
                    }
                });
        List<StoredObject> out = new ArrayList<>(objects.size());
        for (S3Object o : objects) {
            String uri = "s3://" + bucket + "/" + o.key();
            try {
                ResponseBytes<GetObjectResponse> got =
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()));
                GetObjectResponse r = got.response();
                out.add(new StoredObject(
                        uri,
                        o.key(),
                        r.versionId() == null ? "null" : r.versionId(),
                        r.eTag(),
                        r.lastModified(),
                        got.asByteArray(),
                        null));
            } catch (SdkException e) {
                // e.g. deleted between list and get, or KMS access denied: the auditor turns this into BASELINE_INVALID
                out.add(new StoredObject(
                        uri,
                        o.key(),
                        null,
                        o.eTag(),
                        o.lastModified(),
                        null,
                        "cannot read " + uri + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Stores a new captured baseline as {@code <prefix><accountId>/<fileName>} (the capture-baseline action with
     * {@code write=true}), only if no object has that key ({@code If-None-Match: *}).
     *
     * @return the object written, with its new version id (bytes included)
     */
    @Override
    public StoredObject write(String accountId, String fileName, byte[] json) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("baseline file name must be a plain name ending in .json: " + fileName);
        }
        return put(accountPrefix(accountId) + fileName, json, null);
    }

    /**
     * Replaces a baseline object with {@code If-Match} on the ETag that was read; on a versioned bucket the previous
     * content stays as an older version.
     */
    @Override
    public StoredObject replace(StoredObject read, byte[] json) {
        if (read.etag() == null || !read.uri().equals("s3://" + bucket + "/" + read.key())) {
            throw new IllegalArgumentException("not a baseline object read from s3://" + bucket + ": " + read.uri());
        }
        return put(read.key(), json, read.etag());
    }

    private StoredObject put(String key, byte[] json, String expectedEtag) {
        PutObjectResponse r;
        try {
            r = s3.putObject(
                    b -> {
                        b.bucket(bucket).key(key).contentType("application/json");
                        if (expectedEtag == null) {
                            b.ifNoneMatch("*");
                        } else {
                            b.ifMatch(expectedEtag);
                        }
                    },
                    RequestBody.fromBytes(json));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw new IllegalStateException(
                        "s3://" + bucket + "/" + key + " was " + (expectedEtag == null ? "created" : "changed")
                                + " by another writer meanwhile: nothing written, capture again",
                        e);
            }
            throw e;
        }
        return new StoredObject(
                "s3://" + bucket + "/" + key,
                key,
                r.versionId() == null ? "null" : r.versionId(),
                r.eTag(),
                null,
                json,
                null);
    }
}
