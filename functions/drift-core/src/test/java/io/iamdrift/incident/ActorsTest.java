package io.iamdrift.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorsTest {

    /** The shape of AWS's documented EventBridge "AWS API Call via CloudTrail" event for AttachUserPolicy. */
    private static final Map<String, Object> EVENT = Map.of(
            "detail-type",
            "AWS API Call via CloudTrail",
            "source",
            "aws.iam",
            "detail",
            Map.of(
                    "eventVersion",
                    "1.08",
                    "userIdentity",
                    Map.of(
                            "type",
                            "AssumedRole",
                            "principalId",
                            "AROAEXAMPLE:alice",
                            "arn",
                            "arn:aws:sts::210987654321:assumed-role/Admin/alice",
                            "accountId",
                            "210987654321"),
                    "eventTime",
                    "2026-11-28T07:41:18Z",
                    "eventSource",
                    "iam.amazonaws.com",
                    "eventName",
                    "AttachUserPolicy",
                    "awsRegion",
                    "us-east-1",
                    "sourceIPAddress",
                    "203.0.113.7",
                    "userAgent",
                    "aws-cli/2.15.0",
                    "requestParameters",
                    Map.of("userName", "prod-deployer", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess")));

    @Test
    void aChangeEventCarriesItsCallersIdentityIntoTheIncidentItExplains() {
        Actor actor = Actors.fromEvent(EVENT);
        assertThat(actor)
                .isEqualTo(new Actor(
                        "event",
                        "arn:aws:sts::210987654321:assumed-role/Admin/alice",
                        "AssumedRole",
                        "203.0.113.7",
                        "aws-cli/2.15.0",
                        "2026-11-28T07:41:18Z",
                        "AttachUserPolicy",
                        null));

        PrincipalRef prod = PrincipalRef.user("prod-deployer", null);
        PrincipalRef other = PrincipalRef.user("other", null);
        List<Incident> incidents = Incidents.correlate(
                "210987654321",
                List.of(
                        new Finding(
                                "a",
                                FindingType.UNEXPECTED_POLICY,
                                Severity.CRITICAL,
                                prod,
                                "arn:aws:iam::aws:policy/AdministratorAccess",
                                "t",
                                "",
                                Map.of(),
                                Remediation.of(null)),
                        new Finding(
                                "b",
                                FindingType.UNEXPECTED_POLICY,
                                Severity.CRITICAL,
                                other,
                                "arn:aws:iam::aws:policy/AdministratorAccess",
                                "t",
                                "",
                                Map.of(),
                                Remediation.of(null)),
                        new Finding(
                                "c",
                                FindingType.WILDCARD_RESOURCE,
                                Severity.MEDIUM,
                                prod,
                                "p",
                                "t",
                                "",
                                Map.of("inBaseline", true),
                                Remediation.of(null))));

        List<Incident> attributed = Actors.attach(incidents, actor, List.of("PROD-DEPLOYER"));

        assertThat(attributed)
                .filteredOn(i -> i.actor() != null)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.principals()).containsExactly(prod);
                    assertThat(i.actor().describe())
                            .isEqualTo("arn:aws:sts::210987654321:assumed-role/Admin/alice (AssumedRole)"
                                    + " from 203.0.113.7 at 2026-11-28T07:41:18Z (AttachUserPolicy)");
                });
    }

    @Test
    void anEventWithoutIdentityHasNoActor() {
        assertThat(Actors.fromEvent(Map.of("detail", Map.of("eventName", "PutUserPolicy"))))
                .isNull();
    }
}
