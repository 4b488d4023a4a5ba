package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TerraformActionsTest {

    private static final Path SEED = Path.of("../../../shared/seeds/002_b8f8259bb092c5c5.txt");

    /** The resource types of seed 002 sections 3, 4 and 6a, as listed there (plus S3 sub-resources for aws_s3_bucket_*). */
    static final List<String> SEED_TYPES = List.of(
            "aws_lambda_function",
            "aws_lambda_alias",
            "aws_lambda_layer_version",
            "aws_lambda_event_source_mapping",
            "aws_lambda_function_url",
            "aws_lambda_permission",
            "aws_api_gateway_rest_api",
            "aws_api_gateway_resource",
            "aws_api_gateway_method",
            "aws_api_gateway_integration",
            "aws_api_gateway_deployment",
            "aws_api_gateway_stage",
            "aws_api_gateway_usage_plan",
            "aws_dynamodb_table",
            "aws_s3_bucket",
            "aws_s3_object",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_cors_configuration",
            "aws_s3_bucket_website_configuration",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_acl",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_logging",
            "aws_s3_bucket_notification",
            "aws_s3_bucket_accelerate_configuration",
            "aws_s3_bucket_request_payment_configuration",
            "aws_s3_bucket_replication_configuration",
            "aws_s3_bucket_object_lock_configuration",
            "aws_sns_topic",
            "aws_sns_topic_subscription",
            "aws_sqs_queue",
            "aws_cloudwatch_log_group",
            "aws_cloudwatch_metric_alarm",
            "aws_cloudwatch_dashboard",
            "aws_cognito_user_pool",
            "aws_cognito_user_pool_client",
            "aws_cognito_user_pool_domain",
            "aws_cognito_identity_pool",
            "aws_cognito_identity_provider",
            "aws_cloudfront_distribution",
            "aws_cloudfront_origin_access_control",
            "aws_cloudfront_cache_policy",
            "aws_cloudfront_response_headers_policy",
            "aws_cloudwatch_event_rule",
            "aws_cloudwatch_event_target",
            "aws_secretsmanager_secret",
            "aws_secretsmanager_secret_version",
            "aws_iam_role",
            "aws_iam_policy",
            "aws_iam_role_policy_attachment",
            "aws_iam_user_policy_attachment",
            "aws_iam_user_policy",
            "aws_acm_certificate",
            "aws_rum_app_monitor",
            "aws_budgets_budget",
            "aws_backup_vault",
            "aws_backup_plan",
            "aws_backup_selection",
            "aws_fis_experiment_template");

    private final TerraformActions table = TerraformActions.defaults();

    @Test
    void everySeedResourceTypeResolvesToAtLeastOneAction() {
        for (String type : SEED_TYPES) {
            assertThat(table.knows(type)).as(type).isTrue();
            assertThat(table.actionsFor(type)).as(type).isNotEmpty();
        }
    }

    @Test
    void everyResourceTypeNamedInTheSeedFileIsKnown() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SEED), "seed 002 not present beside the project");
        String seed = Files.readString(SEED, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("`(aws_[a-z0-9_]+)`").matcher(seed);
        Set<String> named = new TreeSet<>();
        while (m.find()) {
            named.add(m.group(1));
        }

        assertThat(named).hasSizeGreaterThan(40);
        assertThat(named.stream().filter(t -> !table.knows(t)).toList())
                .as("seed types missing from the table")
                .isEmpty();
    }

    @Test
    void everyActionTheSeedListsIsRequiredSomewhereOrExplicitlyExcluded() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SEED), "seed 002 not present beside the project");
        String seed = Files.readString(SEED, StandardCharsets.UTF_8);
        String section4 =
                seed.substring(seed.indexOf("### 4. Map Resources"), seed.indexOf("#### Service-Linked Roles"));
        Set<String> seedActions = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([a-z0-9-]+:[A-Z][A-Za-z0-9]*)\\b").matcher(section4);
        while (m.find()) {
            seedActions.add(m.group(1));
        }
        // not actions: the region placeholder of an ARN pattern and a condition key
        seedActions.removeAll(Set.of("apigateway:REGION", "iam:AWSServiceName"));
        Set<String> inTable = table.resourceTypes().stream()
                .flatMap(t -> table.actionsFor(t).stream())
                .map(RequiredAction::action)
                .collect(Collectors.toSet());
        table.general().forEach(a -> inTable.add(a.action()));

        assertThat(seedActions).hasSizeGreaterThan(200);
        assertThat(seedActions.stream()
                        .filter(a -> !inTable.contains(a)
                                && !table.seedActionsNotRequired().containsKey(a))
                        .toList())
                .as("seed actions neither required nor explained")
                .isEmpty();
    }

    @Test
    void lambdaAliasNeedsAliasActionsAndGetFunction() {
        assertThat(table.actionsFor("aws_lambda_alias"))
                .extracting(RequiredAction::action)
                .containsExactly(
                        "lambda:CreateAlias",
                        "lambda:UpdateAlias",
                        "lambda:DeleteAlias",
                        "lambda:GetAlias",
                        "lambda:GetFunction");
    }

    @Test
    void lambdaFunctionNeedsPassRoleOnlyToLambda() {
        assertThat(table.actionsFor("aws_lambda_function"))
                .contains(new RequiredAction(
                        "iam:PassRole",
                        "*",
                        Map.of("iam:PassedToService", List.of("lambda.amazonaws.com")),
                        "managing Terraform aws_lambda_function"));
    }

    @Test
    void rumAppMonitorNeedsTheScopedServiceLinkedRole() {
        assertThat(table.actionsFor("aws_rum_app_monitor"))
                .contains(new RequiredAction(
                        "iam:CreateServiceLinkedRole",
                        "arn:aws:iam::*:role/aws-service-role/rum.amazonaws.com/*",
                        Map.of("iam:AWSServiceName", List.of("rum.amazonaws.com")),
                        "managing Terraform aws_rum_app_monitor"));
    }

    @Test
    void userPolicyAttachmentNeedsTheSelfManagementActions() {
        assertThat(table.actionsFor("aws_iam_user_policy_attachment"))
                .extracting(RequiredAction::action)
                .containsExactlyInAnyOrder(
                        "iam:ListAttachedUserPolicies", "iam:AttachUserPolicy", "iam:DetachUserPolicy");
        assertThat(table.actionsFor("aws_iam_user_policy"))
                .extracting(RequiredAction::action)
                .containsExactlyInAnyOrder(
                        "iam:ListUserPolicies", "iam:GetUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy");
    }

    @Test
    void apiGatewayActionsAreScopedToRestApiPaths() {
        assertThat(table.actionsFor("aws_api_gateway_method"))
                .allSatisfy(a -> assertThat(a.resource()).startsWith("arn:aws:apigateway:*::/restapis"))
                .extracting(RequiredAction::action)
                .contains(
                        "apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE");
    }

    @Test
    void s3SubResourcesNeedTheirOwnGetAndPut() {
        assertThat(table.actionsFor("aws_s3_bucket_versioning"))
                .extracting(RequiredAction::action)
                .containsExactly("s3:GetBucketVersioning", "s3:PutBucketVersioning");
        assertThat(table.actionsFor("aws_s3_bucket"))
                .extracting(RequiredAction::action)
                .contains("s3:CreateBucket", "s3:GetBucketOwnershipControls", "s3:GetReplicationConfiguration");
    }

    @Test
    void unknownTypeIsAnErrorNotNothing() {
        assertThat(table.lookup("aws_nope")).isEmpty();
        assertThatThrownBy(() -> table.actionsFor("aws_nope"))
                .isInstanceOf(TerraformActions.UnknownResourceTypeException.class)
                .hasMessageContaining("unknown Terraform resource type 'aws_nope'");
    }

    @Test
    void actionsForAllAddsTheGeneralActionsOnceWithoutDuplicates() {
        List<RequiredAction> all = table.actionsForAll(List.of("aws_lambda_function", "aws_lambda_alias"));

        assertThat(all)
                .extracting(RequiredAction::action)
                .contains("sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones")
                .containsOnlyOnce("lambda:GetFunction");
        assertThat(table.actionsForAll(List.of())).isEmpty();
    }

    @Test
    void everyActionIsWellFormed() {
        table.resourceTypes()
                .forEach(t -> assertThat(table.actionsFor(t))
                        .allSatisfy(a -> assertThat(a.action()).matches("^[a-z0-9-]+:[A-Za-z0-9]+$")));
    }

    @Test
    void rejectsATableThatNamesAnUnknownGroup() {
        byte[] bad = "{\"general\": [], \"groups\": {}, \"resourceTypes\": {\"aws_x\": [\"@missing\"]}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TerraformActions.parse(bad)).hasMessageContaining("unknown group @missing");
    }
}
