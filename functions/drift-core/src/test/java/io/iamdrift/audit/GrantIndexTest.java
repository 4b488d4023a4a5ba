package io.iamdrift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.catalog.ActionPattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantIndexTest {

    private static RunContext.AllowGrant grant(boolean notAction, String... patterns) {
        return new RunContext.AllowGrant(
                List.of(patterns).stream().map(ActionPattern::compile).toList(), notAction, List.of("*"));
    }

    private final RunContext.AllowGrant s3 = grant(false, "s3:GetObject", "S3:List*");
    private final RunContext.AllowGrant anyService = grant(false, "*:Describe*");
    private final RunContext.AllowGrant iamAndS3 = grant(false, "iam:PassRole", "s3:PutObject");
    private final RunContext.AllowGrant notAction = grant(true, "iam:*");
    private final RunContext.AllowGrant lambda = grant(false, "lambda:*");
    private final GrantIndex index = new GrantIndex(List.of(s3, anyService, iamAndS3, notAction, lambda));

    @Test
    void candidatesAreTheStatementsNamingTheServiceOrAnyServiceInPolicyOrder() {
        assertThat(index.candidates("s3:GetObject")).containsExactly(s3, anyService, iamAndS3, notAction);
        assertThat(index.candidates("IAM:PassRole")).containsExactly(anyService, iamAndS3, notAction);
        assertThat(index.candidates("lambda:InvokeFunction")).containsExactly(anyService, notAction, lambda);
    }

    @Test
    void aServiceNoStatementNamesGetsOnlyTheWildcardOnes() {
        assertThat(index.candidates("ec2:RunInstances")).containsExactly(anyService, notAction);
    }

    @Test
    void aStatementNamingTheServiceTwiceComesOnce() {
        RunContext.AllowGrant twice = grant(false, "s3:GetObject", "s3:PutObject", "*");
        assertThat(new GrantIndex(List.of(twice, s3)).candidates("s3:GetObject"))
                .containsExactly(twice, s3);
    }

    @Test
    void everyCandidateThatMayAllowIsFoundAsByTryingAll() {
        List<RunContext.AllowGrant> all = List.of(s3, anyService, iamAndS3, notAction, lambda);
        for (String action : List.of(
                "s3:ListBucket", "iam:PassRole", "ec2:DescribeInstances", "lambda:GetFunction", "sts:AssumeRole")) {
            assertThat(index.candidates(action).stream()
                            .filter(g -> g.mayAllow(action))
                            .toList())
                    .as(action)
                    .isEqualTo(all.stream().filter(g -> g.mayAllow(action)).toList());
        }
    }

    @Test
    void mayAllowIsTrueExactlyWhenSomeStatementMayAllow() {
        List<RunContext.AllowGrant> all = List.of(s3, anyService, iamAndS3, lambda);
        GrantIndex withoutNotAction = new GrantIndex(all);
        for (String action : List.of(
                "s3:ListBucket",
                "s3:DeleteBucket",
                "IAM:PassRole",
                "iam:CreateUser",
                "ec2:DescribeInstances",
                "ec2:RunInstances",
                "lambda:GetFunction",
                "sts:AssumeRole")) {
            assertThat(withoutNotAction.mayAllow(action))
                    .as(action)
                    .isEqualTo(all.stream().anyMatch(g -> g.mayAllow(action)));
        }
    }

    @Test
    void mayAllowSomeIsFalseOnlyForAServiceNoStatementMayName() {
        GrantIndex named = new GrantIndex(List.of(s3, lambda));
        assertThat(named.mayAllowSome(ActionPattern.compile("organizations:*"))).isFalse();
        assertThat(named.mayAllowSome(ActionPattern.compile("iam:CreateUser"))).isFalse();
        assertThat(named.mayAllowSome(ActionPattern.compile("S3:Put*"))).isTrue();
        assertThat(named.mayAllowSome(ActionPattern.compile("*"))).isTrue();
        assertThat(index.mayAllowSome(ActionPattern.compile("organizations:*"))).isTrue(); // *:Describe*, NotAction
        assertThat(new GrantIndex(List.of()).mayAllowSome(ActionPattern.compile("*")))
                .isFalse();
    }

    @Test
    void aServiceIsFoundByItsWholePrefixInAnyCase() {
        RunContext.AllowGrant express = grant(false, "s3express:CreateSession");
        GrantIndex prefixes = new GrantIndex(List.of(express, s3));
        assertThat(prefixes.candidates("S3:GetObject")).containsExactly(s3);
        assertThat(prefixes.candidates("s3Express:CreateSession")).containsExactly(express);
        assertThat(prefixes.candidates("s3:")).containsExactly(s3);
        assertThat(prefixes.candidates("s*:GetObject")).containsExactly(express, s3); // not a plain service
        assertThat(prefixes.candidates("GetObject")).containsExactly(express, s3);
    }
}
