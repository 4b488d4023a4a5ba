package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.evaluation.corpus.Corpus;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
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
}
