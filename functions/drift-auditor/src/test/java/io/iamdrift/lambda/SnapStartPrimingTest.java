package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.Report;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

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
    void primingWiresEveryRegisteredServiceOnceEvenWhenOneCannotBeWired() {
        AtomicInteger live = new AtomicInteger();
        AtomicInteger organization = new AtomicInteger();
        Supplier<Object> liveWiring = live::incrementAndGet;
        SnapStartPriming.register(liveWiring);
        SnapStartPriming.register(liveWiring);
        SnapStartPriming.register(organization::incrementAndGet);
        SnapStartPriming.register(() -> {
            throw new IllegalStateException("BASELINE_BUCKET is not set");
        });

        Report report = SnapStartPriming.prime();

        assertThat(live).hasValue(1);
        assertThat(organization).hasValue(1);
        assertThat(report.summary().principalsAudited()).isEqualTo(1);
    }

    @Test
    void primingLeavesNoStateBehind() {
        Report first = SnapStartPriming.prime();
        Report second = SnapStartPriming.prime();

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        assertThat(second.findings()).isEqualTo(first.findings());
        assertThat(second.summary()).isEqualTo(first.summary());
    }

    @Test
    void registeringOutsideACracRuntimeIsHarmless() {
        assertThatCode(() -> {
                    SnapStartPriming.register(() -> null);
                    SnapStartPriming.register(() -> null);
                })
                .doesNotThrowAnyException();
    }
}
