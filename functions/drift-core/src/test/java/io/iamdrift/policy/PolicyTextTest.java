package io.iamdrift.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTextTest {

    private static final String DOC =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::b/a b+c\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"é/€\"}}}]}";

    @Test
    void decodesAUrlEncodedDocumentAsIamReturnsIt() {
        String encoded = URLEncoder.encode(DOC, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(PolicyText.decode(encoded)).isEqualTo(DOC);
        assertThat(PolicyText.isUrlEncoded(encoded)).isTrue();
    }

    @Test
    void keepsALiteralPlusAsPlusNotAsSpace() {
        assertThat(PolicyText.decode("%7B%22a%22%3A%22x+y%22%7D")).isEqualTo("{\"a\":\"x+y\"}");
    }

    @Test
    void passesAlreadyDecodedJsonThroughUnchanged() {
        String pretty = "\n  {\n \"Version\": \"2012-10-17\", \"Statement\": [] , \"x\": \"100%\" }";

        assertThat(PolicyText.decode(pretty)).isSameAs(pretty);
        assertThat(PolicyText.decode(DOC)).isSameAs(DOC);
        assertThat(PolicyText.isUrlEncoded(DOC)).isFalse();
    }

    @Test
    void returnsNullForNull() {
        assertThat(PolicyText.decode(null)).isNull();
    }

    @Test
    void keepsLiteralNonAsciiCharactersInAnEncodedDocument() {
        assertThat(PolicyText.decode("%7B%22k%22%3A%22é€😀%22%7D")).isEqualTo("{\"k\":\"é€😀\"}");
    }

    @Test
    void decodesManyLiteralNonAsciiCharactersFollowedByPlainText() {
        // found by the baseline loader's fuzz target: the output outgrew the input's length
        assertThat(PolicyText.decode("ééé😀%41aaaaaaaaaa")).isEqualTo("ééé😀Aaaaaaaaaaa");
    }

    @Test
    void decodesATextOfThreeByteCharactersAroundOneEscape() {
        // the decoder sizes its buffer from the text: each non-ASCII char may take 3 UTF-8 bytes
        assertThat(PolicyText.decode("€€€€€€€€%41€")).isEqualTo("€€€€€€€€A€");
    }

    @Test
    void decodesEveryEscapeInEitherCaseAsUrlDecoderDoes() {
        StringBuilder upper = new StringBuilder("%7B%22k%22:%22");
        StringBuilder lower = new StringBuilder(upper);
        for (int b = 0x20; b < 0x80; b++) {
            upper.append(String.format("%%%02X", b)).append("é+");
            lower.append(String.format("%%%02x", b)).append("\u20ac");
        }
        upper.append("%C3%A9%E2%82%AC%22%7D");
        lower.append("%c3%a9%f0%9f%98%80%22%7d");
        for (StringBuilder raw : List.of(upper, lower)) {
            String text = raw.toString();
            assertThat(PolicyText.decode(text))
                    .isEqualTo(java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rejectsMalformedPercentEscapesWithAClearMessage() {
        assertThatThrownBy(() -> PolicyText.decode("%7B%22a%GG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed URL-encoded policy document")
                .hasMessageContaining("%GG");
        assertThatThrownBy(() -> PolicyText.decode("%7B%2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incomplete escape");
    }

    @Test
    void policyParserReportsMalformedEncodingInsteadOfParsingTheRawText() {
        assertThatThrownBy(() -> PolicyParser.parse("%7B%22Version%22%3A%GG", "p.json"))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageContaining("p.json")
                .hasMessageContaining("malformed URL-encoded policy document");
    }
}
