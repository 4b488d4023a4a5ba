package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.evaluation.corpus.Corpus;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingTest {

    private static PolicyDocument doc(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", "test");
    }

    private static final String PLAIN = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
    private static final String PREFIX = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"a/*\"}}}";
    private static final String PASSED = "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}}";
    private static final String DENY_PASSED = "{\"Effect\":\"Deny\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"IAM:PassedToService\":\"ec2.amazonaws.com\"}}}";

    @Test
    void aDocumentWithoutConditionsIsReadAsWrittenInEveryReading() {
        PolicyDocument d = doc(PLAIN);
        for (Reading r : Reading.values()) {
            assertThat(r.sameAs(d)).as(r.name()).isEqualTo(Reading.STRICT);
        }
    }

    @Test
    void theEscalationReadingOfADocumentWithoutItsKeysIsTheOptimisticOne() {
        PolicyDocument d = doc(PLAIN + "," + PREFIX);
        assertThat(Reading.OPTIMISTIC.sameAs(d)).isEqualTo(Reading.OPTIMISTIC);
        assertThat(Reading.ESCALATION.sameAs(d)).isEqualTo(Reading.OPTIMISTIC);
        assertThat(Reading.STRICT.sameAs(d)).isEqualTo(Reading.STRICT);
    }

    @Test
    void theEscalationReadingKeepingEveryConditionIsTheStrictOne() {
        PolicyDocument d = doc(PASSED + "," + DENY_PASSED);
        assertThat(Reading.ESCALATION.sameAs(d)).isEqualTo(Reading.STRICT);
        assertThat(Reading.OPTIMISTIC.sameAs(d)).isEqualTo(Reading.OPTIMISTIC);
        assertThat(Reading.ESCALATION.sameAs(doc(PASSED + "," + PREFIX))).isEqualTo(Reading.ESCALATION);
    }

    /** The reading a document is compiled in sees it exactly as the reading asked for, on the managed policies. */
    @Test
    void thePlainerReadingSeesEveryDocumentAsTheOneAskedFor() {
        List<PolicyDocument> docs = new ArrayList<>(Corpus.get().policies().values());
        for (String s : List.of(PLAIN, PREFIX, PASSED, DENY_PASSED)) {
            for (String t : List.of(PLAIN, PREFIX, PASSED, DENY_PASSED)) {
                docs.add(doc(s + "," + t));
            }
        }
        int plainer = 0;
        for (PolicyDocument d : docs) {
            for (Reading r : Reading.values()) {
                Reading same = r.sameAs(d);
                assertThat(same.of(d).statements()).isEqualTo(r.of(d).statements());
                plainer += same == r ? 0 : 1;
            }
        }
        assertThat(plainer).isGreaterThan(docs.size()); // most documents are compiled fewer than three times
    }

    /**
     * A reading compiled from the strict one (its unchanged statements reused) decides every request as the same
     * reading compiled afresh, also where the reading drops statements between kept ones.
     */
    @Test
    void aReadingRereadFromTheStrictOneDecidesAsOneCompiledAfresh() {
        String denyPrefix = "{\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"secret/*\"}}}";
        List<String> parts = List.of(PLAIN, PREFIX, PASSED, DENY_PASSED, denyPrefix);
        List<Request> requests = new ArrayList<>();
        for (String action : List.of("s3:GetObject", "s3:ListBucket", "iam:PassRole")) {
            requests.add(Request.of(action, "*"));
            for (Map<String, List<String>> ctx : List.of(
                    Map.of("s3:prefix", List.of("a/b")),
                    Map.of("s3:prefix", List.of("secret/b")),
                    Map.of("iam:PassedToService", List.of("lambda.amazonaws.com")),
                    Map.of("iam:PassedToService", List.of("ec2.amazonaws.com")))) {
                requests.add(new Request(action, "*", null, RequestContext.of(ctx)));
            }
        }
        int reused = 0;
        for (String s : parts) {
            for (String t : parts) {
                for (String u : parts) {
                    PolicyDocument d = doc(s + "," + t + "," + u);
                    CompiledPolicy strict = CompiledPolicy.compile(d, "p");
                    for (Reading r : Reading.values()) {
                        PolicyDocument read = r.of(d);
                        CompiledPolicy afresh = CompiledPolicy.compile(read, "p");
                        CompiledPolicy reread = strict.reread(read, "p");
                        for (Request q : requests) {
                            assertThat(Evaluator.evaluate(PolicySet.of(reread), q))
                                    .as(r + " " + d.statements() + " " + q)
                                    .isEqualTo(Evaluator.evaluate(PolicySet.of(afresh), q));
                        }
                        reused += read == d ? 0 : 1;
                    }
                }
            }
        }
        assertThat(reused).isPositive();
    }
}
