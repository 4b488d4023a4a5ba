package io.iamdrift.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    private static final String ACCOUNT = "210987654321";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String CORE = "arn:aws:iam::210987654321:policy/CIDeployCore";
    private static final String STORAGE = "arn:aws:iam::210987654321:policy/CIDeployStorage";
    private static final PrincipalRef PROD =
            PrincipalRef.user("prod-deployer", "arn:aws:iam::210987654321:user/prod-deployer");

    private static int counter;

    private static Finding finding(
            FindingType type,
            Severity severity,
            PrincipalRef who,
            String policy,
            Map<String, Object> evidence,
            String... commands) {
        return new Finding(
                "f" + (counter++),
                type,
                severity,
                who,
                policy,
                type + " on " + who.name(),
                "",
                evidence,
                new Remediation(List.of(commands), null));
    }

    private static Map<String, Object> ev(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static PrincipalRef user(String name) {
        return PrincipalRef.user(name, "arn:aws:iam::210987654321:user/" + name);
    }

    @Test
    void anAttachmentAndEverythingItGrantsAreOneIncidentWithTheDetachCommandFirst() {
        Finding attach = finding(
                FindingType.UNEXPECTED_POLICY,
                Severity.CRITICAL,
                PROD,
                ADMIN,
                ev("document", List.of(Map.of("actions", List.of("*"), "resources", List.of("*")))),
                "aws iam detach-user-policy --user-name prod-deployer --policy-arn " + ADMIN);
        Finding admin = finding(
                FindingType.ADMIN_ACCESS,
                Severity.CRITICAL,
                PROD,
                ADMIN,
                ev("inBaseline", false, "grantingPolicies", List.of(ADMIN)));
        Finding forbidden = finding(
                FindingType.FORBIDDEN_ACTION_ALLOWED,
                Severity.CRITICAL,
                PROD,
                null,
                ev("allowedBy", List.of(ADMIN + "#Statement[0]")));
        Finding escalation = finding(
                FindingType.PRIVILEGE_ESCALATION,
                Severity.CRITICAL,
                PROD,
                ADMIN,
                ev("inBaseline", false, "allowedBy", List.of(ADMIN + "#Statement[0]")));
        Finding lint = finding(FindingType.WILDCARD_ACTION, Severity.MEDIUM, PROD, ADMIN, ev("inBaseline", false));

        List<Incident> incidents = Incidents.correlate(ACCOUNT, List.of(admin, forbidden, escalation, lint, attach));

        assertThat(incidents).hasSize(1);
        Incident i = incidents.get(0);
        assertThat(i.title()).isEqualTo("AdministratorAccess attached to prod-deployer");
        assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(i.change().kind()).isEqualTo(ChangeKind.POLICY_ATTACHED);
        assertThat(i.findings()).first().isEqualTo(attach.id());
        assertThat(i.findings())
                .containsExactlyInAnyOrder(attach.id(), admin.id(), forbidden.id(), escalation.id(), lint.id());
        assertThat(i.change().grants()).containsExactly("+ every action on every resource");
        assertThat(i.change().consequences())
                .containsExactly(
                        "admin access", "1 forbidden action allowed", "1 escalation path", "1 wildcard action lint");
        assertThat(i.fix()).first().asString().startsWith("aws iam detach-user-policy");
    }

    @Test
    void holdingKeepsTheStoredIncidentsOfTheFindingsAndCorrelatesTheFindingsNoneHolds() {
        Finding attach = finding(
                FindingType.UNEXPECTED_POLICY,
                Severity.CRITICAL,
                PROD,
                ADMIN,
                ev(),
                "aws iam detach-user-policy --user-name prod-deployer --policy-arn " + ADMIN);
        Finding admin = finding(
                FindingType.ADMIN_ACCESS,
                Severity.CRITICAL,
                PROD,
                ADMIN,
                ev("inBaseline", false, "grantingPolicies", List.of(ADMIN)));
        Finding other = finding(FindingType.UNEXPECTED_POLICY, Severity.HIGH, user("ci"), STORAGE, ev());
        Finding unrelated = finding(FindingType.UNEXPECTED_POLICY, Severity.HIGH, user("cd"), CORE, ev());
        List<Incident> stored = Incidents.correlate(ACCOUNT, List.of(attach, admin, unrelated));

        List<Incident> held = Incidents.holding(ACCOUNT, stored, List.of(admin, other));

        assertThat(held).hasSize(2);
        assertThat(held.get(0))
                .isEqualTo(stored.stream()
                        .filter(i -> i.findings().contains(admin.id()))
                        .findFirst()
                        .orElseThrow());
        assertThat(held.get(1).findings()).containsExactly(other.id());
        assertThat(held).noneMatch(i -> i.findings().contains(unrelated.id()));
    }

    @Test
    void findingsTheBaselineAlreadyExplainsFormOneStandingIncidentPerPrincipal() {
        PrincipalRef other = user("other");
        List<Finding> findings = List.of(
                finding(FindingType.PRIVILEGE_ESCALATION, Severity.MEDIUM, PROD, CORE, ev("inBaseline", true)),
                finding(FindingType.WILDCARD_RESOURCE, Severity.MEDIUM, PROD, CORE, ev("inBaseline", true)),
                finding(FindingType.WILDCARD_RESOURCE, Severity.MEDIUM, other, CORE, ev("inBaseline", true)),
                finding(FindingType.EXCEPTION_EXPIRED, Severity.LOW, PROD, null, ev()));

        List<Incident> incidents = Incidents.correlate(ACCOUNT, findings);

        assertThat(incidents).hasSize(2).allMatch(Incident::standing);
        assertThat(incidents)
                .filteredOn(i -> i.principals().equals(List.of(PROD)))
                .singleElement()
                .satisfies(i -> assertThat(i.findings()).hasSize(3));
    }

    @Test
    void aManagedPolicyVersionWidenedOnManyPrincipalsIsOneIncidentListingEveryPrincipal() {
        List<Finding> findings = new ArrayList<>();
        List<PrincipalRef> deployers =
                IntStream.range(0, 300).mapToObj(n -> user("deployer-" + n)).toList();
        for (PrincipalRef p : deployers) {
            findings.add(finding(
                    FindingType.POLICY_VERSION_DRIFT,
                    Severity.CRITICAL,
                    p,
                    CORE,
                    ev(
                            "expected",
                            Map.of("versionId", "v2"),
                            "found",
                            Map.of("versionId", "v3"),
                            "verdict",
                            "WIDENED",
                            "added",
                            List.of(Map.of("actions", List.of("iam:CreateUser"), "resources", List.of("*")))),
                    "aws iam set-default-policy-version --policy-arn " + CORE + " --version-id v2"));
            findings.add(finding(
                    FindingType.FORBIDDEN_ACTION_ALLOWED,
                    Severity.CRITICAL,
                    p,
                    null,
                    ev("allowedBy", List.of(CORE + "#IamTroubleshooting"))));
        }

        List<Incident> incidents = Incidents.correlate(ACCOUNT, findings);

        assertThat(incidents).hasSize(1);
        Incident i = incidents.get(0);
        assertThat(i.principals()).containsExactlyElementsOf(deployers);
        assertThat(i.findings()).hasSize(600);
        assertThat(i.title())
                .isEqualTo("CIDeployCore default version set to v3 (baseline: v2, WIDENED) on 300 principals");
        assertThat(i.fix())
                .containsExactly("aws iam set-default-policy-version --policy-arn " + CORE + " --version-id v2");
        assertThat(i.change().grants()).containsExactly("+ iam:CreateUser on every resource");
        assertThat(i.change().consequences()).containsExactly("300 forbidden actions allowed (300 principals)");
    }

    @Test
    void principalsAddedToOneGroupAreOneIncidentThatOwnsWhatTheGroupsPoliciesGrant() {
        List<Finding> findings = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            PrincipalRef p = user("member-" + n);
            findings.add(finding(
                    FindingType.GROUP_DRIFT,
                    Severity.CRITICAL,
                    p,
                    null,
                    ev("group", "admins", "change", "added"),
                    "aws iam remove-user-from-group --user-name member-" + n));
            findings.add(finding(
                    FindingType.WILDCARD_ACTION, Severity.MEDIUM, p, ADMIN, ev("inBaseline", false, "via", "admins")));
            findings.add(finding(
                    FindingType.ADMIN_ACCESS,
                    Severity.CRITICAL,
                    p,
                    null,
                    ev("inBaseline", false, "grantingPolicies", List.of("group:admins:" + ADMIN))));
        }

        List<Incident> incidents = Incidents.correlate(ACCOUNT, findings);

        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("3 principals added to group admins");
            assertThat(i.findings()).hasSize(9);
            assertThat(i.change().consequences()).contains("admin access (3 principals)");
        });
    }

    @Test
    void aRequiredActionDeniedJoinsThePolicyDetachmentThatTookItAway() {
        Finding detach = finding(FindingType.MANAGED_POLICY_NOT_ATTACHED, Severity.CRITICAL, PROD, STORAGE, ev());
        Finding widened = finding(FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, PROD, "inline:extra", ev());
        Finding denied = finding(
                FindingType.REQUIRED_ACTION_DENIED,
                Severity.CRITICAL,
                PROD,
                null,
                ev("denied", List.of(Map.of("action", "s3:PutObject", "decision", "implicitDeny"))));

        List<Incident> incidents = Incidents.correlate(ACCOUNT, List.of(detach, widened, denied));

        assertThat(incidents)
                .filteredOn(i -> i.change().kind() == ChangeKind.POLICY_DETACHED)
                .singleElement()
                .satisfies(i -> assertThat(i.findings()).containsExactly(detach.id(), denied.id()));
    }

    @Test
    void aBoundaryRemovalOwnsTheAccessItUncaps() {
        Finding boundary = finding(
                FindingType.BOUNDARY_DRIFT, Severity.CRITICAL, PROD, null, ev("expected", "arn:b", "found", null));
        Finding escalation = finding(
                FindingType.PRIVILEGE_ESCALATION,
                Severity.CRITICAL,
                PROD,
                CORE,
                ev("inBaseline", false, "allowedBy", List.of(CORE + "#S")));

        assertThat(Incidents.correlate(ACCOUNT, List.of(boundary, escalation)))
                .singleElement()
                .satisfies(i -> assertThat(i.change().kind()).isEqualTo(ChangeKind.BOUNDARY));
    }

    @Test
    void everyFindingIsInExactlyOneIncidentAndTheSameChangeKeepsItsIdAcrossRuns() {
        List<Finding> run1 = List.of(
                finding(FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, PROD, ADMIN, ev()),
                finding(FindingType.CONSOLE_ACCESS, Severity.HIGH, PROD, null, ev()),
                finding(FindingType.TRUST_POLICY_DRIFT, Severity.CRITICAL, PrincipalRef.role("r", null), null, ev()),
                finding(FindingType.PRINCIPAL_MISSING, Severity.CRITICAL, user("gone"), null, ev()),
                finding(FindingType.UNBASELINED_DEPLOYER, Severity.HIGH, user("new"), null, ev()),
                finding(FindingType.WILDCARD_RESOURCE, Severity.MEDIUM, user("new"), CORE, ev("inBaseline", false)),
                finding(
                        FindingType.BASELINE_INVALID,
                        Severity.CRITICAL,
                        PrincipalRef.account(ACCOUNT),
                        null,
                        ev("file", "b.json")));
        List<Incident> first = Incidents.correlate(ACCOUNT, run1);

        Set<String> seen = new HashSet<>();
        first.forEach(i -> i.findings()
                .forEach(f -> assertThat(seen.add(f))
                        .as("finding %s in one incident", f)
                        .isTrue()));
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        run1.stream().map(Finding::id).toList());
        assertThat(first).hasSize(6);

        List<Incident> again = Incidents.correlate(
                ACCOUNT, List.of(finding(FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, PROD, ADMIN, ev())));
        List<Incident> other = Incidents.correlate(
                ACCOUNT, List.of(finding(FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, PROD, STORAGE, ev())));
        String adminId = first.stream()
                .filter(i -> i.change().kind() == ChangeKind.POLICY_ATTACHED)
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(again.get(0).id()).isEqualTo(adminId);
        assertThat(other.get(0).id()).isNotEqualTo(adminId);
        assertThat(Incidents.correlate(
                                "111111111111",
                                List.of(finding(FindingType.UNEXPECTED_POLICY, Severity.CRITICAL, PROD, ADMIN, ev())))
                        .get(0)
                        .id())
                .isNotEqualTo(adminId);
    }

    @Test
    void incidentSeverityIsTheHighestOfItsFindings() {
        Finding drift =
                finding(FindingType.POLICY_DRIFT, Severity.HIGH, PROD, "inline:deploy", ev("verdict", "CHANGED"));
        Finding admin =
                finding(FindingType.ADMIN_ACCESS, Severity.CRITICAL, PROD, "inline:deploy", ev("inBaseline", false));

        assertThat(Incidents.correlate(ACCOUNT, List.of(drift, admin)))
                .singleElement()
                .satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.CRITICAL));
    }
}
