package io.iamdrift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deploy smoke test, standing in for {@code sam deploy}: template.yaml transformed by aws-sam-translator
 * with the built drift-auditor.jar uploaded to the emulator's S3 (as {@code sam package} does), created as a
 * CloudFormation stack in moto, then every resource looked up through its own service's API.
 *
 * <p>moto 5.2.1's CloudFormation has no model for some types ({@link #NOT_MODELLED}): they are taken out of the
 * stack before it is created, and checked in the transformed template instead. The product template is never
 * changed for the emulator.
 */
@ExtendWith(MotoServer.class)
class SamDeployIT {

    static final String STACK = "iam-drift-auditor";
    static final String EMAIL = "iam-alerts@example.com";
    static final String ARTIFACTS = "sam-artifacts-123456789012";
    static final Path JAR = Path.of("target/drift-auditor.jar");

    /** Resource types moto's CloudFormation cannot create (it warns and skips them), with how they are checked. */
    static final Map<String, String> NOT_MODELLED = Map.of(
            "AWS::S3::BucketPolicy",
            "no model in moto 5.2.1; its TLS-only statement is checked in the template here "
                    + "and linted by TemplatePoliciesLintIT",
            "AWS::CloudWatch::Alarm",
            "no model in moto 5.2.1; metrics, dimensions and actions checked in the template here",
            "AWS::Lambda::Alias",
            "moto 5.2.1 cannot resolve a Ref to it: the emulator's stack points rules, permissions "
                    + "and queues at the function itself; SnapStart behind the live alias is checked in the template here",
            "AWS::Lambda::Version",
            "only the alias refers to it");

    /** Properties moto's CloudFormation accepts but does not apply: checked in the transformed template. */
    static final List<String> NOT_APPLIED = List.of(
            "AWS::S3::Bucket VersioningConfiguration, PublicAccessBlockConfiguration, LifecycleConfiguration",
            "AWS::Lambda::Function DeadLetterConfig, LoggingConfig, Architectures",
            "AWS::IAM::Role ManagedPolicyArns");

    static AwsClients aws;
    static CloudFormationClient cfn;
    static LambdaClient lambda;
    static EventBridgeClient events;
    static JsonNode transformed;
    static Map<String, String> physical;

    @BeforeAll
    static void deploy(MotoServer.Endpoint moto) throws Exception {
        moto.reset();
        aws = moto.clients();
        cfn = aws.configure(CloudFormationClient.builder(), "CLOUDFORMATION").build();
        lambda = aws.configure(LambdaClient.builder(), "LAMBDA").build();
        events = aws.configure(EventBridgeClient.builder(), "EVENTBRIDGE").build();

        Deployed d = createStack(
                aws,
                cfn,
                STACK,
                List.of(Parameter.builder()
                        .parameterKey("AlertEmail")
                        .parameterValue(EMAIL)
                        .build()),
                Capability.CAPABILITY_IAM);
        transformed = d.template();
        physical = d.physical();
    }

    /** A deployed stack: the transformed template and the physical id of each resource by logical id. */
    record Deployed(JsonNode template, Map<String, String> physical) {}

    /**
     * {@code sam package} and {@code sam deploy} against the emulator: the jar uploaded under its MD5, template.yaml
     * transformed to point at it, the stack created from S3 with the parameters given.
     */
    static Deployed createStack(
            AwsClients aws,
            CloudFormationClient cfn,
            String stack,
            List<Parameter> parameters,
            Capability... capabilities)
            throws Exception {
        byte[] jar = Files.readAllBytes(JAR);
        String codeKey = stack + "/"
                + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(jar));
        if (!aws.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(ARTIFACTS))) {
            aws.s3().createBucket(b -> b.bucket(ARTIFACTS));
        }
        aws.s3().putObject(b -> b.bucket(ARTIFACTS).key(codeKey), RequestBody.fromBytes(jar));
        JsonNode template = SamTransform.transform(
                SamTransform.TEMPLATE, "s3://" + ARTIFACTS + "/" + codeKey, "AWS::StackName=" + stack);

        // the template from S3 (it is larger than CreateStack's 51,200-byte TemplateBody limit)
        String templateKey = stack + "/template.json";
        aws.s3()
                .putObject(
                        b -> b.bucket(ARTIFACTS).key(templateKey),
                        RequestBody.fromString(Json.MAPPER.writeValueAsString(withoutUnmodelled(template))));
        try {
            cfn.createStack(b -> b.stackName(stack)
                    .templateURL("https://s3.us-east-1.amazonaws.com/" + ARTIFACTS + "/" + templateKey)
                    .parameters(parameters)
                    .capabilities(capabilities));
        } catch (software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException e) {
            // on a loaded machine the first attempt can time out after moto created the stack; the SDK's retry then
            // finds it. Only a first attempt's AlreadyExists means the stack was there before this test.
            if (e.numAttempts() == null || e.numAttempts() < 2) {
                throw e;
            }
        }
        Map<String, String> ids = new HashMap<>();
        for (StackResource r :
                cfn.describeStackResources(b -> b.stackName(stack)).stackResources()) {
            // moto 5.2.1 lists each resource whose Condition is false as an entry without a logical id
            if (r.logicalResourceId() != null) {
                ids.put(r.logicalResourceId(), r.physicalResourceId());
            }
        }
        return new Deployed(template, ids);
    }

    @AfterAll
    static void close() {
        cfn.close();
        lambda.close();
        events.close();
        aws.close();
    }

    /** Every {@code {"Ref": alias}} becomes {@code {"Fn::GetAtt": [function, "Arn"]}} (see {@link #NOT_MODELLED}). */
    private static JsonNode pointAliasRefsAtFunctions(JsonNode node, Map<String, String> aliasFunction) {
        if (node.isObject()
                && node.size() == 1
                && node.has("Ref")
                && aliasFunction.containsKey(node.get("Ref").asText())) {
            ObjectNode getAtt = Json.MAPPER.createObjectNode();
            getAtt.putArray("Fn::GetAtt")
                    .add(aliasFunction.get(node.get("Ref").asText()))
                    .add("Arn");
            return getAtt;
        }
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(pointAliasRefsAtFunctions(e.getValue(), aliasFunction)));
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, pointAliasRefsAtFunctions(array.get(i), aliasFunction));
            }
        }
        return node;
    }

    /** The transformed template minus the types moto cannot create (and the DependsOn entries naming them). */
    static JsonNode withoutUnmodelled(JsonNode template) {
        ObjectNode copy = template.deepCopy();
        ObjectNode resources = (ObjectNode) copy.get("Resources");
        Map<String, String> aliasFunction = new HashMap<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Lambda::Alias")) {
                aliasFunction.put(
                        e.getKey(),
                        e.getValue().at("/Properties/FunctionName/Ref").asText());
            }
        });
        pointAliasRefsAtFunctions(copy, aliasFunction);
        Set<String> removed = new TreeSet<>();
        resources.properties().removeIf(e -> {
            boolean drop = NOT_MODELLED.containsKey(e.getValue().path("Type").asText());
            if (drop) {
                removed.add(e.getKey());
            }
            return drop;
        });
        resources.forEach(r -> {
            if (r.has("DependsOn") && r.get("DependsOn").isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("DependsOn"))
                        .removeIf(d -> removed.contains(d.asText()));
            }
        });
        assertThat(copy.toString())
                .as("nothing refers to the resources moto cannot create")
                .doesNotContainPattern("\"(Ref|Fn::GetAtt)\":\\[?\"(" + String.join("|", removed) + ")\"");
        return copy;
    }

    static JsonNode resource(String logicalId) {
        return transformed.path("Resources").path(logicalId);
    }

    @Test
    void stackIsCreatedWithEveryResourceOfTheTemplateThatMotoModels() {
        assertThat(cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
        Set<String> expected = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        TemplateValues values = new TemplateValues(transformed, Map.of("AlertEmail", EMAIL));
        transformed.path("Resources").properties().forEach(e -> {
            types.add(e.getValue().path("Type").asText());
            boolean conditionedOff = e.getValue().has("Condition")
                    && !values.condition(e.getValue().get("Condition").asText());
            if (!NOT_MODELLED.containsKey(e.getValue().path("Type").asText()) && !conditionedOff) {
                expected.add(e.getKey());
            }
        });
        assertThat(physical.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(types)
                .as("a new resource type needs a check here")
                .containsExactlyInAnyOrder(
                        "AWS::Lambda::Function",
                        "AWS::Lambda::Permission",
                        "AWS::IAM::Role",
                        "AWS::IAM::ManagedPolicy",
                        "AWS::S3::Bucket",
                        "AWS::S3::BucketPolicy",
                        "AWS::SNS::Topic",
                        "AWS::SQS::Queue",
                        "AWS::Events::Rule",
                        "AWS::Logs::LogGroup",
                        "AWS::CloudWatch::Alarm",
                        "AWS::Lambda::EventSourceMapping",
                        "AWS::IAM::Policy",
                        "AWS::Lambda::Alias",
                        "AWS::Lambda::Version");
    }

    @Test
    void theSecurityHubStatementIsOffByDefaultAndGrantsOnlyBatchImportOnTheOwnProduct() {
        JsonNode policy = transformed.at("/Resources/SecurityHubFindingsPolicy");
        assertThat(policy.path("Condition").asText()).isEqualTo("SecurityHubOn");
        assertThat(new TemplateValues(transformed, Map.of("AlertEmail", EMAIL)).condition("SecurityHubOn"))
                .isFalse();
        assertThat(physical).doesNotContainKey("SecurityHubFindingsPolicy");
        JsonNode statements = policy.at("/Properties/PolicyDocument/Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).path("Action").asText()).isEqualTo("securityhub:BatchImportFindings");
        assertThat(statements.get(0).at("/Resource/Fn::Sub").asText())
                .isEqualTo(
                        "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default");
    }

    @Test
    void bucketExistsEncryptedAndTheTemplateVersionsItBlocksPublicAccessAndRequiresTls() {
        String bucket = physical.get("AuditBucket");
        aws.s3().headBucket(b -> b.bucket(bucket));
        assertThat(aws.s3()
                        .getBucketEncryption(b -> b.bucket(bucket))
                        .serverSideEncryptionConfiguration()
                        .rules()
                        .get(0)
                        .applyServerSideEncryptionByDefault()
                        .sseAlgorithmAsString())
                .isEqualTo("AES256");
        // moto's CloudFormation applies neither versioning nor the public access block to a bucket: checked here
        JsonNode props = resource("AuditBucket").path("Properties");
        assertThat(props.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
        assertThat(props.path("PublicAccessBlockConfiguration").toString())
                .isEqualTo(
                        "{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}");
        JsonNode tls = resource("AuditBucketPolicy").at("/Properties/PolicyDocument/Statement/0");
        assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tls.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(resource("AuditBucketPolicy").at("/Properties/Bucket/Ref").asText())
                .isEqualTo("AuditBucket");
    }

    @Test
    void topicHasTheEmailSubscriptionOfTheParameter() {
        String topicArn = physical.get("AlertTopic");
        List<Subscription> subscriptions =
                aws.sns().listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions();
        assertThat(subscriptions).singleElement().satisfies(s -> {
            assertThat(s.protocol()).isEqualTo("email");
            assertThat(s.endpoint()).isEqualTo(EMAIL);
        });
    }

    @Test
    void everyFunctionSnapStartsPublishedVersionsAndIsInvokedThroughItsLiveAlias() {
        JsonNode resources = transformed.get("Resources");
        List<String> functions = new ArrayList<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                functions.add(e.getKey());
                assertThat(e.getValue().at("/Properties/SnapStart/ApplyOn").asText())
                        .as(e.getKey())
                        .isEqualTo("PublishedVersions");
                assertThat(resources.has(e.getKey() + "Aliaslive"))
                        .as(e.getKey() + " has the alias live")
                        .isTrue();
            }
        });
        assertThat(functions).contains("ScheduledAuditFunction", "ChangeAuditFunction", "AdHocFunction");
        assertThat(resources
                        .at("/ScheduledAuditFunctionSchedule/Properties/Targets/0/Arn/Ref")
                        .asText())
                .isEqualTo("ScheduledAuditFunctionAliaslive");
        assertThat(resources
                        .at("/ChangeAuditFunctionIamChange/Properties/Targets/0/Arn/Ref")
                        .asText())
                .isEqualTo("ChangeAuditFunctionAliaslive");
    }

    @Test
    void scheduleAndChangeRulesTargetTheirFunctions() {
        DescribeRuleResponse schedule = events.describeRule(b -> b.name(ruleName("ScheduledAuditFunctionSchedule")));
        assertThat(schedule.scheduleExpression()).isEqualTo("rate(1 hour)");
        assertThat(targets("ScheduledAuditFunctionSchedule")).containsExactly(functionArn("ScheduledAuditFunction"));

        DescribeRuleResponse change = events.describeRule(b -> b.name(ruleName("ChangeAuditFunctionIamChange")));
        assertThat(change.stateAsString()).isEqualTo("ENABLED");
        assertThat(change.eventPattern())
                .contains("\"aws.iam\"")
                .contains("AWS API Call via CloudTrail")
                .contains("\"AttachUserPolicy\"")
                .contains("\"CreatePolicyVersion\"");
        assertThat(targets("ChangeAuditFunctionIamChange")).containsExactly(functionArn("ChangeAuditFunction"));
    }

    @Test
    void functionsRunTheUploadedJarWithTheirRoleAndAnEnvironmentPointingAtTheStack() throws Exception {
        String auditRoleArn = aws.iam()
                .getRole(b -> b.roleName(physical.get("AuditRole")))
                .role()
                .arn();
        String adHocRoleArn = aws.iam()
                .getRole(b -> b.roleName(physical.get("AdHocRole")))
                .role()
                .arn();
        Map<String, String> roles = Map.of(
                "ScheduledAuditFunction",
                auditRoleArn,
                "ChangeAuditFunction",
                auditRoleArn,
                "AdHocFunction",
                adHocRoleArn);
        Map<String, String> handlers = Map.of(
                "ScheduledAuditFunction",
                "io.iamdrift.lambda.ScheduledAuditHandler::handleRequest",
                "ChangeAuditFunction",
                "io.iamdrift.lambda.ChangeHandler::handleRequest",
                "AdHocFunction",
                "io.iamdrift.lambda.AdHocHandler::handleRequest");
        for (String id : roles.keySet()) {
            FunctionConfiguration f =
                    lambda.getFunction(b -> b.functionName(physical.get(id))).configuration();
            assertThat(f.runtimeAsString()).as(id).isEqualTo("java21");
            assertThat(f.handler()).as(id).isEqualTo(handlers.get(id));
            assertThat(f.role()).as(id).isEqualTo(roles.get(id));
            assertThat(f.codeSize()).as(id).isEqualTo(Files.size(JAR));
            assertThat(f.memorySize()).as(id).isEqualTo(1024);
            assertThat(f.environment().variables())
                    .as(id)
                    .containsEntry("BASELINE_BUCKET", physical.get("AuditBucket"))
                    .containsEntry("REPORT_BUCKET", physical.get("AuditBucket"))
                    .containsEntry("BASELINE_PREFIX", "baselines/")
                    .containsEntry("ALERT_TOPIC_ARN", physical.get("AlertTopic"))
                    .containsEntry("ALERT_MIN_SEVERITY", "CRITICAL")
                    .containsEntry("REALERT_HOURS", "24")
                    .containsEntry("ENVIRONMENT_NAME", "prod")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", STACK);
        }
        // moto does not apply DeadLetterConfig: the queue exists, the wiring is checked in the template
        try (SqsClient sqs = aws.configure(SqsClient.builder(), "SQS").build()) {
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(physical.get("FailedRunsQueue"))
                                    .attributeNamesWithStrings("MessageRetentionPeriod"))
                            .attributesAsStrings())
                    .containsEntry("MessageRetentionPeriod", "1209600");
        }
        for (String id : List.of("ScheduledAuditFunction", "ChangeAuditFunction")) {
            assertThat(resource(id).at("/Properties/DeadLetterConfig/TargetArn").toString())
                    .as(id)
                    .isEqualTo("{\"Fn::GetAtt\":[\"FailedRunsQueue\",\"Arn\"]}");
        }
        assertThat(resource("AdHocFunction").at("/Properties/DeadLetterConfig").isMissingNode())
                .as("console invocations are synchronous: no dead-letter queue")
                .isTrue();
    }

    @Test
    void rolesCarryTheStacksOwnPoliciesOnly() {
        String auditPermissions = physical.get("AuditPermissions");
        String document = java.net.URLDecoder.decode(
                aws.iam()
                        .getPolicyVersion(b -> b.policyArn(auditPermissions).versionId("v1"))
                        .policyVersion()
                        .document(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(document)
                .contains("iam:GetAccountAuthorizationDetails")
                .contains(physical.get("AlertTopic"))
                .contains("arn:aws:s3:::" + physical.get("AuditBucket") + "/reports/*");
        // moto does not attach ManagedPolicyArns: the attachment is checked in the template
        for (String role : List.of("AuditRole", "AdHocRole")) {
            assertThat(resource(role).at("/Properties/ManagedPolicyArns").toString())
                    .as(role)
                    .isEqualTo("[{\"Ref\":\"AuditPermissions\"}]");
        }
        assertThat(aws.iam()
                        .listRolePolicies(b -> b.roleName(physical.get("AuditRole")))
                        .policyNames())
                .containsExactly("dead-letter-queue");
        assertThat(aws.iam()
                        .listRolePolicies(b -> b.roleName(physical.get("AdHocRole")))
                        .policyNames())
                .containsExactly("capture-baseline");
        assertThat(aws.iam()
                        .getRole(b -> b.roleName(physical.get("AuditRole")))
                        .role()
                        .assumeRolePolicyDocument())
                .contains("lambda.amazonaws.com");
    }

    @Test
    void alarmsWatchErrorsTheFailedRunsQueueAndTheHeartbeat() {
        JsonNode heartbeat = resource("AuditHeartbeatAlarm").path("Properties");
        assertThat(heartbeat.path("Namespace").asText()).isEqualTo("IamDriftAuditor");
        assertThat(heartbeat.path("MetricName").asText()).isEqualTo("AuditsCompleted");
        assertThat(heartbeat.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(heartbeat.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        // the one dimension set Handlers.metrics emits: {Service = POWERTOOLS_SERVICE_NAME, Trigger = schedule}
        assertThat(heartbeat.path("Dimensions").toString())
                .isEqualTo(
                        "[{\"Name\":\"Service\",\"Value\":{\"Ref\":\"AWS::StackName\"}},{\"Name\":\"Trigger\",\"Value\":\"schedule\"}]");
        assertThat(resource("ScheduledAuditFunction")
                        .at("/Properties/Environment/Variables/POWERTOOLS_SERVICE_NAME")
                        .toString())
                .isEqualTo("{\"Ref\":\"AWS::StackName\"}");
        assertThat(resource("AuditErrorsAlarm")
                        .at("/Properties/Dimensions/0/Value/Ref")
                        .asText())
                .isEqualTo("ScheduledAuditFunction");
        assertThat(resource("ChangeAuditErrorsAlarm")
                        .at("/Properties/Dimensions/0/Value/Ref")
                        .asText())
                .isEqualTo("ChangeAuditFunction");
        assertThat(resource("FailedRunsAlarm")
                        .at("/Properties/Dimensions/0/Value/Fn::GetAtt/0")
                        .asText())
                .isEqualTo("FailedRunsQueue");
        for (String alarm :
                List.of("AuditHeartbeatAlarm", "AuditErrorsAlarm", "ChangeAuditErrorsAlarm", "FailedRunsAlarm")) {
            assertThat(resource(alarm).at("/Properties/AlarmActions/0/Ref").asText())
                    .as(alarm)
                    .isEqualTo("AlertTopic");
        }
    }

    @Test
    void eachFunctionLogsToItsOwnLogGroupWithRetention() {
        try (CloudWatchLogsClient logs =
                aws.configure(CloudWatchLogsClient.builder(), "LOGS").build()) {
            for (String id : List.of("ScheduledAuditFunction", "ChangeAuditFunction", "AdHocFunction")) {
                String group = "/aws/lambda/" + physical.get(id);
                assertThat(physical.get(id.replace("Function", "LogGroup"))).isNotNull();
                assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(group))
                                .logGroups())
                        .as(group)
                        .singleElement()
                        .satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(90));
                assertThat(resource(id)
                                .at("/Properties/LoggingConfig/LogGroup/Ref")
                                .asText())
                        .isEqualTo(id.replace("Function", "LogGroup"));
            }
        }
    }

    static String ruleName(String logicalId) {
        String id = physical.get(logicalId);
        return id.contains("rule/") ? id.substring(id.lastIndexOf('/') + 1) : id;
    }

    static List<String> targets(String ruleLogicalId) {
        return events.listTargetsByRule(b -> b.rule(ruleName(ruleLogicalId))).targets().stream()
                .map(t -> t.arn())
                .toList();
    }

    static String functionArn(String logicalId) {
        return lambda.getFunction(b -> b.functionName(physical.get(logicalId)))
                .configuration()
                .functionArn();
    }
}
