package io.iamdrift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.aws.testing.PagingIamProxy;
import io.iamdrift.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

@ExtendWith(MotoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IamCollectorIT {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String DEPLOY_POLICY = """
      {"Version":"2012-10-17","Statement":[{"Sid":"State","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],\
      "Resource":"arn:aws:s3:::tf-state-123456789012/*"}]}""";
    static final String INLINE_POLICY = """
      {"Version":"2012-10-17","Statement":[{"Sid":"Lambda","Effect":"Allow","Action":"lambda:UpdateFunctionCode",\
      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:app-*"}]}""";
    static final String TRUST = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},\
      "Action":"sts:AssumeRole"}]}""";

    static AwsClients clients;
    static IamClient iam;
    static String deployPolicyArn;
    static String boundaryArn;

    @BeforeAll
    static void setUp(MotoServer.Endpoint moto) {
        clients = moto.clients();
        iam = clients.iam();
        deployPolicyArn = iam.createPolicy(b -> b.policyName("deployer-state").policyDocument(DEPLOY_POLICY))
                .policy()
                .arn();
        boundaryArn = iam.createPolicy(b -> b.policyName("deployer-boundary").policyDocument(DEPLOY_POLICY))
                .policy()
                .arn();
        iam.createGroup(b -> b.groupName("deployers"));
        iam.attachGroupPolicy(b -> b.groupName("deployers").policyArn(deployPolicyArn));
        iam.putGroupPolicy(
                b -> b.groupName("deployers").policyName("group-inline").policyDocument(INLINE_POLICY));
        // moto gap: user permissions boundaries are not stored (CreateUser/PutUserPermissionsBoundary), roles' are
        iam.createRole(b ->
                b.roleName("ci-deploy-role").assumeRolePolicyDocument(TRUST).permissionsBoundary(boundaryArn));
        iam.attachRolePolicy(b -> b.roleName("ci-deploy-role").policyArn(deployPolicyArn));
        iam.createUser(b -> b.userName("unrelated"));
    }

    @AfterAll
    static void tearDown() {
        clients.close();
    }

    static void createDeployer(String name, boolean withKey) {
        iam.createUser(b -> b.userName(name).tags(t -> t.key("role").value("deployer")));
        iam.attachUserPolicy(b -> b.userName(name).policyArn(deployPolicyArn));
        iam.putUserPolicy(b -> b.userName(name).policyName("inline-" + name).policyDocument(INLINE_POLICY));
        iam.addUserToGroup(b -> b.userName(name).groupName("deployers"));
        if (withKey) {
            iam.createAccessKey(b -> b.userName(name));
        }
    }

    @Test
    @Order(1)
    void collectsTheEnvelopeWithCliMemberNames() throws Exception {
        for (int i = 0; i < 3; i++) {
            createDeployer("ci-deployer-" + i, true);
        }
        IamCollector collector = new IamCollector(iam, clients.sts());
        IamCollector.Snapshot s = collector.collect();

        assertThat(s.accountId()).isEqualTo(MotoServer.ACCOUNT_ID);
        assertThat(s.warnings()).isEmpty();
        JsonNode env = JSON.readTree(s.envelopeJson());
        assertThat(env.path("accountId").asText()).isEqualTo(MotoServer.ACCOUNT_ID);
        assertThat(env.path("collectedAt").asText()).isEqualTo(s.collectedAt().toString());
        JsonNode details = env.path("authorizationDetails");
        assertThat(details.fieldNames())
                .toIterable()
                .containsExactly("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");

        JsonNode user = find(details.path("UserDetailList"), "UserName", "ci-deployer-1");
        assertThat(user.path("Arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/ci-deployer-1");
        assertThat(user.path("UserId").asText()).isNotEmpty();
        assertThat(user.path("CreateDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(user.path("GroupList")).extracting(JsonNode::asText).containsExactly("deployers");
        assertThat(user.path("AttachedManagedPolicies").get(0).path("PolicyArn").asText())
                .isEqualTo(deployPolicyArn);
        assertThat(user.path("AttachedManagedPolicies")
                        .get(0)
                        .path("PolicyName")
                        .asText())
                .isEqualTo("deployer-state");
        assertThat(user.path("Tags").get(0).path("Key").asText()).isEqualTo("role");
        JsonNode inline = user.path("UserPolicyList").get(0);
        assertThat(inline.path("PolicyName").asText()).isEqualTo("inline-ci-deployer-1");
        // documents stay strings (URL-encoded by the real API), the reader decodes them
        assertThat(inline.path("PolicyDocument").isTextual()).isTrue();
        assertThat(JSON.readTree(decode(inline.path("PolicyDocument").asText())))
                .isEqualTo(JSON.readTree(INLINE_POLICY));

        JsonNode group = find(details.path("GroupDetailList"), "GroupName", "deployers");
        assertThat(group.path("GroupPolicyList").get(0).path("PolicyName").asText())
                .isEqualTo("group-inline");
        assertThat(group.path("AttachedManagedPolicies")
                        .get(0)
                        .path("PolicyArn")
                        .asText())
                .isEqualTo(deployPolicyArn);

        JsonNode role = find(details.path("RoleDetailList"), "RoleName", "ci-deploy-role");
        assertThat(JSON.readTree(decode(role.path("AssumeRolePolicyDocument").asText())))
                .isEqualTo(JSON.readTree(TRUST));
        assertThat(role.path("PermissionsBoundary")
                        .path("PermissionsBoundaryArn")
                        .asText())
                .isEqualTo(boundaryArn);
        assertThat(role.path("PermissionsBoundary")
                        .path("PermissionsBoundaryType")
                        .asText())
                .isEqualTo("PermissionsBoundaryPolicy");

        JsonNode policy = find(details.path("Policies"), "Arn", deployPolicyArn);
        assertThat(policy.path("DefaultVersionId").asText()).isEqualTo("v1");
        JsonNode version = policy.path("PolicyVersionList").get(0);
        assertThat(version.path("IsDefaultVersion").asBoolean()).isTrue();
        assertThat(JSON.readTree(decode(version.path("Document").asText()))).isEqualTo(JSON.readTree(DEPLOY_POLICY));

        String csv = env.path("credentialReport").asText();
        assertThat(csv).startsWith("user,arn,user_creation_time,");
        assertThat(csv).contains("\nci-deployer-1,arn:aws:iam::123456789012:user/ci-deployer-1,");

        assertThat(s.callsByOperation())
                .containsEntry("sts:GetCallerIdentity", 1)
                .containsEntry("iam:GetAccountAuthorizationDetails", s.pages())
                .containsEntry("iam:GetCredentialReport", 1);
        assertThat(collector.apiCalls()).isEqualTo(s.apiCalls());
    }

    @Test
    @Order(2)
    void scopedCollectionKeepsThePrincipalItsGroupsAndItsPolicies() throws Exception {
        IamCollector.Snapshot s =
                new IamCollector(iam, clients.sts()).collect(IamCollector.Scope.users("CI-deployer-2"));
        JsonNode d = JSON.readTree(s.envelopeJson()).path("authorizationDetails");
        assertThat(names(d.path("UserDetailList"), "UserName")).containsExactly("ci-deployer-2");
        assertThat(names(d.path("GroupDetailList"), "GroupName")).containsExactly("deployers");
        assertThat(names(d.path("RoleDetailList"), "RoleName")).isEmpty();
        assertThat(names(d.path("Policies"), "Arn"))
                .as("every customer managed policy: detached is not missing")
                .containsExactlyInAnyOrder(deployPolicyArn, boundaryArn);
        String csv = JSON.readTree(s.envelopeJson()).path("credentialReport").asText();
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("\nci-deployer-2,");

        IamCollector.Snapshot role =
                new IamCollector(iam, clients.sts()).collect(IamCollector.Scope.roles("ci-deploy-role"));
        JsonNode rd = JSON.readTree(role.envelopeJson());
        assertThat(names(rd.path("authorizationDetails").path("RoleDetailList"), "RoleName"))
                .containsExactly("ci-deploy-role");
        assertThat(names(rd.path("authorizationDetails").path("UserDetailList"), "UserName"))
                .isEmpty();
        assertThat(names(rd.path("authorizationDetails").path("Policies"), "Arn"))
                .containsExactlyInAnyOrder(deployPolicyArn, boundaryArn);
        assertThat(rd.has("credentialReport"))
                .as("no credential report for a role-only scope")
                .isFalse();
        assertThat(role.callsByOperation()).doesNotContainKey("iam:GenerateCredentialReport");

        IamCollector.Snapshot byPolicy =
                new IamCollector(iam, clients.sts()).collect(IamCollector.Scope.policies(deployPolicyArn));
        JsonNode pd = JSON.readTree(byPolicy.envelopeJson()).path("authorizationDetails");
        assertThat(names(pd.path("UserDetailList"), "UserName"))
                .containsExactlyInAnyOrder("ci-deployer-0", "ci-deployer-1", "ci-deployer-2");
        assertThat(names(pd.path("RoleDetailList"), "RoleName")).containsExactly("ci-deploy-role");
    }

    @Test
    @Order(3)
    void thousandDeployersTakeAHandfulOfCalls() throws Exception {
        int n = 1000;
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 3; i < n; i++) {
                String name = "ci-deployer-" + i;
                boolean key = i % 10 == 0;
                futures.add(pool.submit(() -> createDeployer(name, key)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long setupMs = (System.nanoTime() - t0) / 1_000_000;

        IamCollector collector = new IamCollector(
                iam,
                clients.sts(),
                java.time.Clock.systemUTC(),
                Duration.ofSeconds(30),
                d -> Thread.sleep(d.toMillis()));
        long t1 = System.nanoTime();
        IamCollector.Snapshot s = collector.collect();
        long collectMs = (System.nanoTime() - t1) / 1_000_000;
        long iamCalls = s.callsByOperation().entrySet().stream()
                .filter(e -> e.getKey().startsWith("iam:"))
                .mapToInt(e -> e.getValue())
                .sum();
        System.out.printf(
                "[IamCollectorIT] %d deployers: setup %d ms, collect %d ms, %d IAM calls, %d calls in all %s,"
                        + " envelope %d bytes%n",
                n,
                setupMs,
                collectMs,
                iamCalls,
                s.apiCalls(),
                s.callsByOperation(),
                s.envelopeJson().length());

        JsonNode d = JSON.readTree(s.envelopeJson()).path("authorizationDetails");
        Set<String> users = new HashSet<>(names(d.path("UserDetailList"), "UserName"));
        for (int i = 0; i < n; i++) {
            assertThat(users).contains("ci-deployer-" + i);
        }
        // moto 5.2.1 never paginates GetAccountAuthorizationDetails (IsTruncated is always false, MaxItems ignored), so
        // here it is one page; callsGrowWithPagesOfAThousandEntitiesNotWithPrincipals pages it as AWS does.
        assertThat(iamCalls).isLessThan(15);
        assertThat(s.apiCalls()).isLessThan(16);
    }

    @Test
    @Order(4)
    void callsGrowWithPagesOfAThousandEntitiesNotWithPrincipals(MotoServer.Endpoint moto) throws Exception {
        try (PagingIamProxy proxy = new PagingIamProxy(moto.uri());
                IamClient paged = clients.configure(IamClient.builder(), AwsSettings.IAM)
                        .endpointOverride(proxy.uri())
                        .build()) {
            IamCollector.Snapshot s = new IamCollector(paged, clients.sts()).collect();
            JsonNode d = JSON.readTree(s.envelopeJson()).path("authorizationDetails");
            int entities = d.path("UserDetailList").size()
                    + d.path("GroupDetailList").size()
                    + d.path("RoleDetailList").size()
                    + d.path("Policies").size();
            long iamCalls = s.callsByOperation().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("iam:"))
                    .mapToInt(e -> e.getValue())
                    .sum();
            System.out.printf(
                    "[IamCollectorIT] paged as AWS pages: %d entities in %d pages, %d IAM calls %s%n",
                    entities, s.pages(), iamCalls, s.callsByOperation());

            assertThat(entities).as("more than one page of 1,000").isGreaterThan(IamCollector.MAX_ITEMS);
            assertThat(s.pages()).isEqualTo((entities + IamCollector.MAX_ITEMS - 1) / IamCollector.MAX_ITEMS);
            assertThat(s.callsByOperation()).containsEntry("iam:GetAccountAuthorizationDetails", s.pages());
            Set<String> users = new HashSet<>(names(d.path("UserDetailList"), "UserName"));
            assertThat(users).hasSize(1001).contains("unrelated", "ci-deployer-0", "ci-deployer-999");
            assertThat(iamCalls).isLessThan(15);
        }
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    static String decode(String document) {
        return document.trim().startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
    }
}
