package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.internal.Json;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.SnapshotReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deliberately vulnerable account that {@code scripts/build-escalation-corpus.py} builds from the public
 * catalogues: each principal under {@code /corpus/} gets exactly its expected verdict.
 */
class EscalationCorpusTest {

    private static List<Finding> findings;
    private static JsonNode expected;

    @BeforeAll
    static void audit() throws Exception {
        AccountSnapshot snap;
        try (InputStream in = EscalationCorpusTest.class.getResourceAsStream("/escalation-corpus/snapshot.json")) {
            snap = SnapshotReader.read("snapshot.json", in.readAllBytes());
        }
        try (InputStream in = EscalationCorpusTest.class.getResourceAsStream("/escalation-corpus/expected.json")) {
            expected = Json.MAPPER.readTree(in);
        }
        String baseline = "{\"schemaVersion\":1,\"accountId\":\"" + snap.accountId()
                + "\",\"discovery\":{\"pathPrefixes\":[\"/corpus/\"]},\"principals\":[]}";
        findings = Auditor.withDefaults()
                .audit(snap, new BaselineLoader().load("corpus.json", baseline), AuditOptions.defaults())
                .findings();
    }

    static Stream<String> principals() throws Exception {
        try (InputStream in = EscalationCorpusTest.class.getResourceAsStream("/escalation-corpus/expected.json")) {
            List<String> names = new ArrayList<>();
            Json.MAPPER.readTree(in).fieldNames().forEachRemaining(names::add);
            return names.stream();
        }
    }

    private static List<String> paths(String principal) {
        return findings.stream()
                .filter(f -> f.principal().name().equals(principal) && f.type() == FindingType.PRIVILEGE_ESCALATION)
                .map(f -> String.valueOf(((Map<?, ?>) f.evidence().get("path")).get("id")))
                .toList();
    }

    private static boolean admin(String principal) {
        return findings.stream()
                .anyMatch(f -> f.principal().name().equals(principal) && f.type() == FindingType.ADMIN_ACCESS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("principals")
    void eachCorpusPrincipalGetsItsExpectedVerdict(String principal) {
        JsonNode e = expected.get(principal);
        switch (e.get("verdict").asText()) {
            case "admin" -> assertThat(admin(principal)).as("ADMIN_ACCESS").isTrue();
            case "none" -> {
                assertThat(paths(principal)).as("PRIVILEGE_ESCALATION paths").isEmpty();
                assertThat(admin(principal)).as("ADMIN_ACCESS").isFalse();
            }
            default -> {
                List<String> want = new ArrayList<>();
                e.get("paths").forEach(p -> want.add(p.asText()));
                assertThat(paths(principal)).containsAll(want);
                assertThat(admin(principal)).as("ADMIN_ACCESS").isFalse();
            }
        }
    }

    @Test
    void theCorpusHasPositivesAndNegatives() throws Exception {
        assertThat(principals()
                        .map(p -> expected.get(p).get("verdict").asText())
                        .distinct()
                        .toList())
                .contains("escalates", "none", "admin");
    }
}
