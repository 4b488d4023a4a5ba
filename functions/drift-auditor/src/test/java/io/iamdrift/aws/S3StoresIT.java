package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.aws.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

@ExtendWith(MotoServer.class)
class S3StoresIT {

    static final String BUCKET = "iam-drift-test";
    static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    static AwsClients clients;
    static S3Client s3;

    @BeforeAll
    static void setUp(MotoServer.Endpoint moto) {
        clients = moto.clients();
        s3 = clients.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putBucketVersioning(
                b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    @AfterAll
    static void tearDown() {
        clients.close();
    }

    static String put(String key, String body) {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body))
                .versionId();
    }

    @Test
    void listsEveryJsonBaselineOfTheAccountWithTheVersionRead() {
        put("baselines/" + ACCOUNT + "/deployers.json", "{\"v\":1}");
        String v2 = put("baselines/" + ACCOUNT + "/deployers.json", "{\"v\":2}");
        String nested = put("baselines/" + ACCOUNT + "/team-a/ci.json", "{\"team\":\"a\"}");
        put("baselines/" + ACCOUNT + "/README.md", "not a baseline");
        put("baselines/210987654321/other.json", "{}");
        put("baselines/" + ACCOUNT + "0/near-miss.json", "{}");

        S3BaselineStore store = new S3BaselineStore(s3, BUCKET, "baselines");
        List<StoredObject> objects = store.list(ACCOUNT);

        assertThat(objects)
                .extracting(StoredObject::key)
                .containsExactly(
                        "baselines/" + ACCOUNT + "/deployers.json", "baselines/" + ACCOUNT + "/team-a/ci.json");
        StoredObject deployers = objects.get(0);
        assertThat(deployers.versionId()).isEqualTo(v2);
        assertThat(deployers.text()).isEqualTo("{\"v\":2}");
        assertThat(deployers.etag()).isNotBlank();
        assertThat(deployers.uri()).isEqualTo("s3://" + BUCKET + "/baselines/" + ACCOUNT + "/deployers.json");
        assertThat(deployers.readable()).isTrue();
        assertThat(objects.get(1).versionId()).isEqualTo(nested);
        assertThat(store.location(ACCOUNT)).isEqualTo("s3://" + BUCKET + "/baselines/" + ACCOUNT + "/");

        assertThatThrownBy(() -> store.write(ACCOUNT, "deployers.json", "{\"v\":3}".getBytes(StandardCharsets.UTF_8)))
                .as("a new baseline never overwrites one")
                .hasMessageContaining("deployers.json");
        StoredObject written = store.replace(deployers, "{\"v\":3}".getBytes(StandardCharsets.UTF_8));
        assertThat(written.versionId()).isNotEqualTo(v2);
        assertThatThrownBy(() -> store.replace(deployers, "{\"v\":4}".getBytes(StandardCharsets.UTF_8)))
                .as("replacing what another writer changed since it was read")
                .hasMessageContaining("changed by another writer");
        var versions = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("baselines/" + ACCOUNT + "/deployers.json"));
        assertThat(versions.versions()).hasSize(3);
        assertThat(store.list(ACCOUNT).get(0).versionId()).isEqualTo(written.versionId());
    }

    @Test
    void emptyPrefixIsAnEmptyListNotAnError() {
        assertThat(new S3BaselineStore(s3, BUCKET, null).list("999999999999")).isEmpty();
    }

    @Test
    void writesReportsUnderDatedKeysAndLatest() {
        S3ReportStore store = new S3ReportStore(s3, BUCKET);
        Instant started = Instant.parse("2026-03-07T23:59:58Z");
        ReportSink.StoredReport r =
                store.store(ACCOUNT, "run-0001", started, "{\"runId\":\"run-0001\"}", "# Report\n", true);

        String base = "reports/" + ACCOUNT + "/2026/03/07/run-0001";
        assertThat(r.json()).isEqualTo("s3://" + BUCKET + "/" + base + ".json");
        assertThat(r.markdown()).isEqualTo("s3://" + BUCKET + "/" + base + ".md");
        assertThat(r.latest()).isEqualTo("s3://" + BUCKET + "/reports/" + ACCOUNT + "/latest.json");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + ".json"))
                        .asUtf8String())
                .isEqualTo("{\"runId\":\"run-0001\"}");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + ".md")).asUtf8String())
                .isEqualTo("# Report\n");
        var latest = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/" + ACCOUNT + "/latest.json"));
        assertThat(latest.asUtf8String()).isEqualTo("{\"runId\":\"run-0001\"}");
        assertThat(latest.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void alertStateUsesConditionalWrites() {
        S3AlertStateStore store = new S3AlertStateStore(s3, BUCKET);
        String account = "111122223333";
        assertThat(store.read(account)).isEmpty();

        String tag1 = store.write(account, bytes("{\"n\":1}"), null);
        assertThat(tag1).isNotBlank();
        // a second creator loses
        assertThatThrownBy(() -> store.write(account, bytes("{\"n\":\"other\"}"), null))
                .isInstanceOf(AlertStateStore.ConcurrentModificationException.class)
                .hasMessageContaining("state/" + account + "/alerts.json");

        AlertStateStore.Versioned read = store.read(account).orElseThrow();
        assertThat(new String(read.json(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(read.tag()).isEqualTo(tag1);

        // run A and run B both read tag1; A writes first, B's write must fail instead of losing A's update
        String tagA = store.write(account, bytes("{\"n\":2}"), read.tag());
        assertThat(tagA).isNotEqualTo(tag1);
        assertThatThrownBy(() -> store.write(account, bytes("{\"n\":\"B\"}"), read.tag()))
                .isInstanceOf(AlertStateStore.ConcurrentModificationException.class);
        assertThat(new String(store.read(account).orElseThrow().json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":2}");

        // B re-reads and succeeds
        String tagB = store.write(
                account, bytes("{\"n\":3}"), store.read(account).orElseThrow().tag());
        assertThat(store.read(account).orElseThrow().tag()).isEqualTo(tagB);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
