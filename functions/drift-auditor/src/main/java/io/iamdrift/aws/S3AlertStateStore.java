package io.iamdrift.aws;

import io.iamdrift.snapshot.Arns;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Alert state at {@code state/<accountId>/alerts.json}, replaced with S3 conditional writes: {@code If-Match:
 * <etag>} when replacing, {@code If-None-Match: *} when creating. A 412 (Precondition Failed) or 409
 * (ConditionalRequestConflict, a concurrent conditional write in flight) becomes
 * {@link AlertStateStore.ConcurrentModificationException}.
 */
public final class S3AlertStateStore implements AlertStateStore {

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final String fileName;

    public S3AlertStateStore(S3Client s3, String bucket) {
        this(s3, bucket, "state/");
    }

    public S3AlertStateStore(S3Client s3, String bucket, String root) {
        this(s3, bucket, root, "alerts.json");
    }

    /**
     * Any per-account state document under {@code <root><accountId>/<fileName>} with the same conditional writes,
     * e.g. {@code state/<accountId>/baselines.json}, what the last run saw of the baselines.
     */
    public S3AlertStateStore(S3Client s3, String bucket, String root, String fileName) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("state bucket is not set");
        }
        this.bucket = bucket;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    public String key(String accountId) {
        if (!Arns.isAccountId(accountId)) {
            throw new IllegalArgumentException("not a 12-digit account id: " + accountId);
        }
        return root + accountId + "/" + fileName;
    }

    @Override
    public Optional<Versioned> read(String accountId) {
        String key = key(accountId);
        try {
            ResponseBytes<GetObjectResponse> got =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(new Versioned(got.asByteArray(), got.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String write(String accountId, byte[] json, String expectedTag) {
        String key = key(accountId);
        PutObjectRequest.Builder req =
                PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
        if (expectedTag == null) {
            req.ifNoneMatch("*");
        } else {
            req.ifMatch(expectedTag);
        }
        try {
            return s3.putObject(req.build(), RequestBody.fromBytes(json)).eTag();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw new ConcurrentModificationException(
                        "s3://" + bucket + "/" + key + " changed since it was read ("
                                + (expectedTag == null ? "it now exists" : "expected ETag " + expectedTag) + "): "
                                + e.awsErrorDetails().errorCode(),
                        e);
            }
            throw e;
        }
    }
}
