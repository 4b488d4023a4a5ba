package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the baseline loader: any bytes give baselines or problems naming the file, never an exception; a
 * file with problems contributes no baseline; the fast read ({@link BaselineStream}) builds what the whole-tree
 * read builds, or gives up whenever that read finds a problem.
 */
class BaselineLoaderFuzzTest {

    private static final BaselineLoader LOADER = new BaselineLoader();

    @FuzzTest(maxDuration = "20s")
    void loadsOrReportsProblemsNeverThrows(byte[] input) {
        BaselineSet set = LOADER.loadAll(List.of(new BaselineSource("fuzz.json", input)));
        assertThat(set.problems()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("fuzz.json");
            assertThat(p.reason()).isNotBlank();
        });
        if (!set.problems().isEmpty()) {
            assertThat(set.baselines()).isEmpty();
        }
        BaselineLoader.Loaded tree = LOADER.treeRead("fuzz.json", input);
        Baseline streamed = BaselineStream.read("fuzz.json", input, TerraformActions.defaults());
        assertThat(streamed).isEqualTo(tree.problems().isEmpty() ? tree.baseline() : null);
    }
}
