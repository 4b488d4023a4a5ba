package io.iamdrift.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotEnvelopeTest {

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        Map<String, String> user =
                Map.of("UserName", "ci-deployer", "Arn", "arn:aws:iam::123456789012:user/ci-deployer");
        Map<String, String> role = Map.of(
                "RoleName",
                "deploy",
                "Arn",
                "arn:aws:iam::123456789012:role/deploy",
                "AssumeRolePolicyDocument",
                "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D");
        Map<String, String> policy = Map.of("PolicyName", "p", "Arn", "arn:aws:iam::123456789012:policy/p");
        var details = new SnapshotEnvelope.AuthorizationDetails<Map<String, String>>(
                List.of(user), List.of(), List.of(role), List.of(policy), (g, item) -> {
                    g.writeStartObject();
                    for (var e : item.entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                });
        String csv = "user,arn,password_enabled\nci-deployer,arn:aws:iam::123456789012:user/ci-deployer,false\n";
        Instant at = Instant.parse("2026-11-28T08:00:00Z");

        AccountSnapshot s =
                SnapshotReader.read("envelope.json", SnapshotEnvelope.toJson("123456789012", at, details, csv));

        assertThat(s.accountId()).isEqualTo("123456789012");
        assertThat(s.collectedAt()).isEqualTo(at);
        assertThat(s.users()).extracting(UserDetail::name).containsExactly("ci-deployer");
        assertThat(s.role("deploy").orElseThrow().trustPolicy())
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(s.policies())
                .extracting(ManagedPolicyDetail::arn)
                .containsExactly("arn:aws:iam::123456789012:policy/p");
        assertThat(s.credentials("ci-deployer")).isPresent();
        assertThat(s.missingPages()).isEmpty();
    }
}
