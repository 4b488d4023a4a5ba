package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.GuardrailCollector;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.MemberRoles;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.Json;
import io.iamdrift.organization.AccountSelection;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.organization.GuardrailsFile;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Organization guardrails end to end against moto_server (which serves Organizations' ListParents,
 * ListPoliciesForTarget and DescribePolicy, with FullAWSAccess and RCPFullAWSAccess attached as AWS does): an
 * organization with two OUs, Workloads (whose SCP allows data services only) and Sandbox (FullAWSAccess plus an SCP
 * that denies IAM writes), one account in each with the same deployer. The hub reads each account's policies, the
 * member audits judge effective access within them.
 */
@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizationGuardrailsIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String BUCKET = "drift-guardrails-it";
    static final String HUB = MotoServer.ACCOUNT_ID;
    static final String DEPLOYER = "ci-deployer";
    static final String DEPLOY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Functions\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"lambda:GetFunction\",\"lambda:UpdateFunctionCode\",\"s3:PutObject\"],\"Resource\":\"*\"}]}";
    static final String DATA_ONLY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"dynamodb:*\"],\"Resource\":\"*\"}]}";
    static final String NO_IAM_WRITES =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoIamWrites\",\"Effect\":\"Deny\","
                    + "\"Action\":[\"iam:Create*\",\"iam:Put*\",\"iam:Attach*\",\"iam:Update*\",\"iam:Delete*\"],\"Resource\":\"*\"}]}";
    static final String ADMIN =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static AwsClients hub;
    static String queueUrl;
    static final Map<String, String> ACCOUNTS = new LinkedHashMap<>();
    static final Map<String, String> OUS = new LinkedHashMap<>();

    @BeforeAll
    static void organization(MotoServer.Endpoint moto) throws Exception {
        moto.reset();
        hub = moto.clients();
        hub.s3().createBucket(b -> b.bucket(BUCKET));
        queueUrl = hub.sqs()
                .createQueue(b -> b.queueName("guardrails-accounts")
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        OrganizationsClient org = hub.organizations();
        org.createOrganization(b -> b.featureSet("ALL"));
        String root = org.listRoots().roots().get(0).id();
        org.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.RESOURCE_CONTROL_POLICY));
        String fullAccess = org.listPolicies(b -> b.filter(PolicyType.SERVICE_CONTROL_POLICY)).policies().stream()
                .filter(p -> p.name().equals("FullAWSAccess"))
                .findFirst()
                .orElseThrow()
                .id();
        for (String ou : List.of("Workloads", "Sandbox")) {
            OUS.put(
                    ou,
                    org.createOrganizationalUnit(b -> b.parentId(root).name(ou))
                            .organizationalUnit()
                            .id());
        }
        String dataOnly = org.createPolicy(b -> b.name("DataOnly")
                        .description("data services only")
                        .type(PolicyType.SERVICE_CONTROL_POLICY)
                        .content(DATA_ONLY))
                .policy()
                .policySummary()
                .id();
        org.detachPolicy(b -> b.policyId(fullAccess).targetId(OUS.get("Workloads")));
        org.attachPolicy(b -> b.policyId(dataOnly).targetId(OUS.get("Workloads")));
        String noIam = org.createPolicy(b -> b.name("NoIamWrites")
                        .description("no IAM writes")
                        .type(PolicyType.SERVICE_CONTROL_POLICY)
                        .content(NO_IAM_WRITES))
                .policy()
                .policySummary()
                .id();
        org.attachPolicy(b -> b.policyId(noIam).targetId(OUS.get("Sandbox")));
        for (String name : List.of("Workloads", "Sandbox")) {
            String id = org.createAccount(b -> b.accountName(name.toLowerCase()).email(name + "@example.com"))
                    .createAccountStatus()
                    .accountId();
            ACCOUNTS.put(name, id);
            org.moveAccount(b -> b.accountId(id).sourceParentId(root).destinationParentId(OUS.get(name)));
            try (AwsClients member = OrganizationAuditIT.admin(hub, id)) {
                String deploy = member.iam()
                        .createPolicy(b -> b.policyName("CIDeploy").policyDocument(DEPLOY))
                        .policy()
                        .arn();
                member.iam().createUser(b -> b.userName(DEPLOYER));
                member.iam().attachUserPolicy(b -> b.userName(DEPLOYER).policyArn(deploy));
                new LiveAudit(new LiveAudit.Parts(
                                live(),
                                IamCollector.of(member),
                                new S3BaselineStore(hub.s3(), BUCKET, "baselines/"),
                                new S3ReportStore(hub.s3(), BUCKET),
                                null,
                                null,
                                Auditor.withDefaults(),
                                Clock.systemUTC(),
                                null,
                                null,
                                null))
                        .capture(List.of(DEPLOYER), true);
                requireActions(id, "lambda:UpdateFunctionCode", "s3:PutObject");
                if (name.equals("Sandbox")) {
                    String admin = member.iam()
                            .createPolicy(b -> b.policyName("Everything").policyDocument(ADMIN))
                            .policy()
                            .arn();
                    member.iam().attachUserPolicy(b -> b.userName(DEPLOYER).policyArn(admin));
                }
            }
        }
    }

    /** Adds required actions to the captured baseline of the account (the capture writes none). */
    static void requireActions(String accountId, String... actions) throws Exception {
        var listed = hub.s3()
                .listObjectsV2(b -> b.bucket(BUCKET).prefix("baselines/" + accountId + "/"))
                .contents();
        assertThat(listed).hasSize(1);
        String key = listed.get(0).key();
        ObjectNode baseline = (ObjectNode) JSON.readTree(
                hub.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String());
        var required = ((ObjectNode) baseline.get("principals").get(0)).putArray("requiredActions");
        for (String a : actions) {
            required.addObject().put("action", a);
        }
        hub.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(baseline.toString()));
    }

    @AfterAll
    static void closeHub() {
        hub.close();
    }

    static LiveConfig live() {
        return new LiveConfig(
                BUCKET, "baselines/", BUCKET, null, "guardrails-it", Severity.CRITICAL, Duration.ofHours(24));
    }

    @Test
    @Order(1)
    void readsEachAccountsPathAndPoliciesWithCallsSharedAcrossTheRun() {
        GuardrailCollector collector = new GuardrailCollector(hub.organizations());
        Guardrails workloads = collector.collect(ACCOUNTS.get("Workloads"));
        assertThat(workloads.path())
                .containsExactly("root", "OU " + OUS.get("Workloads"), "account " + ACCOUNTS.get("Workloads"));
        assertThat(workloads.serviceControlPolicies()).hasSize(3);
        assertThat(workloads.serviceControlPolicies().get(0))
                .extracting(Guardrails.Policy::name)
                .containsExactly("FullAWSAccess");
        assertThat(workloads.serviceControlPolicies().get(1))
                .extracting(Guardrails.Policy::name)
                .containsExactly("DataOnly");
        assertThat(workloads.resourceControlPolicies()).hasSize(3);
        assertThat(workloads.resourceControlPolicies().get(0))
                .extracting(Guardrails.Policy::name)
                .containsExactly("RCPFullAWSAccess");
        assertThat(workloads.organizationId()).startsWith("o-");
        assertThat(workloads.managementAccountId()).isEqualTo(HUB);
        int first = collector.calls();
        Guardrails sandbox = collector.collect(ACCOUNTS.get("Sandbox"));
        assertThat(sandbox.serviceControlPolicies().get(1))
                .extracting(Guardrails.Policy::name)
                .containsExactlyInAnyOrder("FullAWSAccess", "NoIamWrites");
        assertThat(collector.calls() - first)
                .as("the root's parents and policies come from the cache")
                .isLessThan(first);
        Guardrails again = GuardrailsFile.read("written.json", GuardrailsFile.write(sandbox, ACCOUNTS.get("Sandbox")));
        assertThat(again.serviceControlPolicies().get(1).get(1).document())
                .isEqualTo(sandbox.serviceControlPolicies().get(1).get(1).document());
    }

    @Test
    @Order(2)
    void organizationModeJudgesEachAccountWithinItsScps() throws Exception {
        OrgConfig orgConfig = new OrgConfig(
                queueUrl,
                "IamDriftAuditorMember",
                "guardrails-it",
                AccountSelection.parse("", HUB),
                2,
                0,
                Duration.ofHours(1));
        OrganizationAudit service = new OrganizationAudit(OrganizationAudit.wiring(
                live(),
                orgConfig,
                hub,
                new MemberRoles(hub, "IamDriftAuditorMember", "guardrails-it"),
                Clock.systemUTC()));
        service.startRun("guardrails-run");
        for (String name : List.of("Workloads", "Sandbox")) {
            JsonNode stored = JSON.readTree(hub.s3()
                    .getObjectAsBytes(b -> b.bucket(BUCKET)
                            .key("reports/org/guardrails-run/guardrails/" + ACCOUNTS.get(name) + ".json"))
                    .asUtf8String());
            assertThat(stored.path("collectionError").isMissingNode()).isTrue();
            service.handle(
                    "{\"type\":\"account\",\"runId\":\"guardrails-run\",\"accountId\":\"" + ACCOUNTS.get(name) + "\"}",
                    1);
        }
        JsonNode workloads = latest("Workloads");
        assertThat(findings(workloads, "REQUIRED_ACTION_DENIED"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.path("title").asText())
                            .contains("SCP DataOnly on OU " + OUS.get("Workloads")
                                    + " does not allow lambda:UpdateFunctionCode");
                    assertThat(f.at("/evidence/denied").toString()).doesNotContain("s3:PutObject");
                });
        JsonNode sandbox = latest("Sandbox");
        assertThat(findings(sandbox, "REQUIRED_ACTION_DENIED")).isEmpty();
        assertThat(findings(sandbox, "ADMIN_ACCESS")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("LOW");
            assertThat(f.at("/evidence/cappedByOrganization").asText())
                    .contains("SCP NoIamWrites on OU " + OUS.get("Sandbox") + " denies iam:");
        });
    }

    static JsonNode latest(String name) throws Exception {
        return JSON.readTree(hub.s3()
                .getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/" + ACCOUNTS.get(name) + "/latest.json"))
                .asUtf8String());
    }

    static List<JsonNode> findings(JsonNode report, String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("type").asText().equals(type)) {
                out.add(f);
            }
        });
        return out;
    }
}
