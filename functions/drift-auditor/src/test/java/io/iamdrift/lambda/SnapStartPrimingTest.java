package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.Report;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void primingRunsAWholeAuditOfTheBundledAccountWithoutAws() {
        Report report = SnapStartPriming.auditSample();

        assertThat(report.summary().principalsAudited()).isEqualTo(1);
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.POLICY_DRIFT);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.principal().name()).isEqualTo("priming-deployer");
        });
    }

    @Test
    void registeringOutsideACracRuntimeIsHarmless() {
        assertThatCode(() -> {
                    SnapStartPriming.register();
                    SnapStartPriming.register();
                })
                .doesNotThrowAnyException();
    }
}
