#!/usr/bin/env python3
"""Builds the bundled example account (snapshot.json) and its baselines (baselines/*.json).

The committed JSON files are the source of truth for tests; this script only documents how they were made
and regenerates them byte for byte (python3 events/example/build_example.py). Stdlib only.
Every injected drift is marked "DRIFT (n)" below and listed in EXPECTED.md.
"""
import copy
import hashlib
import base64
import json
import os
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ACCT = "210987654321"
REGION = "us-east-1"
COLLECTED_AT = "2026-11-20T06:00:00Z"
STATE_BUCKET = "acme-iac-state-prod"
LOCK_TABLE = f"arn:aws:dynamodb:{REGION}:{ACCT}:table/acme-iac-state-locks"
TZ_BUCKET = f"tz-state-{ACCT}-{REGION}"


def iam_id(prefix, name):
    """A stable IAM unique id (AIDA..., AROA..., AGPA..., ANPA...): prefix + 17 base32 characters."""
    digest = base64.b32encode(hashlib.sha256((prefix + name).encode()).digest()).decode()
    return prefix + digest[:17]


def url_encoded(doc):
    """The raw IAM API form: the submitted JSON text, percent-encoded (RFC 3986)."""
    return urllib.parse.quote(json.dumps(doc, indent=4), safe="")


def pol(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def stmt(sid, actions, resources, condition=None, effect="Allow"):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    s["Action"] = actions
    s["Resource"] = resources
    if condition:
        s["Condition"] = condition
    return s


# --------------------------------------------------------------------------------------------------
# Policy documents
# --------------------------------------------------------------------------------------------------

# Seed 000: the bootstrap agent's inline policy (Lightsail on *, state lock table, state bucket).
OPS_INLINE_NAME = "ops-bootstrap-agent-read-write"
OPS_INLINE_BASELINE = pol(
    stmt("LightsailInstanceManagement", [
        "lightsail:CreateInstances", "lightsail:GetInstances", "lightsail:GetInstance",
        "lightsail:DeleteInstance", "lightsail:AllocateStaticIp", "lightsail:AttachStaticIp",
        "lightsail:DetachStaticIp", "lightsail:GetStaticIp", "lightsail:GetStaticIps",
        "lightsail:PutInstancePublicPorts", "lightsail:GetInstancePortStates", "lightsail:ImportKeyPair",
        "lightsail:GetKeyPair", "lightsail:GetKeyPairs", "lightsail:DeleteKeyPair",
        "lightsail:DownloadDefaultKeyPair", "lightsail:GetOperation", "lightsail:GetOperations",
        "lightsail:GetRegions", "lightsail:GetBlueprints", "lightsail:GetBundles"], "*"),
    stmt("LightsailSnapshotPreApply", [
        "lightsail:CreateInstanceSnapshot", "lightsail:GetInstanceSnapshots",
        "lightsail:GetInstanceMetricData"], "*"),
    stmt("TerraformStateLock", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], LOCK_TABLE),
    stmt("TerraformStateBucket", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
         f"arn:aws:s3:::{STATE_BUCKET}/*"),
    stmt("TerraformStateBucketList", ["s3:ListBucket"], f"arn:aws:s3:::{STATE_BUCKET}"),
)
# DRIFT (3): the TerraformStateBucket statement now covers every object of every bucket in the account.
OPS_INLINE_LIVE = copy.deepcopy(OPS_INLINE_BASELINE)
OPS_INLINE_LIVE["Statement"][3]["Resource"] = "arn:aws:s3:::*"

# Seed 001: the tz state-backend runtime policy, as a customer managed policy.
TZ_POLICY_NAME = "tz-state-backend-runtime"
TZ_POLICY = pol(
    stmt("ListStatePrefixOnly", ["s3:ListBucket"], f"arn:aws:s3:::{TZ_BUCKET}",
         {"StringLike": {"s3:prefix": ["tz/v1/*"]}}),
    stmt("ReadWriteStateObjectsOnly", ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject"],
         f"arn:aws:s3:::{TZ_BUCKET}/tz/v1/*"),
)

DEPLOYER_USERS = f"arn:aws:iam::{ACCT}:user/ci/acme-shop-*-deployer"
FN = f"arn:aws:lambda:{REGION}:{ACCT}:function:acme-shop-*"

# Seed 002, step 4: the CI deployer policies. CIDeployCore v2 is the reviewed version.
CORE_V2 = pol(
    stmt("LambdaFunctions", [
        "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
        "lambda:DeleteFunction", "lambda:GetFunction", "lambda:GetFunctionConfiguration",
        "lambda:ListVersionsByFunction", "lambda:PublishVersion",
        "lambda:CreateAlias", "lambda:UpdateAlias", "lambda:DeleteAlias", "lambda:GetAlias",
        "lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy",
        "lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig",
        "lambda:DeleteFunctionUrlConfig", "lambda:GetFunctionUrlConfig",
        "lambda:TagResource", "lambda:UntagResource", "lambda:ListTags"], [FN, FN + ":*"]),
    stmt("LambdaLayers", ["lambda:PublishLayerVersion", "lambda:DeleteLayerVersion", "lambda:GetLayerVersion"],
         f"arn:aws:lambda:{REGION}:{ACCT}:layer:acme-shop-*"),
    # CreateEventSourceMapping has no resource type (scoped by the lambda:FunctionArn key instead).
    stmt("LambdaEventSourceMappingCreate", ["lambda:CreateEventSourceMapping"], "*",
         {"ArnLike": {"lambda:FunctionArn": FN}}),
    stmt("LambdaEventSourceMappings", [
        "lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:GetEventSourceMapping"],
        f"arn:aws:lambda:{REGION}:{ACCT}:event-source-mapping:*"),
    stmt("LambdaList", ["lambda:ListFunctions"], "*"),
    stmt("ApiGateway", ["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:DELETE",
                        "apigateway:PATCH"],
         [f"arn:aws:apigateway:{REGION}::/restapis", f"arn:aws:apigateway:{REGION}::/restapis/*",
          f"arn:aws:apigateway:{REGION}::/tags/*"]),
    stmt("IamServiceRoles", [
        "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole",
        "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
        "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole"], f"arn:aws:iam::{ACCT}:role/acme-shop-*"),
    stmt("PassLambdaExecutionRoles", ["iam:PassRole"], f"arn:aws:iam::{ACCT}:role/acme-shop-*-lambda-*",
         {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}),
    stmt("CIDeployerSelfManagement", [
        "iam:GetUser", "iam:ListAttachedUserPolicies", "iam:AttachUserPolicy", "iam:DetachUserPolicy",
        "iam:ListUserPolicies", "iam:GetUserPolicy", "iam:ListGroupsForUser",
        "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions",
        "iam:CreatePolicyVersion", "iam:DeletePolicyVersion"],
         [DEPLOYER_USERS, f"arn:aws:iam::{ACCT}:policy/CIDeploy*"]),
    stmt("ServiceLinkedRoleRum", ["iam:CreateServiceLinkedRole"],
         f"arn:aws:iam::{ACCT}:role/aws-service-role/rum.amazonaws.com/*",
         {"StringEquals": {"iam:AWSServiceName": "rum.amazonaws.com"}}),
    stmt("TerraformStateObjects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
         f"arn:aws:s3:::{STATE_BUCKET}/acme-shop/*"),
    stmt("TerraformStateList", ["s3:ListBucket"], f"arn:aws:s3:::{STATE_BUCKET}",
         {"StringLike": {"s3:prefix": ["acme-shop/*"]}}),
    stmt("TerraformStateLock", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], LOCK_TABLE),
    # Seed 002 "General": the provider's own discovery calls; none of them accepts a resource ARN.
    stmt("CallerIdentity", ["sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones", "ec2:DescribeVpcs",
                            "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"], "*"),
)
# v1: before the RUM service-linked role statement was added (seed 002: "Missing service-linked role").
CORE_V1 = copy.deepcopy(CORE_V2)
CORE_V1["Statement"] = [s for s in CORE_V1["Statement"] if s["Sid"] != "ServiceLinkedRoleRum"]
# DRIFT (5): v3 (now the default version) adds the whole IAM service on every resource.
CORE_V3 = copy.deepcopy(CORE_V2)
CORE_V3["Statement"].append(stmt("IamTroubleshooting", "iam:*", "*"))

MONITORING_V1 = pol(
    stmt("LambdaLogGroups", [
        "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:PutMetricFilter", "logs:DeleteMetricFilter", "logs:DescribeMetricFilters",
        "logs:TagLogGroup", "logs:UntagLogGroup", "logs:TagResource", "logs:UntagResource",
        "logs:ListTagsForResource"],
        [f"arn:aws:logs:{REGION}:{ACCT}:log-group:/aws/lambda/acme-shop-*",
         f"arn:aws:logs:{REGION}:{ACCT}:log-group:/aws/lambda/acme-shop-*:*"]),
    stmt("DescribeLogGroups", ["logs:DescribeLogGroups"], f"arn:aws:logs:{REGION}:{ACCT}:log-group:*"),
    stmt("Alarms", ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms",
                    "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
         f"arn:aws:cloudwatch:{REGION}:{ACCT}:alarm:acme-shop-*"),
    stmt("Dashboards", ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards", "cloudwatch:GetDashboard"],
         f"arn:aws:cloudwatch::{ACCT}:dashboard/acme-shop-*"),
    stmt("MetricsRead", ["cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:ListDashboards"],
         "*"),
    stmt("RumAppMonitors", ["rum:CreateAppMonitor", "rum:UpdateAppMonitor", "rum:DeleteAppMonitor",
                            "rum:GetAppMonitor", "rum:TagResource", "rum:UntagResource",
                            "rum:ListTagsForResource"],
         f"arn:aws:rum:{REGION}:{ACCT}:appmonitor/acme-shop-*"),
    stmt("RumList", ["rum:ListAppMonitors"], "*"),
)

STORAGE_V1 = pol(
    stmt("DynamoDbTables", [
        "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable",
        "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive", "dynamodb:DescribeContinuousBackups",
        "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource",
        "dynamodb:ListTagsOfResource"], f"arn:aws:dynamodb:{REGION}:{ACCT}:table/acme-shop-*"),
    stmt("DynamoDbList", ["dynamodb:ListTables"], "*"),
    stmt("S3Buckets", [
        "s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation",
        "s3:GetBucketVersioning", "s3:PutBucketVersioning",
        "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
        "s3:GetBucketTagging", "s3:PutBucketTagging",
        "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
        "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
        "s3:GetBucketCORS", "s3:PutBucketCORS", "s3:DeleteBucketCORS",
        "s3:GetBucketWebsite", "s3:PutBucketWebsite", "s3:DeleteBucketWebsite",
        "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
        "s3:GetBucketAcl", "s3:PutBucketAcl",
        "s3:GetAccelerateConfiguration", "s3:PutAccelerateConfiguration", "s3:GetBucketRequestPayment",
        "s3:GetBucketLogging", "s3:GetBucketNotification", "s3:GetReplicationConfiguration",
        "s3:GetBucketObjectLockConfiguration", "s3:GetBucketOwnershipControls"],
        "arn:aws:s3:::acme-shop-*"),
    stmt("S3Objects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectAcl", "s3:PutObjectAcl"],
         "arn:aws:s3:::acme-shop-*/*"),
)

GROUP_INLINE_NAME = "ci-deployers-self-read"
GROUP_INLINE = pol(
    stmt("ReadOwnIdentity", ["iam:GetUser", "iam:ListAccessKeys", "iam:ListGroupsForUser"],
         f"arn:aws:iam::{ACCT}:user/ci/${{aws:username}}"),
)

# DRIFT (8): an inline policy added to the group by hand while debugging a pipeline: every secret of the account.
GROUP_DEBUG_NAME = "ci-deployers-debug-secrets"
GROUP_DEBUG = pol(
    stmt("ReadSecretsWhileDebugging", ["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"], "*"),
)

GITHUB_ROLE = "acme-shop-github-deploy"
OIDC_PROVIDER = f"arn:aws:iam::{ACCT}:oidc-provider/token.actions.githubusercontent.com"
GITHUB_TRUST = pol({
    "Effect": "Allow",
    "Principal": {"Federated": OIDC_PROVIDER},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme-shop/shop-web:ref:refs/heads/main"},
    },
})
ARTIFACTS = f"arn:aws:s3:::acme-shop-artifacts-{ACCT}/releases/*"


# Two more GitHub Actions OIDC deployer roles (issue 13). The API role trusts one repository's prod
# environment only (clean). The infra role's baseline trusts repo:acme-shop/shop-infra:environment:prod;
# DRIFT (7): its live trust admits every repository of the owner (repo:acme-shop/*).
def github_trust(subject_operator, subject):
    return pol({
        "Sid": "GitHubActions",
        "Effect": "Allow",
        "Principal": {"Federated": OIDC_PROVIDER},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}} | (
            {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                              "token.actions.githubusercontent.com:sub": subject}}
            if subject_operator == "StringEquals"
            else {subject_operator: {"token.actions.githubusercontent.com:sub": subject}}),
    })


OIDC_API_ROLE = "acme-shop-api-oidc-deploy"
OIDC_API_TRUST = github_trust("StringEquals", "repo:acme-shop/shop-api:environment:prod")
OIDC_INFRA_ROLE = "acme-shop-infra-oidc-deploy"
OIDC_INFRA_TRUST_BASELINE = github_trust("StringEquals", "repo:acme-shop/shop-infra:environment:prod")
OIDC_INFRA_TRUST_LIVE = github_trust("StringLike", "repo:acme-shop/*")
OIDC_INLINE_NAME = "release-artifacts"
OIDC_INLINE = pol(stmt("ReadReleaseArtifacts", ["s3:GetObject"], ARTIFACTS))
GITHUB_INLINE_NAME = "deploy-permissions"
GITHUB_INLINE = pol(
    stmt("LambdaCodeDeploy", ["lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:PublishVersion",
                              "lambda:GetAlias", "lambda:UpdateAlias"], [FN, FN + ":*"]),
    stmt("ReleaseArtifacts", ["s3:GetObject", "s3:PutObject"], ARTIFACTS),
    stmt("CallerIdentity", ["sts:GetCallerIdentity"], "*"),
)
BOUNDARY_NAME = "acme-shop-deploy-boundary"
BOUNDARY = pol(
    stmt("DeployScopeOnly", ["lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:PublishVersion",
                             "lambda:GetAlias", "lambda:UpdateAlias"], [FN, FN + ":*"]),
    stmt("ArtifactsOnly", ["s3:GetObject", "s3:PutObject"], ARTIFACTS),
    stmt("CallerIdentity", ["sts:GetCallerIdentity"], "*"),
)

LAMBDA_TRUST = pol({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole"})
ORDERS_INLINE = pol(stmt("OrdersTable", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                         f"arn:aws:dynamodb:{REGION}:{ACCT}:table/acme-shop-orders"))

ADMIN_DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
LAMBDA_BASIC_DOC = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    "Resource": "*"}]}

# --------------------------------------------------------------------------------------------------
# Snapshot
# --------------------------------------------------------------------------------------------------

def arn_policy(name):
    return f"arn:aws:iam::{ACCT}:policy/{name}"


ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
LAMBDA_BASIC_ARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
CORE_ARN, MON_ARN, STO_ARN = arn_policy("CIDeployCore"), arn_policy("CIDeployMonitoring"), arn_policy("CIDeployStorage")
TZ_ARN, BOUNDARY_ARN = arn_policy(TZ_POLICY_NAME), arn_policy(BOUNDARY_NAME)


def attached(*arns):
    return [{"PolicyName": a.rsplit("/", 1)[1], "PolicyArn": a} for a in arns]


def tags(**kv):
    return [{"Key": k, "Value": v} for k, v in kv.items()]


def user(name, path, created, inline=(), groups=(), managed=(), boundary=None, tag_list=()):
    u = {
        "Path": path,
        "UserName": name,
        "UserId": iam_id("AIDA", name),
        "Arn": f"arn:aws:iam::{ACCT}:user{path}{name}",
        "CreateDate": created,
        "UserPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline],
        "GroupList": list(groups),
        "AttachedManagedPolicies": attached(*managed),
    }
    if boundary:
        u["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
    u["Tags"] = list(tag_list)
    return u


def managed_policy(arn, path, created, versions, attachments, boundary_uses=0, description=None):
    """versions: list of (version_id, document, is_default, create_date), newest first."""
    default = next(v for v, _, d, _ in versions if d)
    updated = next(c for v, _, d, c in versions if d)
    p = {
        "PolicyName": arn.rsplit("/", 1)[1],
        "PolicyId": iam_id("ANPA", arn),
        "Arn": arn,
        "Path": path,
        "DefaultVersionId": default,
        "AttachmentCount": attachments,
        "PermissionsBoundaryUsageCount": boundary_uses,
        "IsAttachable": True,
    }
    if description:
        p["Description"] = description
    p["CreateDate"] = created
    p["UpdateDate"] = updated
    p["PolicyVersionList"] = [{"Document": doc, "VersionId": v, "IsDefaultVersion": d, "CreateDate": c}
                              for v, doc, d, c in versions]
    return p


def oidc_role(name, created, trust):
    return {
        "Path": "/",
        "RoleName": name,
        "RoleId": iam_id("AROA", name),
        "Arn": f"arn:aws:iam::{ACCT}:role/{name}",
        "CreateDate": created,
        "AssumeRolePolicyDocument": trust,
        "InstanceProfileList": [],
        "RolePolicyList": [{"PolicyName": OIDC_INLINE_NAME, "PolicyDocument": OIDC_INLINE}],
        "AttachedManagedPolicies": [],
        "Tags": tags(Project="acme-shop", Environment="prod", ManagedBy="terraform"),
        "RoleLastUsed": {"LastUsedDate": "2026-11-19T16:02:11+00:00", "Region": REGION},
    }


def oidc_role_baseline(name, trust, repository):
    return {
        "type": "role",
        "name": name,
        "managedPolicies": [],
        "inlinePolicies": [{"name": OIDC_INLINE_NAME, "document": OIDC_INLINE}],
        "permissionsBoundary": None,
        "trustPolicy": trust,
        "assumableBy": {"repositories": [repository], "environments": ["prod"]},
        "requiredActions": [{"action": "s3:GetObject",
                             "resource": f"arn:aws:s3:::acme-shop-artifacts-{ACCT}/releases/1.42.0.zip"}],
    }


def build_snapshot():
    ci_tags = lambda env: tags(Project="acme-shop", Environment=env, ManagedBy="terraform")
    users = [
        user("acme-shop-preprod-deployer", "/ci/", "2025-06-03T08:15:22+00:00",
             groups=["ci-deployers"], managed=[CORE_ARN, MON_ARN, STO_ARN], tag_list=ci_tags("preprod")),
        # DRIFT (1): AdministratorAccess attached. DRIFT (2): CIDeployStorage not attached.
        user("acme-shop-prod-deployer", "/ci/", "2025-06-03T08:15:24+00:00",
             groups=["ci-deployers"], managed=[CORE_ARN, MON_ARN, ADMIN_ARN], tag_list=ci_tags("prod")),
        # DRIFT (6): a deployer created by hand, matched by discovery, named by no baseline.
        user("acme-shop-sandbox-deployer", "/ci/", "2026-11-12T14:03:51+00:00",
             managed=[MON_ARN], tag_list=tags(Project="acme-shop", Environment="sandbox", Owner="r.ito")),
        user("jane.doe", "/humans/", "2024-02-19T10:44:10+00:00", managed=[ADMIN_ARN],
             tag_list=tags(Team="platform")),
        # DRIFT (3): widened inline policy; the document is URL-encoded (raw IAM API form).
        user("ops-bootstrap-agent", "/", "2026-04-28T09:02:13+00:00",
             inline=[(OPS_INLINE_NAME, url_encoded(OPS_INLINE_LIVE))],
             tag_list=tags(Role="deployer", Purpose="lightsail-terraform")),
        user("tz-state-runtime", "/", "2026-02-11T16:30:00+00:00", managed=[TZ_ARN],
             tag_list=tags(Role="deployer", Purpose="tz-state-backend")),
    ]
    groups = [{
        "Path": "/",
        "GroupName": "ci-deployers",
        "GroupId": iam_id("AGPA", "ci-deployers"),
        "Arn": f"arn:aws:iam::{ACCT}:group/ci-deployers",
        "CreateDate": "2025-06-03T08:15:20+00:00",
        # DRIFT (8): the debugging policy beside the group's reviewed one.
        "GroupPolicyList": [{"PolicyName": GROUP_INLINE_NAME, "PolicyDocument": GROUP_INLINE},
                            {"PolicyName": GROUP_DEBUG_NAME, "PolicyDocument": GROUP_DEBUG}],
        "AttachedManagedPolicies": [],
    }]
    roles = [
        {
            "Path": "/",
            "RoleName": GITHUB_ROLE,
            "RoleId": iam_id("AROA", GITHUB_ROLE),
            "Arn": f"arn:aws:iam::{ACCT}:role/{GITHUB_ROLE}",
            "CreateDate": "2025-09-09T12:00:41+00:00",
            "AssumeRolePolicyDocument": GITHUB_TRUST,
            "InstanceProfileList": [],
            "RolePolicyList": [{"PolicyName": GITHUB_INLINE_NAME, "PolicyDocument": GITHUB_INLINE}],
            "AttachedManagedPolicies": [],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": BOUNDARY_ARN},
            "Tags": tags(Project="acme-shop", Environment="prod", ManagedBy="terraform"),
            "RoleLastUsed": {"LastUsedDate": "2026-11-19T17:48:02+00:00", "Region": REGION},
        },
        {
            "Path": "/",
            "RoleName": "acme-shop-orders-lambda-exec",
            "RoleId": iam_id("AROA", "acme-shop-orders-lambda-exec"),
            "Arn": f"arn:aws:iam::{ACCT}:role/acme-shop-orders-lambda-exec",
            "CreateDate": "2025-06-04T10:12:09+00:00",
            "AssumeRolePolicyDocument": url_encoded(LAMBDA_TRUST),
            "InstanceProfileList": [],
            "RolePolicyList": [{"PolicyName": "orders-table", "PolicyDocument": ORDERS_INLINE}],
            "AttachedManagedPolicies": attached(LAMBDA_BASIC_ARN),
            "Tags": tags(Project="acme-shop", Environment="prod", ManagedBy="terraform"),
            "RoleLastUsed": {"LastUsedDate": "2026-11-20T05:59:12+00:00", "Region": REGION},
        },
        oidc_role(OIDC_API_ROLE, "2026-03-02T09:30:00+00:00", OIDC_API_TRUST),
        oidc_role(OIDC_INFRA_ROLE, "2026-03-02T09:31:00+00:00", OIDC_INFRA_TRUST_LIVE),
    ]
    policies = [
        managed_policy(ADMIN_ARN, "/", "2015-02-06T18:39:46+00:00",
                       [("v1", ADMIN_DOC, True, "2015-02-06T18:39:46+00:00")], attachments=2,
                       description="Provides full access to AWS services and resources."),
        managed_policy(LAMBDA_BASIC_ARN, "/service-role/", "2015-04-09T15:03:43+00:00",
                       [("v1", LAMBDA_BASIC_DOC, True, "2015-04-09T15:03:43+00:00")], attachments=1,
                       description="Provides write permissions to CloudWatch Logs."),
        managed_policy(CORE_ARN, "/", "2025-06-03T08:14:57+00:00", [
            ("v3", CORE_V3, True, "2026-11-18T22:41:09+00:00"),
            ("v2", CORE_V2, False, "2025-10-21T13:05:44+00:00"),
            ("v1", url_encoded(CORE_V1), False, "2025-06-03T08:14:57+00:00"),
        ], attachments=2, description="CI deployer: Lambda, API Gateway, IAM service roles, Terraform state"),
        managed_policy(MON_ARN, "/", "2025-06-03T08:14:58+00:00",
                       [("v1", MONITORING_V1, True, "2025-06-03T08:14:58+00:00")], attachments=3,
                       description="CI deployer: CloudWatch Logs, alarms, dashboards, RUM"),
        managed_policy(STO_ARN, "/", "2025-06-03T08:14:58+00:00",
                       [("v1", STORAGE_V1, True, "2025-06-03T08:14:58+00:00")], attachments=1,
                       description="CI deployer: DynamoDB tables and S3 buckets"),
        managed_policy(TZ_ARN, "/", "2026-02-11T16:29:41+00:00",
                       [("v1", url_encoded(TZ_POLICY), True, "2026-02-11T16:29:41+00:00")], attachments=1,
                       description="tz Deployments: OpenTofu state prefix read/write only"),
        managed_policy(BOUNDARY_ARN, "/", "2025-09-09T12:00:39+00:00",
                       [("v1", BOUNDARY, True, "2025-09-09T12:00:39+00:00")], attachments=0, boundary_uses=1,
                       description="Permissions boundary for the GitHub Actions deploy role"),
    ]
    return {
        "accountId": ACCT,
        "collectedAt": COLLECTED_AT,
        "authorizationDetails": {
            "UserDetailList": users,
            "GroupDetailList": groups,
            "RoleDetailList": roles,
            "Policies": policies,
        },
        "credentialReport": credential_report(),
    }


CR_HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
             "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
             "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
             "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
             "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
             "cert_2_active,cert_2_last_rotated")
NO_KEY = ["false", "N/A", "N/A", "N/A", "N/A"]
NO_PASSWORD = ["false", "N/A", "N/A", "N/A"]


def key(rotated, used, service):
    return ["true", rotated, used, REGION, service]


def credential_report():
    rows = [
        ["<root_account>", f"arn:aws:iam::{ACCT}:root", "2019-04-02T11:20:33+00:00",
         "not_supported", "2026-10-30T08:12:40+00:00", "not_supported", "not_supported", "true"]
        + NO_KEY + NO_KEY,
        # DRIFT (4): key 1 last rotated 2026-03-02 (263 days before collectedAt); key 2 also active.
        ["acme-shop-preprod-deployer", f"arn:aws:iam::{ACCT}:user/ci/acme-shop-preprod-deployer",
         "2025-06-03T08:15:22+00:00"] + NO_PASSWORD + ["false"]
        + key("2026-03-02T07:41:18+00:00", "2026-11-19T23:12:00+00:00", "lambda")
        + key("2026-10-28T15:20:37+00:00", "2026-11-18T09:47:00+00:00", "s3"),
        # DRIFT (4b): console password (enabled 2026-08-14, no MFA); its exception expired 2026-09-30.
        ["acme-shop-prod-deployer", f"arn:aws:iam::{ACCT}:user/ci/acme-shop-prod-deployer",
         "2025-06-03T08:15:24+00:00", "true", "2026-08-14T21:37:52+00:00", "2026-08-14T21:30:04+00:00", "N/A",
         "false"]
        + key("2026-09-22T10:05:11+00:00", "2026-11-20T04:31:00+00:00", "dynamodb") + NO_KEY,
        ["acme-shop-sandbox-deployer", f"arn:aws:iam::{ACCT}:user/ci/acme-shop-sandbox-deployer",
         "2026-11-12T14:03:51+00:00"] + NO_PASSWORD + ["false"]
        + key("2026-11-12T14:04:30+00:00", "2026-11-19T11:02:00+00:00", "logs") + NO_KEY,
        ["jane.doe", f"arn:aws:iam::{ACCT}:user/humans/jane.doe", "2024-02-19T10:44:10+00:00",
         "true", "2026-11-19T16:02:11+00:00", "2026-07-01T09:00:00+00:00", "N/A", "true"] + NO_KEY + NO_KEY,
        ["ops-bootstrap-agent", f"arn:aws:iam::{ACCT}:user/ops-bootstrap-agent", "2026-04-28T09:02:13+00:00"]
        + NO_PASSWORD + ["false"]
        + key("2026-10-06T12:40:55+00:00", "2026-11-19T20:15:00+00:00", "lightsail") + NO_KEY,
        ["tz-state-runtime", f"arn:aws:iam::{ACCT}:user/tz-state-runtime", "2026-02-11T16:30:00+00:00"]
        + NO_PASSWORD + ["false"]
        + key("2026-10-02T08:00:12+00:00", "2026-11-20T05:40:00+00:00", "s3") + NO_KEY,
    ]
    for r in rows:
        r += ["false", "N/A", "false", "N/A"]
        assert len(r) == 22, r
    return "\n".join([CR_HEADER] + [",".join(r) for r in rows])


# --------------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------------

DEPLOYER_FORBIDDEN = ["iam:CreateUser", "iam:CreateLoginProfile", "iam:CreateAccessKey", "organizations:*"]
CREDS = {"consoleAccess": False, "maxAccessKeyAgeDays": 90, "maxActiveAccessKeys": 1}
SELF_MGMT_EXCEPTION = {
    "type": "PRIVILEGE_ESCALATION",
    "policy": CORE_ARN,
    "statementSid": "CIDeployerSelfManagement",
    "reason": "Terraform manages the deployer's own policy attachments and the CIDeploy* policies "
              "(chicken-and-egg bootstrap, SEC-412); reviewed until the move to the OIDC role.",
    "expires": "2027-03-31",
}


def ci_deployer(env, exceptions):
    me = f"arn:aws:iam::{ACCT}:user/ci/acme-shop-{env}-deployer"
    return {
        "type": "user",
        "name": f"acme-shop-{env}-deployer",
        "managedPolicies": [
            {"arn": CORE_ARN, "versionId": "v2", "document": CORE_V2},
            {"arn": MON_ARN, "versionId": "v1", "document": MONITORING_V1},
            {"arn": STO_ARN, "versionId": "v1", "document": STORAGE_V1},
        ],
        "inlinePolicies": [],
        "groups": ["ci-deployers"],
        "permissionsBoundary": None,
        "requiredForResourceTypes": ["aws_lambda_function", "aws_dynamodb_table", "aws_s3_bucket",
                                     "aws_iam_user_policy_attachment"],
        "requiredActions": [
            {"action": "sts:GetCallerIdentity", "why": "first call of every terraform plan"},
            {"action": "iam:ListAttachedUserPolicies", "resource": me,
             "why": "terraform plan reads the deployer's own aws_iam_user_policy_attachment resources"},
            {"action": "iam:CreateServiceLinkedRole",
             "resource": f"arn:aws:iam::{ACCT}:role/aws-service-role/rum.amazonaws.com/AWSServiceRoleForCloudWatchRUM",
             "context": {"iam:AWSServiceName": "rum.amazonaws.com"},
             "why": "first aws_rum_app_monitor creates the RUM service-linked role"},
            {"action": "dynamodb:PutItem", "resource": LOCK_TABLE, "why": "terraform state lock"},
            {"action": "s3:PutObject", "resource": f"arn:aws:s3:::{STATE_BUCKET}/acme-shop/{env}/terraform.tfstate",
             "why": "terraform state write"},
        ],
        "forbiddenActions": DEPLOYER_FORBIDDEN,
        "credentials": CREDS,
        "exceptions": exceptions,
    }


def build_baselines():
    deployers = {
        "schemaVersion": 1,
        "accountId": ACCT,
        "environment": "prod",
        "discovery": {
            "userNamePatterns": ["*-deployer"],
            "roleNamePatterns": ["*-github-deploy"],
            "pathPrefixes": ["/ci/"],
            "tags": {"Role": "deployer"},
        },
        "principals": [
            ci_deployer("preprod", [SELF_MGMT_EXCEPTION]),
            ci_deployer("prod", [SELF_MGMT_EXCEPTION, {
                "type": "CONSOLE_ACCESS",
                "reason": "Break-glass console login during INC-2291 (CloudFront outage); password to be removed afterwards.",
                "expires": "2026-09-30",
            }]),
            {
                "type": "role",
                "name": GITHUB_ROLE,
                "managedPolicies": [],
                "inlinePolicies": [{"name": GITHUB_INLINE_NAME, "document": GITHUB_INLINE}],
                "permissionsBoundary": BOUNDARY_ARN,
                "trustPolicy": GITHUB_TRUST,
                "requiredActions": [
                    {"action": "lambda:UpdateFunctionCode",
                     "resource": f"arn:aws:lambda:{REGION}:{ACCT}:function:acme-shop-api",
                     "why": "release job deploys the API function"},
                    {"action": "s3:PutObject", "resource": f"arn:aws:s3:::acme-shop-artifacts-{ACCT}/releases/1.42.0.zip"},
                ],
                "forbiddenActions": ["iam:*", "organizations:*", "sts:AssumeRole"],
            },
            oidc_role_baseline(OIDC_API_ROLE, OIDC_API_TRUST, "acme-shop/shop-api"),
            oidc_role_baseline(OIDC_INFRA_ROLE, OIDC_INFRA_TRUST_BASELINE, "acme-shop/shop-infra"),
        ],
        # (extension) what the deployers' group is expected to carry
        "groups": [{"name": "ci-deployers", "managedPolicies": [],
                    "inlinePolicies": [{"name": GROUP_INLINE_NAME, "document": GROUP_INLINE}]}],
    }
    bootstrap = {
        "schemaVersion": 1,
        "accountId": ACCT,
        "environment": "prod",
        "principals": [
            {
                "type": "user",
                "name": "ops-bootstrap-agent",
                "managedPolicies": [],
                "inlinePolicies": [{"name": OPS_INLINE_NAME, "document": OPS_INLINE_BASELINE}],
                "groups": [],
                "permissionsBoundary": None,
                "requiredActions": [
                    {"action": "lightsail:CreateInstanceSnapshot", "why": "pre-apply snapshot (runbook)"},
                    {"action": "dynamodb:PutItem", "resource": LOCK_TABLE, "why": "terraform state lock"},
                    {"action": "s3:ListBucket", "resource": f"arn:aws:s3:::{STATE_BUCKET}"},
                    {"action": "s3:PutObject", "resource": f"arn:aws:s3:::{STATE_BUCKET}/freescout/terraform.tfstate"},
                ],
                "forbiddenActions": ["iam:*", "s3:PutBucketPolicy", "s3:DeleteBucket", "organizations:*"],
                "credentials": CREDS,
                "exceptions": [
                    {"type": "WILDCARD_RESOURCE", "policy": f"inline:{OPS_INLINE_NAME}",
                     "statementSid": sid,
                     "reason": "Lightsail enforces name-level checks, not ARN-level, for these calls (see #569).",
                     "expires": "2027-04-30"}
                    for sid in ("LightsailInstanceManagement", "LightsailSnapshotPreApply")
                ],
            },
            {
                "type": "user",
                "name": "tz-state-runtime",
                # URL-encoded on purpose: baselines accept both document forms.
                "managedPolicies": [{"arn": TZ_ARN, "versionId": "v1", "document": url_encoded(TZ_POLICY)}],
                "inlinePolicies": [],
                "groups": [],
                "permissionsBoundary": None,
                "requiredActions": [
                    {"action": "s3:ListBucket", "resource": f"arn:aws:s3:::{TZ_BUCKET}",
                     "context": {"s3:prefix": "tz/v1/default/"}, "why": "state listing under the tz/v1 prefix"},
                    {"action": "s3:GetObject",
                     "resource": f"arn:aws:s3:::{TZ_BUCKET}/tz/v1/default/app-7/prod/tofu.tfstate"},
                    {"action": "s3:PutObject",
                     "resource": f"arn:aws:s3:::{TZ_BUCKET}/tz/v1/default/app-7/prod/tofu.tfstate"},
                ],
                "forbiddenActions": ["s3:DeleteBucket", "s3:PutBucketPolicy", "dynamodb:*", "iam:*"],
                "credentials": CREDS,
            },
        ],
    }
    return {"ci-deployers.json": deployers, "bootstrap-principals.json": bootstrap}


# --------------------------------------------------------------------------------------------------
# Expected findings (decided from the contract; EXPECTED.md, rendered from them, explains each one)
# --------------------------------------------------------------------------------------------------

PREPROD, PROD = "acme-shop-preprod-deployer", "acme-shop-prod-deployer"


def must(drift, type_, principal, severity, policy=None, **extra):
    f = {"drift": drift, "type": type_, "principal": principal, "severity": severity}
    if policy is not None:
        f["policy"] = policy
    f.update(extra)
    return f


# Why each required finding is required (contract section 3), keyed by (drift, type, principal); EXPECTED.md shows it.
REPORT_WHY = {
    (1, "UNEXPECTED_POLICY", PROD): "not in the baseline and grants what the baseline does not",
    (1, "ADMIN_ACCESS", PROD): "effective `*` on `*`; not granted by the baseline",
    (1, "FORBIDDEN_ACTION_ALLOWED", PROD): "AdministratorAccess allows what the baseline forbids",
    (1, "PASSROLE_UNSCOPED", PROD): "`iam:PassRole` on `*` without `iam:PassedToService`, gained since the baseline",
    (1, "WILDCARD_ACTION", PROD): "`*` / `iam:*`",
    (1, "WILDCARD_RESOURCE", PROD): "`\"Resource\": \"*\"`",
    (2, "MANAGED_POLICY_NOT_ATTACHED", PROD): "exists, not attached; remediation `aws iam attach-user-policy "
                                              "--user-name acme-shop-prod-deployer --policy-arn ...CIDeployStorage`",
    (3, "POLICY_DRIFT", "ops-bootstrap-agent"): "verdict WIDENED; `added` = s3:GetObject/PutObject/DeleteObject on "
                                                "`arn:aws:s3:::*`; `removed` empty",
    (4, "ACCESS_KEY_STALE", PREPROD): "key 1, 262 days > 90",
    (4, "MULTIPLE_ACTIVE_KEYS", PREPROD): "2 active > 1",
    (4, "CONSOLE_ACCESS", PROD): "password enabled; the exception expired, so it no longer suppresses",
    (5, "POLICY_VERSION_DRIFT", PREPROD): "v2 expected, v3 found; WIDENED (`added`: every `iam:` action on `*` not "
                                          "already granted)",
    (5, "POLICY_VERSION_DRIFT", PROD): "same",
    (5, "ADMIN_ACCESS", PREPROD): "whole `iam:*`",
    (5, "FORBIDDEN_ACTION_ALLOWED", PREPROD): "`iam:CreateUser`, `iam:CreateLoginProfile`, `iam:CreateAccessKey` "
                                              "(not `organizations:*`)",
    (5, "PASSROLE_UNSCOPED", PREPROD): "`iam:PassRole` via `iam:*` on `*`",
    (5, "WILDCARD_ACTION", PREPROD): "`iam:*`",
    (5, "WILDCARD_RESOURCE", PREPROD): "`\"Resource\": \"*\"`",
    (6, "UNBASELINED_DEPLOYER", "acme-shop-sandbox-deployer"): "matched `*-deployer` and `/ci/`, named by no baseline",
    (7, "TRUST_POLICY_DRIFT", OIDC_INFRA_ROLE): "\"any repository of acme-shop on GitHub Actions can now assume the "
                                                "role; before only repo:acme-shop/shop-infra:environment:prod\"",
    (7, "OIDC_SUBJECT_WILDCARD", OIDC_INFRA_ROLE): "a job of another repository of `acme-shop` is admitted",
    (8, "GROUP_POLICY_DRIFT", PREPROD): "inline policy not in the baseline's `groups` section; grants "
                                        "`secretsmanager:GetSecretValue` on `*`, which the member's baseline does not; "
                                        "one incident for both members",
    (8, "GROUP_POLICY_DRIFT", PROD): "same change, same incident",
}

# The prose of EXPECTED.md (render_expected.py renders the page from expected-findings.json alone).
PAGE = {
    "files": [
        ["snapshot.json", "the auditor's envelope: `get-account-authorization-details` output (6 users, 1 group, "
                          "4 roles, 7 managed policies) plus the credential report CSV"],
        ["baselines/ci-deployers.json", "discovery rules; `acme-shop-preprod-deployer`, `acme-shop-prod-deployer`, "
                                        "roles `acme-shop-github-deploy`, `acme-shop-api-oidc-deploy`, "
                                        "`acme-shop-infra-oidc-deploy`"],
        ["baselines/bootstrap-principals.json", "`ops-bootstrap-agent` (seed 000), `tz-state-runtime` (seed 001)"],
        ["expected-findings.json", "what a correct audit reports, machine-readable (for tests); this page is "
                                   "generated from it"],
        ["build_example.py", "regenerates all of the above; every drift is marked `DRIFT (n)` in it"],
        ["render_expected.py", "renders this page from expected-findings.json (`--check`: fail when they differ)"],
    ],
    "notes": [
        "Both baseline files validate: `python3 scripts/validate-baselines.py events/example/baselines` (stdlib "
        "JSON-Schema check against `baseline.schema.json`, plus: every document parses, no principal in two files).",
        "Policy documents come in both forms: JSON objects (CLI style) for most; URL-encoded strings (raw IAM API "
        "style) for `ops-bootstrap-agent`'s inline policy, the default version of `tz-state-backend-runtime`, "
        "`CIDeployCore` v1 and the trust policy of `acme-shop-orders-lambda-exec` in the snapshot, and for the "
        "`tz-state-backend-runtime` document in the baseline.",
    ],
    "principals": [
        ["`acme-shop-preprod-deployer` (user, `/ci/`)", "seed-002 CI deployer: `CIDeployCore`, `CIDeployMonitoring`, "
         "`CIDeployStorage`, group `ci-deployers`", "ci-deployers.json", "drifted (4, 5, 8)"],
        ["`acme-shop-prod-deployer` (user, `/ci/`)", "same, prod", "ci-deployers.json", "drifted (1, 2, 4, 5, 8)"],
        ["`acme-shop-sandbox-deployer` (user, `/ci/`)", "hand-made deployer, `CIDeployMonitoring` only", "none",
         "drifted (6)"],
        ["`ops-bootstrap-agent` (user)", "seed-000 inline policy (Lightsail on `*`, state lock table, state bucket)",
         "bootstrap-principals.json", "drifted (3)"],
        ["`tz-state-runtime` (user)", "seed-001 state-backend policy as customer managed `tz-state-backend-runtime`",
         "bootstrap-principals.json", "**clean**"],
        ["`acme-shop-github-deploy` (role)", "GitHub OIDC trust (seed 003), inline `deploy-permissions`, boundary "
         "`acme-shop-deploy-boundary`", "ci-deployers.json", "**clean**"],
        ["`acme-shop-api-oidc-deploy` (role)", "GitHub OIDC trust of `repo:acme-shop/shop-api:environment:prod` "
         "only, inline `release-artifacts`; baseline `assumableBy` repository `acme-shop/shop-api`, environment "
         "`prod`", "ci-deployers.json", "**clean**"],
        ["`acme-shop-infra-oidc-deploy` (role)", "GitHub OIDC deployer of `acme-shop/shop-infra`'s prod environment",
         "ci-deployers.json", "drifted (7)"],
        ["`jane.doe` (user, `/humans/`)", "human admin: AdministratorAccess, console + MFA", "none, not a deployer",
         "not audited"],
        ["`acme-shop-orders-lambda-exec` (role)", "Lambda execution role", "none, not a deployer", "not audited"],
    ],
    "discovery": "Discovery (`ci-deployers.json`): user names `*-deployer`, role names `*-github-deploy`, path prefix "
                 "`/ci/`, tag `Role=deployer` (carried by `ops-bootstrap-agent` and `tz-state-runtime`). `jane.doe` "
                 "and the Lambda role match no rule, so they produce no finding at all, even though `jane.doe` has "
                 "AdministratorAccess and a console password.",
    "drifts": [
        ["1", "`acme-shop-prod-deployer`", "`arn:aws:iam::aws:policy/AdministratorAccess` attached (its document is "
         "in `Policies`, `AttachmentCount` 2 with `jane.doe`)"],
        ["2", "`acme-shop-prod-deployer`", "`CIDeployStorage` exists (`AttachmentCount` 1, preprod only) but is not "
         "attached; the baseline expects it"],
        ["3", "`ops-bootstrap-agent`, inline `ops-bootstrap-agent-read-write`, Sid `TerraformStateBucket`",
         "`Resource` `arn:aws:s3:::acme-iac-state-prod/*` became `arn:aws:s3:::*` (Get/Put/DeleteObject on every "
         "bucket)"],
        ["4a", "`acme-shop-preprod-deployer` credentials", "key 1 active, last rotated `2026-03-02T07:41:18Z` = 262 "
         "days (limit 90); key 2 also active (rotated 2026-10-28, limit 1 active key)"],
        ["4b", "`acme-shop-prod-deployer` credentials", "console password (set 2026-08-14, no MFA); the baseline's "
         "`CONSOLE_ACCESS` exception expired 2026-09-30"],
        ["5", "`CIDeployCore` (attached to both deployers)", "default version moved from `v2` (baseline) to `v3`, "
         "which adds Sid `IamTroubleshooting`: `iam:*` on `*`"],
        ["6", "`acme-shop-sandbox-deployer`", "a deployer (name, path) that no baseline names"],
        ["7", "`acme-shop-infra-oidc-deploy` trust policy", "the subject condition `StringEquals "
         "repo:acme-shop/shop-infra:environment:prod` became `StringLike repo:acme-shop/*`: every repository of the "
         "owner, any branch, pull requests included, can assume the role"],
        ["8", "group `ci-deployers` (both CI deployers are members)", "inline policy `ci-deployers-debug-secrets` "
         "added: `secretsmanager:GetSecretValue` and `ListSecrets` on `*`; the baseline's `groups` section lists only "
         "`ci-deployers-self-read`"],
    ],
    "exceptions": "Baseline exceptions: a future one on both deployers (`PRIVILEGE_ESCALATION`, policy "
                  "`CIDeployCore`, Sid `CIDeployerSelfManagement`, expires 2027-03-31), two future ones on "
                  "`ops-bootstrap-agent` (`WILDCARD_RESOURCE`, Sids `LightsailInstanceManagement` / "
                  "`LightsailSnapshotPreApply`, expire 2027-04-30), and one past one on the prod deployer "
                  "(`CONSOLE_ACCESS`, expired 2026-09-30).",
    "cleanWhy": {
        "tz-state-runtime": "policy matches the baseline (URL-encoded in both snapshot and baseline); required "
                            "`s3:ListBucket` with context `s3:prefix=tz/v1/default/` is allowed by the `StringLike "
                            "tz/v1/*` condition; one key, 48 days old, used today",
        GITHUB_ROLE: "trust, inline policy and boundary match; required `lambda:UpdateFunctionCode` and "
                     "`s3:PutObject` allowed by both identity policy and boundary; `iam:*`, `organizations:*`, "
                     "`sts:AssumeRole` not allowed",
        OIDC_API_ROLE: "its trust admits only `repo:acme-shop/shop-api:environment:prod` with audience "
                       "`sts.amazonaws.com`, as `assumableBy` lists; required `s3:GetObject` allowed",
        "acme-shop-sandbox-deployer": "nothing besides UNBASELINED_DEPLOYER (CIDeployMonitoring is lint-clean, one "
                                      "7-day-old key, no password)",
        "ops-bootstrap-agent": "nothing above MEDIUM besides the drift-3 POLICY_DRIFT",
    },
}


def with_why(findings):
    for f in findings:
        why = REPORT_WHY.get((f["drift"], f["type"], f["principal"]))
        if why is not None:
            f.setdefault("why", why)
    return findings


def build_expected():
    core_or_admin = [CORE_ARN, ADMIN_ARN]
    return {
        "accountId": ACCT,
        "collectedAt": COLLECTED_AT,
        "command": "audit --snapshot events/example/snapshot.json --baselines events/example/baselines",
        "exitCode": 2,
        "howToRead": "mustReport: at least one finding with this type, principal, severity (and policy, where "
                     "given; policyAnyOf: any of them). evidenceActions: the findings of that type for that "
                     "principal name every listed action between them. mustNotReport: no finding of that type "
                     "for that principal at any severity. maxSeverity: no finding for the principal above it, "
                     "other than the mustReport ones.",
        "mustReport": with_why([
            must(1, "UNEXPECTED_POLICY", PROD, "CRITICAL", ADMIN_ARN),
            must(1, "ADMIN_ACCESS", PROD, "CRITICAL", policyAnyOf=core_or_admin),
            must(1, "FORBIDDEN_ACTION_ALLOWED", PROD, "CRITICAL",
                 evidenceActions=["iam:CreateUser", "iam:CreateLoginProfile", "iam:CreateAccessKey",
                                  "organizations:*"]),
            # PRIVILEGE_ESCALATION is implied by ADMIN_ACCESS and not raised beside it (contract section 3)
            must(1, "PASSROLE_UNSCOPED", PROD, "HIGH", policyAnyOf=core_or_admin),
            must(1, "WILDCARD_ACTION", PROD, "MEDIUM", policyAnyOf=core_or_admin),
            must(1, "WILDCARD_RESOURCE", PROD, "MEDIUM", policyAnyOf=core_or_admin),
            must(2, "MANAGED_POLICY_NOT_ATTACHED", PROD, "CRITICAL", STO_ARN),
            must(3, "POLICY_DRIFT", "ops-bootstrap-agent", "CRITICAL", f"inline:{OPS_INLINE_NAME}",
                 verdict="WIDENED", statementSid="TerraformStateBucket"),
            must(4, "ACCESS_KEY_STALE", PREPROD, "HIGH", accessKey=1, ageDays=262),
            must(4, "MULTIPLE_ACTIVE_KEYS", PREPROD, "MEDIUM", found=2, allowed=1),
            must(4, "CONSOLE_ACCESS", PROD, "HIGH"),
            must(4, "EXCEPTION_EXPIRED", PROD, "LOW",
                 note="The contract names no type for an expired exception; any type name is accepted, "
                      "the finding must name the CONSOLE_ACCESS exception that expired 2026-09-30."),
            must(5, "POLICY_VERSION_DRIFT", PREPROD, "CRITICAL", CORE_ARN, expectedVersion="v2", foundVersion="v3",
                 verdict="WIDENED"),
            must(5, "POLICY_VERSION_DRIFT", PROD, "CRITICAL", CORE_ARN, expectedVersion="v2", foundVersion="v3",
                 verdict="WIDENED"),
            must(5, "ADMIN_ACCESS", PREPROD, "CRITICAL", CORE_ARN, statementSid="IamTroubleshooting"),
            must(5, "FORBIDDEN_ACTION_ALLOWED", PREPROD, "CRITICAL",
                 evidenceActions=["iam:CreateUser", "iam:CreateLoginProfile", "iam:CreateAccessKey"]),
            must(5, "PASSROLE_UNSCOPED", PREPROD, "HIGH", CORE_ARN, statementSid="IamTroubleshooting"),
            must(5, "WILDCARD_ACTION", PREPROD, "MEDIUM", CORE_ARN, statementSid="IamTroubleshooting"),
            must(5, "WILDCARD_RESOURCE", PREPROD, "MEDIUM", CORE_ARN, statementSid="IamTroubleshooting"),
            must(6, "UNBASELINED_DEPLOYER", "acme-shop-sandbox-deployer", "HIGH"),
            must(7, "TRUST_POLICY_DRIFT", OIDC_INFRA_ROLE, "CRITICAL"),
            must(7, "OIDC_SUBJECT_WILDCARD", OIDC_INFRA_ROLE, "HIGH"),
            must(8, "GROUP_POLICY_DRIFT", PREPROD, "CRITICAL", f"inline:{GROUP_DEBUG_NAME}", group="ci-deployers",
                 change="inlineAdded"),
            must(8, "GROUP_POLICY_DRIFT", PROD, "CRITICAL", f"inline:{GROUP_DEBUG_NAME}", group="ci-deployers",
                 change="inlineAdded"),
        ]),
        "allowedAlso": [
            {"type": "POLICY_DRIFT", "principal": PREPROD, "policy": CORE_ARN, "severity": "CRITICAL",
             "why": "the same v2->v3 change, if reported as a document drift as well"},
            {"type": "POLICY_DRIFT", "principal": PROD, "policy": CORE_ARN, "severity": "CRITICAL",
             "why": "the same v2->v3 change, if reported as a document drift as well"},
            {"type": "MISSING_SID", "principal": PROD, "policy": ADMIN_ARN, "severity": "LOW"},
            {"type": "PRIVILEGE_ESCALATION", "principal": "*-deployer (preprod, prod)", "policy": CORE_ARN,
             "severity": "INFO", "why": "statement CIDeployerSelfManagement, suppressed by the 2027-03-31 exception"},
            {"type": "PRIVILEGE_ESCALATION", "principal": "*-deployer (preprod, prod)", "policy": CORE_ARN,
             "severity": "MEDIUM", "why": "baseline path iam:CreateRole/AttachRolePolicy + iam:PassRole + "
                                          "lambda:CreateFunction; inBaseline: true"},
            {"type": "WILDCARD_RESOURCE", "principal": "ops-bootstrap-agent", "policy": f"inline:{OPS_INLINE_NAME}",
             "severity": "INFO", "why": "Lightsail statements on *, suppressed by the 2027-04-30 exceptions"},
            {"type": "WILDCARD_RESOURCE", "principal": "ops-bootstrap-agent", "policy": f"inline:{OPS_INLINE_NAME}",
             "severity": "MEDIUM", "why": "only if the auditor treats arn:aws:s3:::* as a wildcard resource"},
            {"type": "WILDCARD_RESOURCE", "principal": "acme-shop-sandbox-deployer", "policy": MON_ARN,
             "severity": "MEDIUM", "why": "statement MetricsRead: cloudwatch:ListMetrics on *; the action catalog "
                                          "(iam-data 2026-09) lets ListMetrics name a dataset ARN"},
        ],
        "mustNotReport": [
            {"type": "REQUIRED_ACTION_DENIED", "principal": PROD,
             "why": "AdministratorAccess allows everything, so the missing CIDeployStorage does not break deploys"},
            {"type": "REQUIRED_ACTION_DENIED", "principal": PREPROD, "why": "all three CIDeploy* policies attached"},
            {"type": "GROUP_DRIFT", "principal": PREPROD, "why": "member of ci-deployers as expected"},
            {"type": "GROUP_DRIFT", "principal": PROD, "why": "member of ci-deployers as expected"},
            {"type": "CONSOLE_ACCESS", "principal": PREPROD, "why": "no password"},
            {"type": "ACCESS_KEY_STALE", "principal": PROD, "why": "key 1 is 58 days old"},
            {"type": "ACCESS_KEY_UNUSED", "principal": PREPROD, "why": "both keys used within 2 days"},
            {"type": "MANAGED_POLICY_MISSING", "principal": PROD, "why": "CIDeployStorage exists; it is only detached"},
            {"type": "BASELINE_INVALID", "principal": "*", "why": "both baseline files are valid and disjoint"},
            {"type": "BASELINE_ACCOUNT_MISMATCH", "principal": "*", "why": "both files name 210987654321"},
            {"type": "PRINCIPAL_MISSING", "principal": "*", "why": "every baseline principal exists"},
            {"type": "AUDIT_INCOMPLETE", "principal": "*", "why": "offline snapshot holds everything"},
        ],
        "maxSeverity": {
            "ops-bootstrap-agent": "MEDIUM",
            "acme-shop-sandbox-deployer": "LOW",
            "tz-state-runtime": "LOW",
            GITHUB_ROLE: "LOW",
            OIDC_API_ROLE: "LOW",
        },
        "clean": ["tz-state-runtime", GITHUB_ROLE, OIDC_API_ROLE],
        "notAudited": ["jane.doe", "acme-shop-orders-lambda-exec", "<root_account>"],
        "page": PAGE,
    }


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    write(os.path.join(HERE, "snapshot.json"), build_snapshot())
    os.makedirs(os.path.join(HERE, "baselines"), exist_ok=True)
    for name, doc in build_baselines().items():
        write(os.path.join(HERE, "baselines", name), doc)
    write(os.path.join(HERE, "expected-findings.json"), build_expected())
    subprocess.run([sys.executable, os.path.join(HERE, "render_expected.py")], check=True)
    print("wrote snapshot.json, baselines/, expected-findings.json and EXPECTED.md")
