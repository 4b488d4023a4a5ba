package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrgConfigTest {

    static final Map<String, String> MINIMAL =
            Map.of("ORG_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/1/q", "MEMBER_EXTERNAL_ID", "secret-id");

    @Test
    void defaultsMatchTheTemplate() {
        OrgConfig c = OrgConfig.fromEnvironment(MINIMAL);
        assertThat(c.memberRoleName()).isEqualTo("IamDriftAuditorMember");
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.finalizeDelaySeconds()).isEqualTo(900);
        assertThat(c.deadline()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.selection().include()).isEmpty();
    }

    @Test
    void refusesToRunWithoutTheExternalId() {
        assertThatThrownBy(() -> OrgConfig.fromEnvironment(Map.of("ORG_QUEUE_URL", "q", "MEMBER_EXTERNAL_ID", " ")))
                .hasMessageContaining("MEMBER_EXTERNAL_ID");
    }

    @Test
    void namesTheSettingThatIsOutOfRange() {
        var env = new java.util.HashMap<>(MINIMAL);
        env.put("ORG_FINALIZE_DELAY_SECONDS", "3600");
        assertThatThrownBy(() -> OrgConfig.fromEnvironment(env))
                .hasMessageContaining("ORG_FINALIZE_DELAY_SECONDS")
                .hasMessageContaining("0 to 900");
    }

    @Test
    void readsTheDeliveryAttemptFromTheSqsRecord() {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        assertThat(MemberAuditHandler.receiveCount(m)).isEqualTo(1);
        m.setAttributes(Map.of("ApproximateReceiveCount", "3"));
        assertThat(MemberAuditHandler.receiveCount(m)).isEqualTo(3);
    }
}
