package io.iamdrift.aws;

import io.iamdrift.organization.AccountResult;
import io.iamdrift.organization.RunManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An organization run in S3, under {@code reports/org/<runId>/}: {@code expected.json} (the manifest, written by the
 * hub before any message), {@code accounts/<accountId>.json} (one result per member audit), {@code summary.json}
 * and {@code summary.md}; then {@code reports/org/latest.json}.
 *
 * <p>The summary is created with {@code If-None-Match: *}: of several members that see the set complete at once,
 * exactly one creates it (S3 answers the others 412), and only that one alerts. S3 lists are strongly consistent,
 * so the last member to write its result always sees the complete set.
 */
public final class S3OrgRunStore {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final S3Client s3;
    private final String bucket;
    private final String root;

    public S3OrgRunStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("REPORT_BUCKET (or BASELINE_BUCKET) is not set");
        }
        this.bucket = bucket;
        this.root = "reports/org/";
    }

    public String runPrefix(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must match " + RUN_ID + ": " + runId);
        }
        return root + runId + "/";
    }

    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    public String summaryKey(String runId) {
        return runPrefix(runId) + "summary.json";
    }

    /** Where the hub keeps the SCPs and RCPs over one member account for a run. */
    public String guardrailsKey(String runId, String accountId) {
        return runPrefix(runId) + "guardrails/" + accountId + ".json";
    }

    public String resultKey(String runId, String accountId) {
        return runPrefix(runId) + "accounts/" + accountId + ".json";
    }

    public void putManifest(RunManifest manifest) {
        put(runPrefix(manifest.runId()) + "expected.json", manifest.toJson(), "application/json");
    }

    public Optional<RunManifest> manifest(String runId) {
        String key = runPrefix(runId) + "expected.json";
        return get(key).map(json -> RunManifest.fromJson(json, uri(key)));
    }

    /** The organization policies the hub collected for an account (or {@code {"collectionError": ...}}). */
    public void putGuardrails(String runId, String accountId, String json) {
        put(guardrailsKey(runId, accountId), json, "application/json");
    }

    public Optional<String> guardrails(String runId, String accountId) {
        return get(guardrailsKey(runId, accountId));
    }

    public String putResult(AccountResult result) {
        String key = resultKey(result.runId(), result.accountId());
        put(key, result.toJson(), "application/json");
        return uri(key);
    }

    public Optional<AccountResult> result(String runId, String accountId) {
        String key = resultKey(runId, accountId);
        return get(key).map(json -> AccountResult.fromJson(json, uri(key)));
    }

    /** Account ids with a result (every page of the listing). */
    public Set<String> reported(String runId) {
        String prefix = runPrefix(runId) + "accounts/";
        Set<String> ids = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()
                .forEach(o -> {
                    String name = o.key().substring(prefix.length());
                    if (name.endsWith(".json")) {
                        ids.add(name.substring(0, name.length() - ".json".length()));
                    }
                });
        return ids;
    }

    /** Every result of the run, read 16 at a time; an unreadable one fails the call (the member retries). */
    public List<AccountResult> results(String runId, Set<String> accountIds) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, accountIds.size())));
        try {
            List<Future<Optional<AccountResult>>> futures = new ArrayList<>();
            accountIds.forEach(id -> futures.add(pool.submit(() -> result(runId, id))));
            List<AccountResult> out = new ArrayList<>();
            for (Future<Optional<AccountResult>> f : futures) {
                f.get().ifPresent(out::add);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the results of run " + runId, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The stored summary JSON, if the run has one. */
    public Optional<String> summary(String runId) {
        return get(summaryKey(runId));
    }

    /**
     * Creates the run's summary unless it exists.
     *
     * @return true when this call created it; false when another writer already had
     */
    public boolean createSummary(String runId, String json, String markdown) {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(summaryKey(runId))
                            .contentType("application/json")
                            .ifNoneMatch("*")
                            .build(),
                    RequestBody.fromString(json, StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
        put(runPrefix(runId) + "summary.md", markdown, "text/markdown; charset=utf-8");
        put(root + "latest.json", json, "application/json");
        return true;
    }

    private Optional<String> get(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private void put(String key, String body, String contentType) {
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }
}
