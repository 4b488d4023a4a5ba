package io.iamdrift.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads Terraform/OpenTofu state objects from the state bucket, read-only: the given keys, and every object
 * under the prefix whose key ends in {@code .tfstate} (the seeds' layout: {@code freescout/terraform.tfstate},
 * {@code tz/v1/<profile>/<app>/<env>/tofu.tfstate}; S3-backend workspaces under {@code env:/} included).
 * An object that cannot be read comes back with {@link StoredObject#error()} set (the auditor raises
 * BASELINE_INVALID for it); a failed listing propagates.
 */
public final class S3TerraformStateStore {

    /** The file name suffix of state objects found under a prefix. */
    public static final String SUFFIX = ".tfstate";

    private final S3Client s3;
    private final String bucket;
    private final List<String> keys;
    private final String prefix;

    /**
     * @param keys   exact object keys ({@code TERRAFORM_STATE_KEYS})
     * @param prefix a key prefix to search for {@code *.tfstate} ({@code TERRAFORM_STATE_PREFIX}), or null for
     *               none; with neither keys nor prefix, the whole bucket is searched
     */
    public S3TerraformStateStore(S3Client s3, String bucket, List<String> keys, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("TERRAFORM_STATE_BUCKET is not set");
        }
        this.bucket = bucket;
        this.keys = List.copyOf(keys);
        this.prefix = prefix == null && keys.isEmpty() ? "" : prefix;
    }

    /** e.g. {@code s3://state-bucket/tz/v1/ (*.tfstate), s3://state-bucket/freescout/terraform.tfstate}. */
    public String location() {
        List<String> parts = new ArrayList<>();
        if (prefix != null) {
            parts.add("s3://" + bucket + "/" + prefix + " (*" + SUFFIX + ")");
        }
        keys.forEach(k -> parts.add("s3://" + bucket + "/" + k));
        return String.join(", ", parts);
    }

    /** Every configured state object, keys first, then the prefix's in key order (no key twice). */
    public List<StoredObject> read() {
        List<String> all = new ArrayList<>(keys);
        if (prefix != null) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(o -> {
                        if (o.key().endsWith(SUFFIX) && !all.contains(o.key())) {
                            all.add(o.key());
                        }
                    });
        }
        List<StoredObject> out = new ArrayList<>(all.size());
        for (String key : all) {
            out.add(get(s3, bucket, key));
        }
        return out;
    }

    /** One object, by {@code s3://bucket/key}. */
    public static StoredObject get(S3Client s3, String uri) {
        if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0 || uri.endsWith("/")) {
            throw new IllegalArgumentException("not an S3 object URI (s3://bucket/key): " + uri);
        }
        int slash = uri.indexOf('/', 5);
        return get(s3, uri.substring(5, slash), uri.substring(slash + 1));
    }

    private static StoredObject get(S3Client s3, String bucket, String key) {
        String uri = "s3://" + bucket + "/" + key;
        try {
            ResponseBytes<GetObjectResponse> got =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            GetObjectResponse r = got.response();
            return new StoredObject(
                    uri,
                    key,
                    r.versionId() == null ? "null" : r.versionId(),
                    r.eTag(),
                    r.lastModified(),
                    got.asByteArray(),
                    null);
        } catch (SdkException e) {
            return new StoredObject(uri, key, null, null, null, null, "cannot read " + uri + ": " + e.getMessage());
        }
    }
}
