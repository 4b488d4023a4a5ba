package io.iamdrift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Organization mode's half of the deploy smoke test: template.yaml with {@code OrganizationMode=true}, transformed
 * and created as a stack in moto like {@link SamDeployIT} does, then the wiring the code relies on checked through
 * the services' APIs: the queue's redrive to the DLQ after as many receives as the member function's
 * MEMBER_MAX_ATTEMPTS, the event source mapping (batch size 1, partial batch failures), both handlers and their
 * environments, the member-audit role's fixed name (org/member-role.yaml trusts it by name).
 */
@ExtendWith(MotoServer.class)
class OrgStackDeployIT {

    static final String STACK = "iam-drift-org";
    static AwsClients aws;
    static CloudFormationClient cfn;
    static LambdaClient lambda;
    static JsonNode transformed;
    static final Map<String, String> physical = new HashMap<>();

    @BeforeAll
    static void deploy(MotoServer.Endpoint moto) throws Exception {
        moto.reset();
        aws = moto.clients();
        cfn = aws.configure(CloudFormationClient.builder(), "CLOUDFORMATION").build();
        lambda = aws.configure(LambdaClient.builder(), "LAMBDA").build();
        SamDeployIT.Deployed d = SamDeployIT.createStack(
                aws,
                cfn,
                STACK,
                List.of(
                        param("OrganizationMode", "true"),
                        param("MemberExternalId", "org-external-id"),
                        param("OrgExcludeAccounts", "123456789012")),
                Capability.CAPABILITY_IAM,
                Capability.CAPABILITY_NAMED_IAM);
        transformed = d.template();
        physical.putAll(d.physical());
    }

    static Parameter param(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    @AfterAll
    static void close() {
        cfn.close();
        lambda.close();
        aws.close();
    }

    @Test
    void organizationStackIsCreatedWithTheHubTheMemberAuditAndTheirQueues() {
        assertThat(cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(physical)
                .containsKeys(
                        "OrgAccountsQueue",
                        "OrgAccountsDeadLetterQueue",
                        "OrgHubFunction",
                        "OrgMemberAuditFunction",
                        "OrgHubRole",
                        "OrgMemberAuditRole",
                        "OrgHubFunctionSchedule");
        assertThat(physical.get("OrgMemberAuditRole")).isEqualTo(STACK + "-member-audit");
    }

    @Test
    void failedAccountMessagesReachTheDeadLetterQueueAfterTheMembersLastAttempt() throws Exception {
        String queueUrl = aws.sqs()
                .getQueueUrl(b -> b.queueName(name(physical.get("OrgAccountsQueue"))))
                .queueUrl();
        String dlqUrl = aws.sqs()
                .getQueueUrl(b -> b.queueName(name(physical.get("OrgAccountsDeadLetterQueue"))))
                .queueUrl();
        String dlqArn = aws.sqs()
                .getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        JsonNode redrive = Json.MAPPER.readTree(aws.sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("RedrivePolicy"))
                .attributesAsStrings()
                .get("RedrivePolicy"));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(dlqArn);
        FunctionConfiguration member = function("OrgMemberAuditFunction");
        assertThat(redrive.path("maxReceiveCount").asText())
                .isEqualTo(member.environment().variables().get("MEMBER_MAX_ATTEMPTS"));
        var mapping = transformed.at("/Resources/OrgMemberAuditFunctionAccounts/Properties");
        assertThat(mapping.path("BatchSize").asInt()).isEqualTo(1);
        assertThat(mapping.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
    }

    @Test
    void hubAndMemberRunTheirHandlersWithTheQueueRoleNameAndExternalId() {
        FunctionConfiguration hub = function("OrgHubFunction");
        FunctionConfiguration member = function("OrgMemberAuditFunction");
        assertThat(hub.handler()).isEqualTo("io.iamdrift.lambda.OrganizationHubHandler::handleRequest");
        assertThat(member.handler()).isEqualTo("io.iamdrift.lambda.MemberAuditHandler::handleRequest");
        String queueUrl = physical.get("OrgAccountsQueue"); // the queue's Ref: its URL
        for (FunctionConfiguration f : new FunctionConfiguration[] {hub, member}) {
            assertThat(f.environment().variables())
                    .as(f.functionName())
                    .containsEntry("ORG_QUEUE_URL", queueUrl)
                    .containsEntry("MEMBER_ROLE_NAME", "IamDriftAuditorMember")
                    .containsEntry("MEMBER_EXTERNAL_ID", "org-external-id")
                    .containsKey("BASELINE_BUCKET");
        }
        assertThat(hub.environment().variables()).containsEntry("ORG_EXCLUDE_ACCOUNTS", "123456789012");
    }

    static FunctionConfiguration function(String logicalId) {
        return lambda.getFunction(b -> b.functionName(physical.get(logicalId))).configuration();
    }

    /** A queue's name from the physical id moto reports (its URL). */
    static String name(String physicalId) {
        return physicalId.substring(physicalId.lastIndexOf('/') + 1);
    }
}
