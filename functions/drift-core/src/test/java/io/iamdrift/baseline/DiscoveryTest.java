package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.snapshot.PrincipalKind;
import io.iamdrift.snapshot.UserDetail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private final Discovery rules = new Discovery(
            List.of("*-deployer", "ci-?"), List.of("gh-actions-*"), List.of("/ci/"), Map.of("purpose", "deploy*"));

    @Test
    void matchesUserNamesWithStarAndQuestionMarkGlobs() {
        assertThat(rules.matches(PrincipalKind.USER, "prod-deployer", "/", Map.of()))
                .isTrue();
        assertThat(rules.matches(PrincipalKind.USER, "ci-1", "/", Map.of())).isTrue();
        assertThat(rules.matches(PrincipalKind.USER, "ci-12", "/", Map.of())).isFalse();
        assertThat(rules.matches(PrincipalKind.USER, "alice", "/", Map.of())).isFalse();
    }

    @Test
    void isCaseSensitive() {
        assertThat(rules.matches(PrincipalKind.USER, "prod-DEPLOYER", "/", Map.of()))
                .isFalse();
    }

    @Test
    void appliesUserPatternsToUsersAndRolePatternsToRoles() {
        assertThat(rules.matches(PrincipalKind.ROLE, "gh-actions-prod", "/", Map.of()))
                .isTrue();
        assertThat(rules.matches(PrincipalKind.USER, "gh-actions-prod", "/", Map.of()))
                .isFalse();
        assertThat(rules.matches(PrincipalKind.ROLE, "prod-deployer", "/", Map.of()))
                .isFalse();
    }

    @Test
    void matchesPathPrefixes() {
        assertThat(rules.matches(PrincipalKind.ROLE, "anything", "/ci/prod/", Map.of()))
                .isTrue();
        assertThat(rules.matches(PrincipalKind.ROLE, "anything", "/cix/", Map.of()))
                .isFalse();
        assertThat(rules.matches(PrincipalKind.ROLE, "anything", null, Map.of()))
                .isFalse();
    }

    @Test
    void matchesATagWhoseValueMatchesTheGlob() {
        assertThat(rules.matches(PrincipalKind.USER, "bob", "/", Map.of("purpose", "deployment")))
                .isTrue();
        assertThat(rules.matches(PrincipalKind.USER, "bob", "/", Map.of("purpose", "analytics")))
                .isFalse();
        assertThat(rules.matches(PrincipalKind.USER, "bob", "/", Map.of("Purpose", "deploy")))
                .isFalse();
    }

    @Test
    void matchesAPrincipalFromTheSnapshot() {
        UserDetail u = new UserDetail(
                "svc",
                "AIDA",
                "arn:aws:iam::123456789012:user/ci/svc",
                "/ci/",
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                Map.of());

        assertThat(rules.matches(u)).isTrue();
    }

    @Test
    void noRulesMatchNothing() {
        assertThat(Discovery.NONE.isEmpty()).isTrue();
        assertThat(Discovery.NONE.matches(PrincipalKind.USER, "prod-deployer", "/", Map.of("purpose", "deploy")))
                .isFalse();
    }
}
