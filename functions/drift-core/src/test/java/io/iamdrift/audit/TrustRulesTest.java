package io.iamdrift.audit;

import static io.iamdrift.audit.AuditorTest.audit;
import static io.iamdrift.audit.AuditorTest.baseline;
import static io.iamdrift.audit.AuditorTest.ofType;
import static io.iamdrift.audit.TestAccount.STATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;
import io.iamdrift.snapshot.AccountSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustRulesTest {

    static final String GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    static String github(String subject) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{
                  "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                  "StringLike":{"token.actions.githubusercontent.com:sub":"%s"}}}]}""".formatted(GITHUB, subject);
    }

    static String rolePrincipal(String trust) {
        return "{\"type\":\"role\",\"name\":\"deploy\",\"inlinePolicies\":[{\"name\":\"state\",\"document\":" + STATE
                + "}],\"trustPolicy\":" + trust + "}";
    }

    static List<Finding> auditRole(String liveTrust, String baselineTrust) {
        AccountSnapshot snap = new TestAccount()
                .role("deploy", liveTrust, Map.of("state", STATE), List.of(), null)
                .build();
        return audit(snap, baseline(rolePrincipal(baselineTrust)));
    }

    @Test
    void trustWidenedToEveryRepositoryOfTheOwnerSaysWhoCanAssumeNow() {
        List<Finding> findings = auditRole(github("repo:acme/*"), github("repo:acme/shop:environment:prod"));
        Finding drift = ofType(findings, FindingType.TRUST_POLICY_DRIFT).get(0);
        assertThat(drift.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(drift.detail())
                .isEqualTo("any repository of acme on GitHub Actions can now assume the role; "
                        + "before only repo:acme/shop:environment:prod.");
        assertThat(ofType(findings, FindingType.OIDC_SUBJECT_WILDCARD))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void trustNarrowedToOneEnvironmentIsHighAndNamesWhoIsNoLongerAdmitted() {
        List<Finding> findings = auditRole(github("repo:acme/shop:environment:prod"), github("repo:acme/shop:*"));
        Finding drift = ofType(findings, FindingType.TRUST_POLICY_DRIFT).get(0);
        assertThat(drift.severity()).isEqualTo(Severity.HIGH);
        assertThat(drift.detail()).contains("nobody new can assume").contains("no longer admitted: repo:acme/shop");
        assertThat(ofType(findings, FindingType.OIDC_SUBJECT_WILDCARD)).isEmpty();
    }

    @Test
    void aWildcardTheBaselineAlreadyHasIsCappedAtMedium() {
        List<Finding> findings = auditRole(github("repo:acme/*"), github("repo:acme/*"));
        assertThat(ofType(findings, FindingType.TRUST_POLICY_DRIFT)).isEmpty();
        assertThat(ofType(findings, FindingType.OIDC_SUBJECT_WILDCARD))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(f.evidence()).containsEntry("inBaseline", true);
                });
    }

    @Test
    void aRoleTrustingGithubActionsIsADeployerWithoutANamingRule() {
        AccountSnapshot snap = new TestAccount()
                .role("gh-prod", github("repo:acme/shop:environment:prod"), Map.of("state", STATE), List.of(), null)
                .role(
                        "app-runtime",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
                        Map.of("state", STATE),
                        List.of(),
                        null)
                .build();
        List<Finding> findings = audit(snap, baseline());
        assertThat(ofType(findings, FindingType.UNBASELINED_DEPLOYER))
                .extracting(f -> f.principal().name())
                .containsExactly("gh-prod");
        assertThat(findings)
                .noneMatch(f -> f.type() == FindingType.OIDC_SUBJECT_UNRESTRICTED
                        || f.type() == FindingType.OIDC_SUBJECT_WILDCARD);
    }

    @Test
    void anUnbaselinedRoleOpenToEveryGithubRepositoryIsCritical() {
        AccountSnapshot snap = new TestAccount()
                .role("gh-any", github("*"), Map.of("state", STATE), List.of(), null)
                .build();
        assertThat(ofType(audit(snap, baseline()), FindingType.OIDC_SUBJECT_UNRESTRICTED))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void aRoleADeployerUserMayAssumeIsADeployerToo() {
        String trustsUser = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111122223333:user/" + AuditorTest.USER
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        String assume =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"arn:aws:iam::111122223333:role/deploy-*\"}]}";
        AccountSnapshot snap = AuditorTest.account()
                .user(
                        AuditorTest.USER,
                        Map.of("state", STATE, "assume", assume),
                        List.of(TestAccount.arn("CIDeployCore")),
                        List.of(),
                        null)
                .role("deploy-prod", trustsUser, Map.of("state", STATE), List.of(), null)
                .role("audit-reader", trustsUser, Map.of("state", STATE), List.of(), null)
                .build();
        String user = AuditorTest.principal("")
                .replace(
                        "\"inlinePolicies\":[",
                        "\"inlinePolicies\":[{\"name\":\"assume\",\"document\":" + assume + "},");
        assertThat(ofType(audit(snap, baseline(user)), FindingType.UNBASELINED_DEPLOYER))
                .extracting(f -> f.principal().name())
                .containsExactly("deploy-prod");
    }

    static List<Finding> auditAssumable(String liveTrust, String assumableBy) {
        AccountSnapshot snap = new TestAccount()
                .role("deploy", liveTrust, Map.of("state", STATE), List.of(), null)
                .build();
        String p = "{\"type\":\"role\",\"name\":\"deploy\",\"inlinePolicies\":[{\"name\":\"state\",\"document\":"
                + STATE + "}],\"assumableBy\":" + assumableBy + "}";
        return audit(snap, baseline(p));
    }

    @Test
    void assumableByNamesWhoMayAssumeAndAnyoneElseIsCriticalDrift() {
        List<Finding> findings =
                auditAssumable(github("repo:acme/*"), "{\"repositories\":[\"acme/shop\"],\"environments\":[\"prod\"]}");
        assertThat(ofType(findings, FindingType.TRUST_POLICY_DRIFT))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.detail())
                            .startsWith(
                                    "any repository of acme on GitHub Actions can assume the role, which the baseline's "
                                            + "assumableBy does not list");
                });
        assertThat(auditAssumable(
                        github("repo:acme/shop:environment:prod"),
                        "{\"repositories\":[\"acme/shop\"],\"environments\":[\"prod\"]}"))
                .noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    }

    @Test
    void aWildcardAssumableByListsIsCappedAndNotDrift() {
        List<Finding> findings = auditAssumable(github("repo:acme/*"), "{\"repositories\":[\"acme/*\"]}");
        assertThat(ofType(findings, FindingType.TRUST_POLICY_DRIFT)).isEmpty();
        assertThat(ofType(findings, FindingType.OIDC_SUBJECT_WILDCARD))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void anExternalAccountTheBaselineListsIsNotAnAlarm() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::222233334444:root\"},\"Action\":\"sts:AssumeRole\"}]}";
        assertThat(ofType(
                        auditAssumable(trust, "{\"accounts\":[\"222233334444\"]}"), FindingType.TRUST_EXTERNAL_ACCOUNT))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        List<Finding> unlisted = auditAssumable(trust, "{\"accounts\":[\"555566667777\"]}");
        assertThat(ofType(unlisted, FindingType.TRUST_EXTERNAL_ACCOUNT))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        assertThat(ofType(unlisted, FindingType.TRUST_POLICY_DRIFT))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.detail()).startsWith("any principal of account 222233334444 can assume the role"));
    }

    @Test
    void captureWritesWhoMayAssumeFromTodaysTrustAndTheCapturedBaselineIsClean() throws Exception {
        AccountSnapshot snap = new TestAccount()
                .role("gh-prod", github("repo:acme/shop:environment:prod"), Map.of("state", STATE), List.of(), null)
                .role("gh-any-ref", github("repo:acme/web:*"), Map.of("state", STATE), List.of(), null)
                .build();
        var captured =
                new BaselineCapture(AuditorTest.AUDITOR).capture(snap, List.of("gh-prod", "gh-any-ref"), null, null);
        assertThat(captured.at("/principals/0/assumableBy").toString())
                .isEqualTo("{\"repositories\":[\"acme/shop\"],\"environments\":[\"prod\"]}");
        assertThat(captured.at("/principals/1/assumableBy").toString()).isEqualTo("{\"repositories\":[\"acme/web\"]}");
        BaselineSet set = new io.iamdrift.baseline.BaselineLoader().load("captured.json", captured.toString());
        assertThat(set.problems()).isEmpty();
        assertThat(audit(snap, set)).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    }
}
