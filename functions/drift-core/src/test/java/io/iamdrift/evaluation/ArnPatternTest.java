package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource patterns: IAM User Guide, "IAM JSON policy elements: Resource" (Using wildcards in resource ARNs). */
class ArnPatternTest {

    @ParameterizedTest
    @CsvSource({
            "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket/a/b, true",
            "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket, false",
            "arn:aws:s3:::bucket*, arn:aws:s3:::bucket-logs, true",
            "arn:aws:iam::*:role/deploy-?, arn:aws:iam::123456789012:role/deploy-1, true",
            "arn:aws:iam::*:role/deploy-?, arn:aws:iam::123456789012:role/deploy-10, false",
            "arn:aws:iam::123456789012:user/Bob, arn:aws:iam::123456789012:user/BOB, false",
            "arn:aws:logs:*:*:log-group:/aws/lambda/*:*, arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f:log-stream:s, true",
            "*, anything at all, true",
            "not-an-arn-*, not-an-arn-x:y, true",
    })
    void matchesLikeTheResourceElement(String pattern, String arn, boolean expected) {
        assertThat(ArnPattern.compile(pattern).matches(arn)).isEqualTo(expected);
    }

    @Test
    void matchesLongPatternsBeyondSixtyFourTokens() {
        String prefix = "arn:aws:s3:::" + "a".repeat(10);
        ArnPattern p = ArnPattern.compile(prefix + "*" + "x?".repeat(40) + "*end");
        assertThat(p.matches(prefix + "zz" + "xy".repeat(40) + "qqend")).isTrue();
        assertThat(p.matches(prefix + "zz" + "xy".repeat(39) + "qqend")).isFalse();
    }

    @Test
    void substitutesVariablesFromTheContext() {
        ArnPattern p = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*");
        assertThat(p.hasVariables()).isTrue();
        assertThat(p.matches("arn:aws:s3:::home/ana/x")).isFalse();
        assertThat(p.matches("arn:aws:s3:::home/ana/x", RequestContext.of(Map.of("AWS:UserName", List.of("ana"))))).isTrue();
        assertThat(ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*", false).hasVariables()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "*, arn:aws:s3:::b/*, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/logs/*, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/k, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/?, true",
            "arn:aws:s3:::b/logs/*, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/k, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b*, arn:aws:s3:::bucket/*, true",
            "arn:aws:ec2:*:1:instance/*, arn:aws:ec2:us-east-1:1:instance/i-1, true",
            "arn:aws:ec2:us-*:1:instance/*, arn:aws:ec2:*:1:instance/*, false",
            "arn:aws:s3:::b/*/x, arn:aws:s3:::b/a/*/x, true",
            "arn:aws:s3:::a/*, arn:aws:s3:::b/*, false",
    })
    void coversMeansGlobContainment(String outer, String inner, boolean expected) {
        assertThat(ArnPattern.compile(outer).covers(ArnPattern.compile(inner))).isEqualTo(expected);
    }

    @Test
    void coversTreatsVariablesConservatively() {
        ArnPattern home = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*");
        assertThat(ArnPattern.compile("arn:aws:s3:::home/*").covers(home)).isTrue();
        assertThat(ArnPattern.compile("arn:aws:s3:::home/a*").covers(home)).isFalse();
        assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*"))).isTrue();
        assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/ana/x"))).isFalse();
    }
}
