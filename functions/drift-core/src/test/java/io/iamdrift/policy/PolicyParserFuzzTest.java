package io.iamdrift.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the policy parser: any text is a document or a {@link PolicyParseException} naming the source, never
 * another exception or error; and whatever the token fast path ({@link PolicyTokens}) reads is exactly the
 * document the tree walker builds. Regression mode (every test run) replays the committed corpus in
 * {@code PolicyParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} (the {@code fuzz} profile) fuzzes for a bounded time.
 */
class PolicyParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parsesOrRejectsWithAClearError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (PolicyKind kind : PolicyKind.values()) {
            try {
                PolicyDocument doc = PolicyParser.parse(text, "fuzz.json", kind);
                assertThat(doc.statements()).isNotEmpty();
            } catch (PolicyParseException e) {
                assertThat(e.getMessage()).startsWith("fuzz.json");
            }
        }
        String json;
        try {
            json = PolicyText.decode(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        for (PolicyKind kind : PolicyKind.values()) {
            PolicyDocument fast = PolicyTokens.read(json, kind);
            if (fast != null) {
                assertThat(fast).isEqualTo(PolicyParser.parseTree(json, "fuzz.json", kind));
            }
        }
    }
}
