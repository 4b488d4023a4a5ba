package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineCaptureTest {

    @Test
    void captureOfASnapshotWithoutCredentialReportWritesNoException() {
        ObjectNode baseline = new BaselineCapture(Auditor.withDefaults())
                .capture(
                        AuditorTest.account().withoutCredentialReport().build(), List.of(AuditorTest.USER), null, null);

        assertThat(baseline.at("/principals/0/name").asText()).isEqualTo(AuditorTest.USER);
        assertThat(baseline.at("/principals/0").has("exceptions"))
                .as(baseline.toPrettyString())
                .isFalse();
    }
}
