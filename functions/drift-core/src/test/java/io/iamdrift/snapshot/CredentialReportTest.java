package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialReportTest {

    static final String CSV = """
            user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
            <root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            ci-deployer,arn:aws:iam::123456789012:user/ci-deployer,2023-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:00+00:00,2024-06-01T12:00:00+00:00,us-east-1,lambda,true,2024-03-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A
            human,arn:aws:iam::123456789012:user/human,2023-01-01T00:00:00+00:00,true,no_information,2023-02-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            """;

    @Test
    void parsesRowsWithKeysAndAbsentValues() {
        CredentialReport report = CredentialReport.parse(CSV);

        assertThat(report.rows()).hasSize(3);
        CredentialRow ci = report.row("ci-deployer").orElseThrow();
        assertThat(ci.arn()).isEqualTo("arn:aws:iam::123456789012:user/ci-deployer");
        assertThat(ci.passwordEnabled()).isFalse();
        assertThat(ci.passwordLastUsed()).isNull();
        assertThat(ci.mfaActive()).isFalse();
        assertThat(ci.keys())
                .containsExactly(
                        new AccessKeyStatus(
                                1, true, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-01T12:00:00Z")),
                        new AccessKeyStatus(2, true, Instant.parse("2024-03-01T00:00:00Z"), null));
        assertThat(ci.activeKeys()).hasSize(2);

        CredentialRow human = report.row("human").orElseThrow();
        assertThat(human.passwordEnabled()).isTrue();
        assertThat(human.passwordLastUsed()).as("no_information means absent").isNull();
        assertThat(human.mfaActive()).isTrue();
        assertThat(report.row("<root_account>").orElseThrow().passwordEnabled())
                .as("not_supported means absent")
                .isFalse();
    }

    @Test
    void findsColumnsByHeaderNameNotPosition() {
        String reordered = """
                mfa_active,access_key_1_active,user,password_enabled,arn,access_key_1_last_rotated,access_key_1_last_used_date
                true,true,ci,false,arn:aws:iam::123456789012:user/ci,2024-01-01T00:00:00+00:00,N/A
                """;

        CredentialRow row = CredentialReport.parse(reordered).row("ci").orElseThrow();

        assertThat(row.mfaActive()).isTrue();
        assertThat(row.keys())
                .containsExactly(new AccessKeyStatus(1, true, Instant.parse("2024-01-01T00:00:00Z"), null));
    }

    @Test
    void acceptsTheBase64ContentBlobAndCrlfLineEnds() {
        String b64 =
                Base64.getEncoder().encodeToString(CSV.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(CredentialReport.parse(b64)).isEqualTo(CredentialReport.parse(CSV));
    }

    @Test
    void rejectsAHeaderWithoutUserColumn() {
        assertThatThrownBy(() -> CredentialReport.parse("name,arn\nx,y\n"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("'user'");
    }

    @Test
    void rejectsABadTimestampNamingLineAndColumn() {
        assertThatThrownBy(() -> CredentialReport.parse("user,arn,password_last_used\nci,a,yesterday\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("password_last_used")
                .hasMessageContaining("yesterday");
    }

    @Test
    void rejectsAnEmptyReport() {
        assertThatThrownBy(() -> CredentialReport.parse("  ")).hasMessageContaining("empty");
    }
}
