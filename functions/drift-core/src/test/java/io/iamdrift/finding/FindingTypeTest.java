package io.iamdrift.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTypeTest {

    @Test
    void everyTypeHasADescriptionAndARemediation() {
        for (FindingType t : FindingType.values()) {
            assertThat(t.description()).as(t.name()).isNotBlank().endsWith(".");
            assertThat(t.remediation()).as(t.name()).isNotBlank();
        }
    }

    @Test
    void postureTypesAreTheAccessAndTrustJudgementsOnly() {
        assertThat(Arrays.stream(FindingType.values())
                        .filter(FindingType::isPosture)
                        .map(Enum::name)
                        .toList())
                .containsExactlyInAnyOrder(
                        "ADMIN_ACCESS",
                        "PRIVILEGE_ESCALATION",
                        "WILDCARD_ACTION",
                        "WILDCARD_RESOURCE",
                        "NOT_ACTION_ALLOW",
                        "PASSROLE_UNSCOPED",
                        "MISSING_SID",
                        "UNKNOWN_ACTION",
                        "OIDC_SUBJECT_UNRESTRICTED",
                        "OIDC_SUBJECT_WILDCARD",
                        "OIDC_AUDIENCE_MISSING",
                        "TRUST_ANY_PRINCIPAL",
                        "TRUST_EXTERNAL_ACCOUNT");
    }

    @Test
    void theContractDocumentsEveryType() throws IOException {
        Path contract = Path.of("../../docs/contract.md");
        String text = Files.readString(contract);
        List<String> undocumented = Arrays.stream(FindingType.values())
                .map(Enum::name)
                .filter(n -> !text.contains(n))
                .toList();
        assertThat(undocumented).isEmpty();
    }
}
