package io.iamdrift.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
            "a*b*c, aXbYc, true",
            "a*b*c, abcabc, true",
            "a*b*c, acb, false",
            "*a*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
            "??, ab, true",
            "??, a, false",
            "*, '', true",
            "a*, a, true",
            "'', '', true",
    })
    void plainGlobsMatchWholeStrings(String pattern, String s, boolean expected) {
        assertThat(Glob.compile(pattern, Glob.Mode.PLAIN, false).matches(s)).isEqualTo(expected);
    }

    @Test
    void ignoreCaseFoldsBothSides() {
        Glob g = Glob.compile("S3:Get*Acl", Glob.Mode.PLAIN, true);
        assertThat(g.matches("s3:getobjectacl")).isTrue();
        assertThat(g.matches("S3:GETOBJECTACL")).isTrue();
        assertThat(g.matches("s3:getobject")).isFalse();
    }

    @Test
    void matchesFromAnOffsetWithoutCopying() {
        Glob g = Glob.compile("Get*", Glob.Mode.PLAIN, true);
        assertThat(g.matches("s3:GetObject", 3)).isTrue();
        assertThat(g.matches("s3:PutObject", 3)).isFalse();
    }

    @Test
    void arnLikeWildcardsStayInsideTheirSegment() {
        Glob g = Glob.compile("arn:aws:iam::*:role/x", Glob.Mode.ARN_LIKE, false);
        assertThat(g.matches("arn:aws:iam::123:role/x")).isTrue();
        assertThat(g.matches("arn:aws:iam::1:2:role/x")).isFalse();
        Glob q = Glob.compile("arn:aws:s3:::b?", Glob.Mode.ARN_LIKE, false);
        assertThat(q.matches("arn:aws:s3:::b:")).isTrue(); // sixth segment may hold colons
        Glob region = Glob.compile("arn:aws:sqs:us-east-?:1:q", Glob.Mode.ARN_LIKE, false);
        assertThat(region.matches("arn:aws:sqs:us-east-::1:q")).isFalse();
    }

    @Test
    void coversIsSoundForMixedStarKinds() {
        Glob any = Glob.compile("arn:aws:s3:::*", Glob.Mode.RESOURCE, false);
        Glob seg = Glob.compile("arn:aws:ec2:us-*-1:1:x", Glob.Mode.RESOURCE, false);
        assertThat(Glob.compile("arn:aws:ec2:*:1:x", Glob.Mode.RESOURCE, false).covers(seg)).isTrue();
        assertThat(seg.covers(Glob.compile("arn:aws:ec2:us-east-1:1:x", Glob.Mode.RESOURCE, false))).isTrue();
        assertThat(any.covers(seg)).isFalse();
    }
}
