package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Real snapshot files that other open-source tools publish (see src/test/resources/snapshots/public/README.md). */
class PublicSnapshotFilesTest {

    static final Path PUBLIC = Path.of("src/test/resources/snapshots/public");

    @Test
    void readsCloudsplainingsBoto3DumpAsIs() throws Exception {
        AccountSnapshot s =
                SnapshotReader.read(PUBLIC.resolve("cloudsplaining-example_authz_details_for_overrides.json"));

        assertThat(s.accountId()).isEqualTo("012345678901");
        assertThat(s.policies()).singleElement().satisfies(p -> {
            assertThat(p.defaultVersionId()).isEqualTo("v9");
            assertThat(p.versions().get(0).createDate()).isEqualTo(Instant.parse("2020-01-29T23:23:12Z"));
            assertThat(p.defaultDocument()).contains("s3:CreateBucket");
        });
        assertThat(s.missingPages()).isEmpty();
    }

    @Test
    void readsCloudMappersCliOutputAsIs() throws Exception {
        AccountSnapshot s =
                SnapshotReader.read(PUBLIC.resolve("cloudmapper-demo-iam-get-account-authorization-details.json"));

        assertThat(s.accountId()).isEqualTo("123456789012");
        assertThat(s.roles()).extracting(RoleDetail::name).containsExactly("bad_role", "level1", "level3");
        assertThat(s.role("bad_role").orElseThrow().trustPolicy()).contains("\"AWS\":\"*\"");
        assertThat(s.policies())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.versions().get(0).createDate()).isEqualTo(Instant.parse("2019-05-07T18:55:12Z")));
    }
}
