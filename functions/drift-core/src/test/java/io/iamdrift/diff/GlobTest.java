package io.iamdrift.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
        "arn:aws:s3:::b/*, arn:aws:s3:::b/a/x, true",
        "arn:aws:s3:::b/*, arn:aws:s3:::c/a, false",
        "arn:aws:s3:::b?, arn:aws:s3:::bx, true",
        "arn:aws:s3:::b?, arn:aws:s3:::bxy, false",
        "*, anything, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXcYYb, false",
    })
    void matchesTextAgainstPattern(String pattern, String text, boolean expected) {
        assertThat(Glob.matches(pattern, text, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:s3:::b/*, arn:aws:s3:::b/a/*, true",
        "arn:aws:s3:::b/a/*, arn:aws:s3:::b/*, false",
        "*, arn:aws:s3:::b/*, true",
        "arn:aws:s3:::b/*, *, false",
        "arn:aws:s3:::b*, arn:aws:s3:::b?x*, true",
        "arn:aws:s3:::b?x*, arn:aws:s3:::b*, false",
        "arn:aws:s3:::b?, arn:aws:s3:::b*, false",
        "arn:aws:s3:::*/x, arn:aws:s3:::b/*/x, true",
        "arn:aws:iam::*:user/${aws:username}, arn:aws:iam::1:user/${aws:username}, true",
        "arn:aws:iam::1:user/${aws:username}, arn:aws:iam::1:user/alice, false",
    })
    void coversPatternsByLanguageContainment(String outer, String inner, boolean expected) {
        assertThat(Glob.covers(outer, inner, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "s3:Get*, S3:GETOBJECT, true",
        "s3:get*, s3:Get*, true",
        "S3:*, s3:List*, true",
    })
    void foldsCaseForActions(String outer, String inner, boolean expected) {
        assertThat(Glob.covers(outer, inner, true)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:s3:::b/*, arn:aws:s3:::c/*, false",
        "arn:aws:s3:::b/*, arn:aws:s3:::*, true",
        "*.json, *.yaml, false",
        "a*, *b, true",
        "arn:aws:s3:::b, arn:aws:s3:::b, true",
    })
    void overlapIsConservative(String a, String b, boolean expected) {
        assertThat(Glob.mayOverlap(a, b, false)).isEqualTo(expected);
    }
}
