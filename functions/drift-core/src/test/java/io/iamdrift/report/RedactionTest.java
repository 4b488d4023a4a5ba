package io.iamdrift.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksAnAccessKeyIdToItsLastFourCharacters() {
        assertThat(Redaction.text("key AKIAABCDEFGHIJKLWXYZ is old")).isEqualTo("key ****************WXYZ is old");
        assertThat(Redaction.maskAccessKeyId("AKIAABCDEFGHIJKLWXYZ")).isEqualTo("****************WXYZ");
    }

    @Test
    void masksTemporaryKeysAndEveryOccurrence() {
        assertThat(Redaction.text("ASIAABCDEFGHIJKL1234,AKIAABCDEFGHIJKL5678"))
                .isEqualTo("****************1234,****************5678");
    }

    @Test
    void masksKeysOfEveryPrefix() {
        assertThat(Redaction.text("ABIAABCDEFGHIJKL1234 and ACCAABCDEFGHIJKL5678"))
                .isEqualTo("****************1234 and ****************5678");
    }

    @Test
    void leavesLookalikesAlone() {
        assertThat(Redaction.text("AKIAABCDEFGHIJKLWXYZ9")).isEqualTo("AKIAABCDEFGHIJKLWXYZ9");
        assertThat(Redaction.text("arn:aws:iam::123456789012:user/ci-deployer-prod"))
                .isEqualTo("arn:aws:iam::123456789012:user/ci-deployer-prod");
        assertThat(Redaction.text("AIDAABCDEFGHIJKLWXYZ")).isEqualTo("AIDAABCDEFGHIJKLWXYZ");
        assertThat(Redaction.text(null)).isNull();
    }

    @Test
    void masksNestedEvidenceAndReplacesSecretsWhole() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("keys", List.of(Map.of("accessKeyId", "AKIAABCDEFGHIJKLWXYZ", "status", "Active")));
        evidence.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        evidence.put("passwordEnabled", true);
        evidence.put("ageDays", 412);

        Map<String, Object> out = Redaction.evidence(evidence);

        assertThat(out.get("keys"))
                .isEqualTo(List.of(Map.of("accessKeyId", "****************WXYZ", "status", "Active")));
        assertThat(out.get("secretAccessKey")).isEqualTo(Redaction.SECRET_MASK);
        assertThat(out.get("passwordEnabled")).isEqualTo(true);
        assertThat(out.get("ageDays")).isEqualTo(412);
        assertThat(evidence.get("secretAccessKey")).isNotEqualTo(Redaction.SECRET_MASK);
    }
}
