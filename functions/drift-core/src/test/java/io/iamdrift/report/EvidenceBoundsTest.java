package io.iamdrift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.catalog.ActionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceBoundsTest {

    @Test
    void everyActionOfTheCatalogIsWrittenAsOneStarAndStaysSmall() {
        List<String> all = ActionCatalog.defaults().actions().stream()
                .map(a -> a.servicePrefix() + ":" + a.name())
                .toList();
        assertThat(all.size()).isGreaterThan(15_000);
        JsonNode evidence =
                FindingJson.toJson(Map.of("added", List.of(Map.of("actions", all, "resources", List.of("*")))));

        JsonNode bounded = EvidenceBounds.bound(evidence);

        assertThat(bounded.at("/added/0/actions").toString()).isEqualTo("[\"*\"]");
    }

    @Test
    void mostOfTheCatalogCollapsesPerServiceWithCountsUnder16KB() {
        List<String> most = ActionCatalog.defaults().actions().stream()
                .map(a -> a.servicePrefix() + ":" + a.name())
                .filter(a -> !a.startsWith("s3:Get"))
                .toList();
        JsonNode evidence = FindingJson.toJson(
                Map.of("grantsBeyondBaseline", List.of(Map.of("actions", most, "resources", List.of("*")))));
        assertThat(EvidenceBounds.size(evidence)).isGreaterThan(300_000);

        JsonNode bounded = EvidenceBounds.bound(evidence);

        assertThat(EvidenceBounds.size(bounded)).isLessThanOrEqualTo(EvidenceBounds.MAX_BYTES);
        assertThat(bounded.at("/grantsBeyondBaseline/0/actions").toString())
                .contains("iam:*")
                .contains("s3: ");
    }

    @Test
    void evidenceStillTooLargeHasItsLongestListCutSayingHowMuchWasLeftOut() {
        List<String> arns = java.util.stream.IntStream.range(0, 5_000)
                .mapToObj(i -> "arn:aws:s3:::bucket-number-" + i + "/*")
                .toList();
        JsonNode bounded = EvidenceBounds.bound(FindingJson.toJson(Map.of("resources", arns, "verdict", "WIDENED")));

        assertThat(EvidenceBounds.size(bounded)).isLessThanOrEqualTo(EvidenceBounds.MAX_BYTES);
        JsonNode list = bounded.get("resources");
        assertThat(list.get(list.size() - 1).asText())
                .matches("\\.\\.\\. \\d+ more \\(evidence is limited to 16 KB\\)");
        int kept = list.size() - 1;
        int left = Integer.parseInt(list.get(kept).asText().split(" ")[1]);
        assertThat(kept + left).isEqualTo(5_000);
        assertThat(bounded.get("verdict").asText()).isEqualTo("WIDENED");
    }

    @Test
    void shortListsAreLeftAsTheyAre() {
        JsonNode evidence = FindingJson.toJson(Map.of("actions", List.of("s3:GetObject", "s3:PutObject")));

        assertThat(EvidenceBounds.bound(evidence)).isEqualTo(evidence);
    }
}
