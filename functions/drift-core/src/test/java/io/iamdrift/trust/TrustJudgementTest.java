package io.iamdrift.trust;

import static io.iamdrift.finding.FindingType.OIDC_AUDIENCE_MISSING;
import static io.iamdrift.finding.FindingType.OIDC_SUBJECT_UNRESTRICTED;
import static io.iamdrift.finding.FindingType.OIDC_SUBJECT_WILDCARD;
import static io.iamdrift.finding.FindingType.TRUST_ANY_PRINCIPAL;
import static io.iamdrift.finding.FindingType.TRUST_EXTERNAL_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.FindingType;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The five trust types across GitHub, GitLab, HCP Terraform and AWS principals, positive and negative. */
class TrustJudgementTest {

    static final String ACCOUNT = "111122223333";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/deployer";
    static final String GITHUB = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
    static final String GITLAB = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/gitlab.com";
    static final String TFC = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/app.terraform.io";

    private final TrustJudgement judgement = TrustJudgement.withDefaults();

    static String oidc(String provider, String conditions) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"Ci","Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{%s}}]}""".formatted(provider, conditions);
    }

    static String github(String conditions) {
        return oidc(GITHUB, conditions);
    }

    static String aws(String principal, String conditions) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"Cross","Effect":"Allow","Principal":%s,
                 "Action":"sts:AssumeRole"%s}]}""".formatted(principal, conditions.isEmpty() ? "" : ",\"Condition\":{" + conditions + "}");
    }

    List<FindingType> types(String trust) {
        return judgement.judge(PolicyParser.parse(trust, "trust", PolicyKind.TRUST), ROLE, ACCOUNT).stream()
                .map(TrustIssue::type)
                .toList();
    }

    static final String AUD = "\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"";

    @Test
    void githubTrustOfOneRepositorysProdEnvironmentIsClean() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + ",\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:environment:prod\"}")))
                .isEmpty();
    }

    @Test
    void stringLikeWithoutWildcardIsAnExactSubject() {
        assertThat(
                        types(
                                github(
                                        "\"StringEquals\":{" + AUD
                                                + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:ref:refs/heads/main\"}")))
                .isEmpty();
    }

    @Test
    void oneRepositoryWithAnyRefIsNotAWildcard() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:*\"}")))
                .isEmpty();
    }

    @Test
    void everyRepositoryOfTheOwnerIsAWildcard() {
        List<TrustIssue> issues = judgement.judge(
                PolicyParser.parse(
                        github("\"StringEquals\":{" + AUD
                                + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/*\"}"),
                        "t",
                        PolicyKind.TRUST),
                ROLE,
                ACCOUNT);
        assertThat(issues).extracting(TrustIssue::type).containsExactly(OIDC_SUBJECT_WILDCARD);
        assertThat(issues.get(0).message()).contains("Any repository of acme on GitHub Actions");
        assertThat(issues.get(0).statement()).isEqualTo("Ci");
    }

    @Test
    void anOwnerWildcardIsUnrestricted() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:*/shop:*\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void noSubjectConditionIsUnrestricted() {
        assertThat(types(github("\"StringEquals\":{" + AUD + "}"))).containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void aStarSubjectIsUnrestricted() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"*\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void onlyNegatedSubjectConditionsAreUnrestricted() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + "},\"StringNotLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:evil/*\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void aDenyOfOtherOwnersRestrictsAsWellAsAnAllowCondition() {
        String trust = """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                  "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}},
                 {"Effect":"Deny","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity",
                  "Condition":{"StringNotEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/shop:environment:prod"}}}]}""".formatted(GITHUB);
        assertThat(types(trust)).isEmpty();
    }

    @Test
    void noAudienceConditionIsReportedOnItsOwn() {
        assertThat(
                        types(
                                github(
                                        "\"StringEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:environment:prod\"}")))
                .containsExactly(OIDC_AUDIENCE_MISSING);
    }

    @Test
    void providerClaimKeysRestrictLikeTheSubject() {
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + ",\"token.actions.githubusercontent.com:repository\":\"acme/shop\","
                        + "\"token.actions.githubusercontent.com:environment\":\"prod\"}")))
                .isEmpty();
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + ",\"token.actions.githubusercontent.com:repository_owner\":\"acme\"}")))
                .containsExactly(OIDC_SUBJECT_WILDCARD);
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + "},\"StringLike\":{\"token.actions.githubusercontent.com:repository\":\"acme/*\"}")))
                .containsExactly(OIDC_SUBJECT_WILDCARD);
        assertThat(types(github(
                        "\"StringEquals\":{" + AUD + ",\"token.actions.githubusercontent.com:environment\":\"prod\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
        assertThat(types(github("\"StringEquals\":{" + AUD
                        + ",\"token.actions.githubusercontent.com:repository_id\":\"892364\"}")))
                .isEmpty();
    }

    @Test
    void gitlabProjectBranchIsCleanAndGroupWildcardIsNot() {
        String aud = "\"gitlab.com:aud\":\"https://gitlab.com\"";
        assertThat(types(oidc(
                        GITLAB,
                        "\"StringEquals\":{" + aud
                                + ",\"gitlab.com:sub\":\"project_path:acme/platform/shop:ref_type:branch:ref:main\"}")))
                .isEmpty();
        assertThat(
                        types(
                                oidc(
                                        GITLAB,
                                        "\"StringEquals\":{" + aud
                                                + "},\"StringLike\":{\"gitlab.com:sub\":\"project_path:acme/*:ref_type:branch:ref:main\"}")))
                .containsExactly(OIDC_SUBJECT_WILDCARD);
        assertThat(types(oidc(
                        GITLAB,
                        "\"StringEquals\":{" + aud + "},\"StringLike\":{\"gitlab.com:sub\":\"project_path:*\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void selfManagedGitlabWithoutSubjectIsUnrestricted() {
        String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/gitlab.example.com";
        assertThat(types(
                        oidc(provider, "\"StringEquals\":{\"gitlab.example.com:aud\":\"https://gitlab.example.com\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void hcpTerraformWorkspaceIsCleanAndEveryWorkspaceOfTheOrganizationIsAWildcard() {
        String aud = "\"app.terraform.io:aud\":\"aws.workload.identity\"";
        assertThat(types(oidc(
                        TFC,
                        "\"StringEquals\":{" + aud + "},\"StringLike\":{\"app.terraform.io:sub\":"
                                + "\"organization:acme:project:Default Project:workspace:prod:run_phase:*\"}")))
                .isEmpty();
        assertThat(types(oidc(
                        TFC,
                        "\"StringEquals\":{" + aud + "},\"StringLike\":{\"app.terraform.io:sub\":"
                                + "\"organization:acme:project:*:workspace:*:run_phase:*\"}")))
                .containsExactly(OIDC_SUBJECT_WILDCARD);
        assertThat(types(oidc(
                        TFC,
                        "\"StringEquals\":{" + aud + "},\"StringLike\":{\"app.terraform.io:sub\":\"organization:*\"}")))
                .containsExactly(OIDC_SUBJECT_UNRESTRICTED);
    }

    @Test
    void anyPrincipalWithoutRestrictionIsReportedAndAnOrganizationConditionRestricts() {
        assertThat(types(aws("\"*\"", ""))).containsExactly(TRUST_ANY_PRINCIPAL);
        assertThat(types(aws("{\"AWS\":\"*\"}", ""))).containsExactly(TRUST_ANY_PRINCIPAL);
        assertThat(types(aws("\"*\"", "\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}")))
                .isEmpty();
        assertThat(types(aws("{\"AWS\":\"*\"}", "\"StringEquals\":{\"aws:PrincipalAccount\":\"" + ACCOUNT + "\"}")))
                .isEmpty();
        assertThat(types(aws(
                        "{\"AWS\":\"*\"}",
                        "\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::" + ACCOUNT + ":role/ci-*\"}")))
                .isEmpty();
    }

    @Test
    void anotherAccountWithoutExternalIdOrOrganizationIsExternal() {
        String other = "{\"AWS\":\"arn:aws:iam::222233334444:root\"}";
        assertThat(types(aws(other, ""))).containsExactly(TRUST_EXTERNAL_ACCOUNT);
        assertThat(types(aws(other, "\"StringEquals\":{\"sts:ExternalId\":\"7f3a\"}")))
                .isEmpty();
        assertThat(types(aws(other, "\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}")))
                .isEmpty();
        assertThat(types(aws("{\"AWS\":\"arn:aws:iam::222233334444:role/ci\"}", "")))
                .containsExactly(TRUST_EXTERNAL_ACCOUNT);
        assertThat(types(aws("{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "")))
                .isEmpty();
    }

    @Test
    void describeSummarisesWhoIsAdmitted() {
        var trust = PolicyParser.parse(
                github("\"StringEquals\":{" + AUD
                        + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/*\"}"),
                "t",
                PolicyKind.TRUST);
        var probes = judgement.probes().universe(ROLE, List.of(trust));
        assertThat(TrustAnalysis.describe(TrustAnalysis.admitted(trust, probes)))
                .containsExactly("any repository of acme on GitHub Actions");
        var exact = PolicyParser.parse(
                github("\"StringEquals\":{" + AUD
                        + ",\"token.actions.githubusercontent.com:sub\":\"repo:acme/shop:environment:prod\"}"),
                "t",
                PolicyKind.TRUST);
        assertThat(TrustAnalysis.describe(
                        TrustAnalysis.admitted(exact, judgement.probes().universe(ROLE, List.of(exact)))))
                .containsExactly("repo:acme/shop:environment:prod");
    }
}
