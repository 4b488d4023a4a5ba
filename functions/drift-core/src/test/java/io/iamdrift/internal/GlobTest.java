package io.iamdrift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.evaluation.corpus.Corpus;
import io.iamdrift.evaluation.internal.Template;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core's one wildcard matcher ({@link Glob}) and its two views, {@link ArnPattern} (Resource, ArnLike) and
 * {@link ActionPattern} (Action). Examples from the IAM User Guide: "IAM JSON policy elements: Resource" (Using
 * wildcards in resource ARNs), "IAM JSON policy elements: Action", "IAM policy elements: Variables and tags".
 */
class GlobTest {

    private static Glob plain(String pattern) {
        return Glob.compile(pattern, Glob.Mode.PLAIN, false);
    }

    private static Glob resource(String pattern) {
        return Glob.compile(pattern, Glob.Mode.RESOURCE, false);
    }

    @Nested
    class Matching {

        @ParameterizedTest
        @CsvSource({
            "'', '', true",
            "'', a, false",
            "*, '', true",
            "*, anything at all, true",
            "**, '', true",
            "?, '', false",
            "?, a, true",
            "?, ab, false",
            "??, ab, true",
            "??, a, false",
            "a*, a, true",
            "a*, abc, true",
            "a*, ba, false",
            "*a, ba, true",
            "a*b*c, aXbYc, true",
            "a*b*c, abcabc, true",
            "a*b*c, aXbYbZc, true",
            "a*b*c, aXbYbZ, false",
            "a*b*c, acb, false",
            "*a*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
            "exact, exact, true",
            "exact, Exact, false",
        })
        void plainGlobsMatchWholeStrings(String pattern, String s, boolean expected) {
            assertThat(plain(pattern).matches(s)).isEqualTo(expected);
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
        void compileInternsEachPatternText() {
            assertThat(Glob.compile("s3:Get*", Glob.Mode.PLAIN, true))
                    .isSameAs(Glob.compile("s3:Get*", Glob.Mode.PLAIN, true))
                    .isNotSameAs(Glob.compile("s3:Get*", Glob.Mode.PLAIN, false));
            assertThat(ArnPattern.compile("arn:aws:s3:::b/*")).isSameAs(ArnPattern.compile("arn:aws:s3:::b/*"));
            assertThat(ActionPattern.compile("s3:Get*")).isSameAs(ActionPattern.compile("s3:Get*"));
        }

        @Test
        void hasWildcardSeesStarAndQuestionMark() {
            assertThat(Glob.hasWildcard("s3:Get*")).isTrue();
            assertThat(Glob.hasWildcard("s3:GetObjec?")).isTrue();
            assertThat(Glob.hasWildcard("s3:GetObject")).isFalse();
            assertThat(Glob.hasWildcard("")).isFalse();
        }
    }

    @Nested
    class Actions {

        @ParameterizedTest
        @CsvSource({
            "s3:GetObject, S3:GETOBJECT, true",
            "s3:Get*, s3:GetBucketAcl, true",
            "s3:Get*, s3:PutObject, false",
            "ec2:Describe?ags, ec2:DescribeTags, true",
            "*, iam:PassRole, true",
            "iam:*, IAM:PassRole, true",
            "iam:*, sts:AssumeRole, false",
            "*:Get*, s3:GetObject, true",
            "s3:*Object, s3:GetObject, true",
            "s3:*Object, s3:GetObjectAcl, false",
        })
        void actionNamesMatchCaseInsensitively(String pattern, String action, boolean expected) {
            assertThat(ActionPattern.compile(pattern).matches(action)).isEqualTo(expected);
        }

        @Test
        void actionPatternsKnowTheirService() {
            assertThat(ActionPattern.compile("S3:Get*").literalService()).contains("s3");
            assertThat(ActionPattern.compile("s3*:Get").literalService()).isEmpty();
            assertThat(ActionPattern.compile("**").matchesEverything()).isTrue();
            assertThat(ActionPattern.compile("s3:GetObject").hasWildcard()).isFalse();
        }
    }

    @Nested
    class Resources {

        @ParameterizedTest
        @CsvSource({
            // the User Guide's examples
            "arn:aws:iam::123456789012:user/accounting/*, arn:aws:iam::123456789012:user/accounting/ana, true",
            "arn:aws:iam::123456789012:user/accounting/*, arn:aws:iam::123456789012:user/sales/ana, false",
            "arn:aws:s3:::amzn-s3-demo-bucket/*, arn:aws:s3:::amzn-s3-demo-bucket/a/b, true",
            "arn:aws:s3:::*, arn:aws:s3:::any-bucket/any/key, true",
            "arn:aws:s3:::example?bucket/*, arn:aws:s3:::example1bucket/k, true",
            "arn:aws:s3:::example?bucket/*, arn:aws:s3:::example12bucket/k, false",
            "arn:aws:iam::123456789012:user/Bob, arn:aws:iam::123456789012:user/BOB, false",
            // trailing *, ? in a segment
            "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket, false",
            "arn:aws:s3:::bucket*, arn:aws:s3:::bucket-logs, true",
            "arn:aws:iam::*:role/deploy-?, arn:aws:iam::123456789012:role/deploy-1, true",
            "arn:aws:iam::*:role/deploy-?, arn:aws:iam::123456789012:role/deploy-10, false",
            // multi-segment ARNs: a * that ends a segment may run past colons, one inside a segment may not
            "arn:aws:logs:*:*:log-group:/aws/lambda/*:*, arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f:log-stream:s, true",
            "arn:aws:iam::*:role/x, arn:aws:iam::1:2:role/x, true",
            "arn:aws:ec2:us-*-1:1:instance/*, arn:aws:ec2:us-east-1:1:instance/i-1, true",
            "arn:aws:ec2:us-*-1:1:instance/*, arn:aws:ec2:us-east:x-1:1:instance/i-1, false",
            "arn:aws:sqs:us-east-?:1:q, arn:aws:sqs:us-east-::1:q, false",
            // S3 object keys may hold : and /
            "arn:aws:s3:::b/*, arn:aws:s3:::b/2024:01:01/report.csv, true",
            "arn:aws:s3:::b/*:*, arn:aws:s3:::b/a:b:c, true",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/:, true",
            "arn:aws:s3:::b/?, arn:aws:s3:::b//, true",
            // not an ARN: a plain glob
            "*, anything at all, true",
            "not-an-arn-*, not-an-arn-x:y, true",
        })
        void matchesLikeTheResourceElement(String pattern, String arn, boolean expected) {
            assertThat(ArnPattern.compile(pattern).matches(arn)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({
            "1/test/object.jpg, true",
            "1/2/test/object.jpg, true",
            "1/2/test/3/object.jpg, true",
            "1/2/3/test/4/object.jpg, true",
            "1///test///object.jpg, true",
            "1/test/.jpg, true",
            "/test/object.jpg, true",
            "1/test/, true",
            "1-test/object.jpg, false",
            "test/object.jpg, false",
        })
        void aStarSpansSlashesInTheUserGuidesS3Example(String key, boolean expected) {
            ArnPattern p = ArnPattern.compile("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*");
            assertThat(p.matches("arn:aws:s3:::amzn-s3-demo-bucket/" + key)).isEqualTo(expected);
        }

        @Test
        void arnLikeWildcardsStayInsideTheirSegment() {
            Glob g = Glob.compile("arn:aws:iam::*:role/x", Glob.Mode.ARN_LIKE, false);
            assertThat(g.matches("arn:aws:iam::123:role/x")).isTrue();
            assertThat(g.matches("arn:aws:iam::1:2:role/x")).isFalse();
            Glob q = Glob.compile("arn:aws:s3:::b?", Glob.Mode.ARN_LIKE, false);
            assertThat(q.matches("arn:aws:s3:::b:")).isTrue(); // sixth segment may hold colons
            assertThat(ArnPattern.compileArnLike("arn:aws:iam::*:role/*", true).matches("arn:aws:iam::1:role/a:b"))
                    .isTrue();
        }

        @Test
        void matchesLongPatternsBeyondSixtyFourTokens() {
            String prefix = "arn:aws:s3:::" + "a".repeat(10);
            ArnPattern p = ArnPattern.compile(prefix + "*" + "x?".repeat(40) + "*end");
            assertThat(p.matches(prefix + "zz" + "xy".repeat(40) + "qqend")).isTrue();
            assertThat(p.matches(prefix + "zz" + "xy".repeat(39) + "qqend")).isFalse();
        }
    }

    @Nested
    class Variables {

        private static RequestContext user(String name) {
            return RequestContext.of(Map.of("AWS:UserName", List.of(name)));
        }

        @Test
        void substitutesVariablesFromTheContext() {
            ArnPattern p = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*");
            assertThat(p.hasVariables()).isTrue();
            assertThat(p.matches("arn:aws:s3:::home/ana/x")).isFalse();
            assertThat(p.matches("arn:aws:s3:::home/ana/x", user("ana"))).isTrue();
            assertThat(p.matches("arn:aws:s3:::home/bob/x", user("ana"))).isFalse();
        }

        @Test
        void aSubstitutedValueIsLiteralText() {
            ArnPattern p = ArnPattern.compile("arn:aws:s3:::home/${aws:username}");
            assertThat(p.matches("arn:aws:s3:::home/*", user("*"))).isTrue();
            assertThat(p.matches("arn:aws:s3:::home/ana", user("*"))).isFalse();
        }

        @Test
        void aDefaultStandsInForAMissingKey() {
            ArnPattern p = ArnPattern.compile("arn:aws:s3:::home/${aws:username, 'anonymous'}/*");
            assertThat(p.matches("arn:aws:s3:::home/anonymous/x")).isTrue();
            assertThat(p.matches("arn:aws:s3:::home/ana/x", user("ana"))).isTrue();
        }

        @ParameterizedTest
        @CsvSource({
            "arn:aws:s3:::b/${*}, arn:aws:s3:::b/*, true",
            "arn:aws:s3:::b/${*}, arn:aws:s3:::b/x, false",
            "arn:aws:s3:::b/${?}, arn:aws:s3:::b/?, true",
            "arn:aws:s3:::b/${?}, arn:aws:s3:::b/x, false",
            "arn:aws:s3:::b/${$}x, arn:aws:s3:::b/$x, true",
        })
        void specialCharacterVariablesAreLiterals(String pattern, String arn, boolean expected) {
            assertThat(ArnPattern.compile(pattern).matches(arn)).isEqualTo(expected);
        }

        @Test
        void version2008DocumentsHaveNoVariables() {
            ArnPattern p = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*", false);
            assertThat(p.hasVariables()).isFalse();
            assertThat(p.matches("arn:aws:s3:::home/${aws:username}/x")).isTrue();
        }
    }

    @Nested
    class Containment {

        @ParameterizedTest
        @CsvSource({
            "*, arn:aws:s3:::b/*, true",
            "arn:aws:s3:::b/*, *, false",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/logs/*, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/k, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/?, true",
            "arn:aws:s3:::b/logs/*, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/k, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b*, arn:aws:s3:::bucket/*, true",
            "arn:aws:s3:::b*, arn:aws:s3:::b?x*, true",
            "arn:aws:s3:::b?x*, arn:aws:s3:::b*, false",
            "arn:aws:ec2:*:1:instance/*, arn:aws:ec2:us-east-1:1:instance/i-1, true",
            "arn:aws:ec2:us-*:1:instance/*, arn:aws:ec2:*:1:instance/*, false",
            "arn:aws:ec2:*:1:x, arn:aws:ec2:us-*-1:1:x, true",
            "arn:aws:ec2:us-*-1:1:x, arn:aws:ec2:us-east-1:1:x, true",
            "arn:aws:s3:::*, arn:aws:ec2:us-*-1:1:x, false",
            "arn:aws:s3:::b/*/x, arn:aws:s3:::b/a/*/x, true",
            "arn:aws:s3:::*/x, arn:aws:s3:::b/*/x, true",
            "arn:aws:s3:::a/*, arn:aws:s3:::b/*, false",
        })
        void coversMeansLanguageContainment(String outer, String inner, boolean expected) {
            assertThat(ArnPattern.compile(outer).covers(ArnPattern.compile(inner)))
                    .isEqualTo(expected);
        }

        @Test
        void aMidSegmentStarDoesNotCoverAColonThatAPlainGlobWouldSwallow() {
            // the old plain-glob diff said yes: its * ran past the colon
            assertThat(ArnPattern.compile("arn:aws:ec2:*-1:1:instance/*")
                            .covers(ArnPattern.compile("arn:aws:ec2:*:x-1:1:instance/*")))
                    .isFalse();
            assertThat(plain("arn:aws:ec2:*-1:1:instance/*").covers(plain("arn:aws:ec2:*:x-1:1:instance/*")))
                    .isTrue();
        }

        @Test
        void actionContainmentFoldsCase() {
            Glob getAll = Glob.compile("s3:get*", Glob.Mode.PLAIN, true);
            assertThat(getAll.covers(Glob.compile("S3:GETOBJECT", Glob.Mode.PLAIN, true)))
                    .isTrue();
            assertThat(getAll.covers(Glob.compile("s3:Get*", Glob.Mode.PLAIN, true)))
                    .isTrue();
            assertThat(Glob.compile("S3:*", Glob.Mode.PLAIN, true)
                            .covers(Glob.compile("s3:List*", Glob.Mode.PLAIN, true)))
                    .isTrue();
            assertThat(getAll.covers(Glob.compile("s3:getobject", Glob.Mode.PLAIN, false)))
                    .isFalse();
        }

        @Test
        void aVariableIsCoveredByTheSameVariableOrAStarThatSpansColons() {
            ArnPattern home = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*");
            assertThat(ArnPattern.compile("arn:aws:s3:::home/*").covers(home)).isTrue();
            assertThat(ArnPattern.compile("arn:aws:s3:::home/a*").covers(home)).isFalse();
            assertThat(ArnPattern.compile("arn:aws:s3:::home/?/*").covers(home)).isFalse();
            assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*")))
                    .isTrue();
            assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/${AWS:UserName}/docs/*")))
                    .isTrue();
            assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/${aws:userid}/docs/*")))
                    .isFalse();
            assertThat(home.covers(ArnPattern.compile("arn:aws:s3:::home/ana/x")))
                    .isFalse();
            assertThat(ArnPattern.compile("arn:aws:iam::*:user/${aws:username}")
                            .covers(ArnPattern.compile("arn:aws:iam::1:user/${aws:username}")))
                    .isTrue();
            // a user id may hold a colon (role id:session name): a segment-bound * does not cover it
            assertThat(ArnPattern.compile("arn:aws:ec2:*x:1:i/*")
                            .covers(ArnPattern.compile("arn:aws:ec2:${aws:userid}x:1:i/*")))
                    .isFalse();
        }

        @Test
        void anEscapedStarIsNotAWildcard() {
            // ${*} is the one key "*", not every key: it covers no user's home
            assertThat(ArnPattern.compile("arn:aws:s3:::b/${*}")
                            .covers(ArnPattern.compile("arn:aws:s3:::b/${aws:username}")))
                    .isFalse();
            assertThat(ArnPattern.compile("arn:aws:s3:::b/*").covers(ArnPattern.compile("arn:aws:s3:::b/${*}")))
                    .isTrue();
        }
    }

    @Nested
    class Intersection {

        @ParameterizedTest
        @CsvSource({
            "arn:aws:s3:::b/*, arn:aws:s3:::c/*, false",
            "arn:aws:s3:::b/*, arn:aws:s3:::*, true",
            "*.json, *.yaml, false",
            "a*, *b, true",
            "arn:aws:s3:::b, arn:aws:s3:::b, true",
            "arn:aws:s3:::b, arn:aws:s3:::c, false",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/??, false",
            "arn:aws:s3:::b/?*, arn:aws:s3:::b/??, true",
            "arn:aws:s3:::a*x*b, arn:aws:s3:::a*y*b, true",
            "'', '', true",
            "'', *, true",
            "'', ?, false",
            "arn:aws:ec2:us-*-1:1:x, arn:aws:ec2:us-east:a-1:1:x, false",
            "arn:aws:ec2:us-*:1:x, arn:aws:ec2:us-east:a-1:1:x, true",
        })
        void overlapsWhenSomeTextMatchesBoth(String a, String b, boolean expected) {
            assertThat(resource(a).overlaps(resource(b))).isEqualTo(expected);
            assertThat(resource(b).overlaps(resource(a))).isEqualTo(expected);
        }

        @Test
        void aVariableMayBeAnyText() {
            ArnPattern home = ArnPattern.compile("arn:aws:s3:::home/${aws:username}/*");
            assertThat(home.mayOverlap(ArnPattern.compile("arn:aws:s3:::home/ana/x")))
                    .isTrue();
            assertThat(home.mayOverlap(ArnPattern.compile("arn:aws:s3:::work/*")))
                    .isFalse();
        }
    }

    /**
     * A Resource pattern that cannot hold a policy variable (no "${", or a 2008-10-17 document) is compiled straight
     * to its glob: it matches exactly as the glob its template builds, on the managed policies' resources.
     */
    @Test
    void aResourcePatternWithoutAVariableMatchesAsTheGlobItsTemplateBuilds() {
        Set<String> patterns = new TreeSet<>(List.of(
                "*",
                "$*",
                "arn:${x",
                "arn:aws:iam::*:role/x?",
                "${*}",
                "a$b",
                "arn:aws:ec2:us-*-1:123456789012:instance/*",
                "arn:aws:iam::12345678901?:role/x"));
        for (PolicyDocument d : Corpus.get().policies().values()) {
            for (Statement st : d.statements()) {
                if (st.resources() != null) {
                    patterns.addAll(st.resources().patterns());
                }
            }
        }
        List<String> others = new ArrayList<>();
        int i = 0;
        for (String p : patterns) {
            if (i++ % 50 == 0) {
                others.add(p.replace('*', 'x').replace('?', 'y'));
            }
        }
        int checked = 0;
        for (String p : patterns) {
            // near misses and near matches of its own: wildcards that span or stop at a colon, '?' on a colon
            List<String> arns = new ArrayList<>(others);
            arns.addAll(List.of(
                    p.replace('*', 'x').replace('?', 'y'),
                    p.replace("*", "a:b/c"),
                    p.replace("*", ""),
                    p.replace('?', ':'),
                    p + ":tail"));
            for (boolean variables : new boolean[] {true, false}) {
                if (variables && p.contains("${")) {
                    continue;
                }
                ArnPattern fast = ArnPattern.compile(p, variables);
                Glob viaTemplate = Template.parse(p, true, variables).glob(Glob.Mode.RESOURCE, false);
                assertThat(fast.hasVariables()).isFalse();
                for (String arn : arns) {
                    assertThat(fast.matches(arn)).as(p + " ~ " + arn).isEqualTo(viaTemplate.matches(arn));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
