package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLibraryTest {

    private static String document(int i) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket-" + i + "/*\"}]}";
    }

    @Test
    void equalTextsShareOneDocumentForTheWholeRunHoweverManyTheRunReads() {
        PolicyLibrary library = new PolicyLibrary();
        List<PolicyLibrary.Parsed> first = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            first.add(library.parse(document(i), "policy " + i));
        }
        for (int i = 0; i < 40_000; i += 997) {
            // an equal text read from another file (another String instance) gets the same document
            assertThat(library.parse(new String(document(i)), "again " + i).document())
                    .isSameAs(first.get(i).document());
        }
    }

    @Test
    void oneDocumentWrittenTwoWaysIsOneInstance() {
        PolicyLibrary library = new PolicyLibrary();
        String compact = document(7);
        String pretty = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\"Effect\": \"Allow\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket-7/*\"}\n    ]\n}";

        assertThat(library.parse(pretty, "inline:p").document())
                .isSameAs(library.parse(compact, "baseline inline:p").document());
        assertThat(library.parse(document(8), "inline:q").document())
                .isNotSameAs(library.parse(compact, "baseline inline:p").document());
    }

    @Test
    void aTextIsParsedPerKindAndAnErrorNamesTheSourceThatAsked() {
        PolicyLibrary library = new PolicyLibrary();
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

        assertThat(library.parse(trust, "trust of r", PolicyKind.TRUST).ok()).isTrue();
        PolicyLibrary.Parsed asIdentity = library.parse(trust, "inline:x");
        assertThat(asIdentity.ok()).isFalse();
        assertThat(asIdentity.error().source()).isEqualTo("inline:x");
        assertThat(library.parse(trust, "inline:y").error().source()).isEqualTo("inline:y");
    }
}
