package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes parse + evaluate. The input is text: line 1 the request's action, line 2 its resource, line 3 and 4
 * the action and resource of an extra Deny, the rest a policy document. Invariants: evaluation never throws; a
 * Deny added to the set never grants more; an Allow added never takes anything away; a Deny of everything
 * allows nothing.
 */
class EvaluatorFuzzTest {

    private static final CompiledPolicy DENY_ALL =
            CompiledPolicy.compile(PolicyParser.parse(statement("Deny", "*", "*"), "deny-all"), "deny-all");

    @FuzzTest(maxDuration = "20s")
    void addingADenyNeverGrantsMoreAndAddingAnAllowNeverTakesAway(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 5);
        if (parts.length < 5) {
            return;
        }
        PolicyDocument doc;
        PolicyDocument extraDeny;
        PolicyDocument extraAllow;
        try {
            doc = PolicyParser.parse(parts[4], "fuzz");
            extraDeny = PolicyParser.parse(statement("Deny", parts[2], parts[3]), "deny");
            extraAllow = PolicyParser.parse(statement("Allow", parts[2], parts[3]), "allow");
        } catch (PolicyParseException e) {
            return; // the parser's own target checks its errors
        }
        Request request = Request.of(parts[0], parts[1]);
        CompiledPolicy policy = CompiledPolicy.compile(doc, "fuzz");
        EvalDecision before = Evaluator.evaluate(PolicySet.of(policy), request).decision();
        EvalDecision withDeny = Evaluator.evaluate(
                        PolicySet.of(policy, CompiledPolicy.compile(extraDeny, "deny")), request)
                .decision();
        EvalDecision withAllow = Evaluator.evaluate(
                        PolicySet.of(policy, CompiledPolicy.compile(extraAllow, "allow")), request)
                .decision();
        if (withDeny == EvalDecision.ALLOWED) {
            assertThat(before).as("a Deny granted something").isEqualTo(EvalDecision.ALLOWED);
        }
        if (before == EvalDecision.ALLOWED) {
            assertThat(withAllow).as("an Allow took something away").isEqualTo(EvalDecision.ALLOWED);
        }
        if (before == EvalDecision.EXPLICIT_DENY) {
            assertThat(withDeny).isEqualTo(EvalDecision.EXPLICIT_DENY);
        }
        assertThat(Evaluator.evaluate(PolicySet.of(policy, DENY_ALL), request).allowed())
                .isFalse();
    }

    private static String statement(String effect, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":" + quote(action)
                + ",\"Resource\":" + quote(resource) + "}]}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
