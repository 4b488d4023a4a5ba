package io.iamdrift.aws;

import io.iamdrift.snapshot.Arns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reports in S3 (contract 9): {@code reports/<accountId>/<yyyy>/<mm>/<dd>/<runId>.json} and {@code .md}
 * (UTC date of the run's start), then, for a run of the whole account, {@code reports/<accountId>/latest.json}.
 * The dated JSON is written first, so {@code latest.json} never points past a report that does not exist.
 */
public final class S3ReportStore implements ReportSink {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final S3Client s3;
    private final String bucket;
    private final String root;

    public S3ReportStore(S3Client s3, String bucket) {
        this(s3, bucket, "reports/");
    }

    public S3ReportStore(S3Client s3, String bucket, String root) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("REPORT_BUCKET (or BASELINE_BUCKET) is not set");
        }
        this.bucket = bucket;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** The key of a run's JSON report (without extension handling: ends in {@code .json}). */
    public String reportKey(String accountId, String runId, Instant startedAt) {
        check(accountId, runId);
        ZonedDateTime t = startedAt.atZone(ZoneOffset.UTC);
        return String.format(
                "%s%s/%04d/%02d/%02d/%s.json",
                root, accountId, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), runId);
    }

    public String latestKey(String accountId) {
        check(accountId, "latest");
        return root + accountId + "/latest.json";
    }

    @Override
    public StoredReport store(
            String accountId, String runId, Instant startedAt, String json, String markdown, boolean full) {
        String jsonKey = reportKey(accountId, runId, startedAt);
        String mdKey = jsonKey.substring(0, jsonKey.length() - ".json".length()) + ".md";
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        put(jsonKey, jsonBytes, "application/json");
        String md = null;
        if (markdown != null) {
            put(mdKey, markdown.getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
            md = uri(mdKey);
        }
        if (!full) {
            return new StoredReport(uri(jsonKey), md, null);
        }
        String latestKey = latestKey(accountId);
        put(latestKey, jsonBytes, "application/json");
        return new StoredReport(uri(jsonKey), md, uri(latestKey));
    }

    private void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static void check(String accountId, String runId) {
        if (!Arns.isAccountId(accountId)) {
            throw new IllegalArgumentException("not a 12-digit account id: " + accountId);
        }
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must match " + RUN_ID + ": " + runId);
        }
    }
}
