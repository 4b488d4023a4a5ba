package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnsNotifierTest {

    @Test
    void subjectRules() {
        SnsNotifier.validateSubject("IAM drift CRITICAL: 2 new findings in 123456789012 (prod)");
        assertThatThrownBy(() -> SnsNotifier.validateSubject("x".repeat(101))).hasMessageContaining("101 characters");
        assertThatThrownBy(() -> SnsNotifier.validateSubject("drift\nsecond line"))
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> SnsNotifier.validateSubject("drift \u2013 prod"))
                .hasMessageContaining("ASCII");
        assertThatThrownBy(() -> SnsNotifier.validateSubject("")).hasMessageContaining("empty");
    }

    @Test
    void subjectMakesAnyTextFit() {
        String s = SnsNotifier.subject("IAM drift \u2013 CRITICAL:\n  " + "x".repeat(200));
        SnsNotifier.validateSubject(s);
        assertThat(s).startsWith("IAM drift ? CRITICAL: xxx").endsWith("...").hasSize(100);
    }

    @Test
    void fitKeepsShortBodiesAndCutsLongOnesOnALine() {
        assertThat(SnsNotifier.fit("short", 100, null)).isEqualTo("short");
        String body = "line one ü\n".repeat(1000);
        String cut = SnsNotifier.fit(body, 2_000, "s3://b/r.json");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2_000);
        assertThat(cut).startsWith("line one ü\n").contains("s3://b/r.json").contains("truncated");
        assertThat(cut.substring(0, cut.indexOf("\n\n[Message"))).endsWith("line one ü");
    }
}
