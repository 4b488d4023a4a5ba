#!/usr/bin/env python3
"""Generates a large synthetic account for scale tests of the drift auditor (stdlib only, deterministic).

  scripts/generate-scale-account.py --deployers 10000 --out /tmp/scale-10k [--seed 42]

Writes
  DIR/snapshot.json          the auditor's envelope: GetAccountAuthorizationDetails output (UserDetailList,
                             GroupDetailList, RoleDetailList, Policies) + credential report CSV
  DIR/baselines/*.json       the expected state, ~1,000 principals per file (--per-file), with the fleet groups'
                             policies in each file's groups section
  DIR/expected-drifts.json   the drifts injected at known places, the findings they must produce, and the
                             principals left untouched (which must produce no finding above LOW)

Fleet: N users svc-NNNNN-deployer under /ci/, each with its own customer managed policy deploy-svc-NNNNN
(document built from one of --templates shared templates, specialised to the user's resources; every 10th
has a v2 default version) and one inline state-backend policy; 100 users per group ci-fleet-NNN (one
lint-clean inline policy each); one credential report row per user; AdministratorAccess (attached to a
non-deployer break-glass user and to the drifted users) appears once in Policies. About 1 in 5 managed
policy versions and 1 in 7 inline policies carry URL-encoded documents (raw IAM API form).

Drift (--mode kind, the default): every 97th user (--drift-every; svc-00096, svc-00193, ...) gets one drift,
cycling through: admin-attached, inline-widened, managed-detached, extra-inline, group-added, stale-key,
console-password.

Drift (--mode drift-heavy): every user also holds one of 40 shared managed policies fleet-tools-TT (T = i % 40,
three versions each, the baseline pins v2); fleet-tools-00's default version moved to v3, which adds iam:PassRole
on * (a shared version drift for its 1 in 40 holders, who get no other drift). Every 11th
other user (--drift-every defaults to 11) gets one drift, cycling through the seven above plus: inline-wildcard (s3:* on * added to the
state policy), escalation-grant (an extra inline policy with iam:CreatePolicyVersion and
iam:SetDefaultPolicyVersion on every policy), group-admin (added to the group platform-admins, which has
AdministratorAccess attached). At 10,000 deployers: ~1,100 drifts, ~3,800 findings.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import urllib.parse

REGION = "us-east-1"
DRIFT_EVERY = 97
DRIFT_KINDS = ["admin-attached", "inline-widened", "managed-detached", "extra-inline", "group-added",
               "stale-key", "console-password"]
HEAVY_DRIFT_EVERY = 11
HEAVY_DRIFT_KINDS = DRIFT_KINDS + ["inline-wildcard", "escalation-grant", "group-admin"]
SHARED_POLICIES = 40
SHARED_DRIFTED = 0  # fleet-tools-00: default version v3 (adds iam:PassRole on *), baseline pins v2
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
ADMIN_DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
USERS_PER_GROUP = 100
ADMIN_EXPECTED = {"alsoExpected": [
    {"type": "ADMIN_ACCESS", "severity": "CRITICAL"},
    {"type": "FORBIDDEN_ACTION_ALLOWED", "severity": "CRITICAL", "actions": ["iam:CreateUser", "iam:CreateAccessKey",
                                                                            "organizations:*"]},
    {"type": "PASSROLE_UNSCOPED", "severity": "HIGH"},
    {"type": "WILDCARD_ACTION", "severity": "MEDIUM"},
    {"type": "WILDCARD_RESOURCE", "severity": "MEDIUM"}],
    # administrator access implies every escalation path: reported once, as ADMIN_ACCESS
    "allowedAlso": [{"type": "MISSING_SID", "severity": "LOW"}, {"type": "PRIVILEGE_ESCALATION", "severity": "CRITICAL"}]}
FORBIDDEN = ADMIN_EXPECTED["alsoExpected"][1]["actions"]

CR_HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
             "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
             "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
             "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
             "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
             "cert_2_active,cert_2_last_rotated")

# Seed 002, step 4: the actions per service block ({p} = the user's resource prefix, {a} = account).
BLOCKS = {
    "lambda": [
        ("LambdaFunctions", [
            "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
            "lambda:DeleteFunction", "lambda:GetFunction", "lambda:GetFunctionConfiguration",
            "lambda:ListVersionsByFunction", "lambda:PublishVersion", "lambda:CreateAlias", "lambda:UpdateAlias",
            "lambda:DeleteAlias", "lambda:GetAlias", "lambda:AddPermission", "lambda:RemovePermission",
            "lambda:GetPolicy", "lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig",
            "lambda:DeleteFunctionUrlConfig", "lambda:GetFunctionUrlConfig", "lambda:TagResource",
            "lambda:UntagResource", "lambda:ListTags"],
         ["arn:aws:lambda:{r}:{a}:function:{p}-*", "arn:aws:lambda:{r}:{a}:function:{p}-*:*"], None),
        ("LambdaLayers", ["lambda:PublishLayerVersion", "lambda:DeleteLayerVersion", "lambda:GetLayerVersion"],
         "arn:aws:lambda:{r}:{a}:layer:{p}-*", None),
        ("LambdaEventSourceMappingCreate", ["lambda:CreateEventSourceMapping"], "*",
         {"ArnLike": {"lambda:FunctionArn": "arn:aws:lambda:{r}:{a}:function:{p}-*"}}),
        ("LambdaEventSourceMappings", ["lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping",
                                       "lambda:GetEventSourceMapping"],
         "arn:aws:lambda:{r}:{a}:event-source-mapping:*", None),
        ("LambdaList", ["lambda:ListFunctions"], "*", None),
        ("PassExecutionRole", ["iam:PassRole"], "arn:aws:iam::{a}:role/{p}-lambda-exec",
         {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}),
    ],
    "logs": [
        ("LogGroups", ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy",
                       "logs:DeleteRetentionPolicy", "logs:PutMetricFilter", "logs:DeleteMetricFilter",
                       "logs:DescribeMetricFilters", "logs:TagLogGroup", "logs:UntagLogGroup"],
         ["arn:aws:logs:{r}:{a}:log-group:/aws/lambda/{p}-*", "arn:aws:logs:{r}:{a}:log-group:/aws/lambda/{p}-*:*"],
         None),
        ("DescribeLogGroups", ["logs:DescribeLogGroups"], "arn:aws:logs:{r}:{a}:log-group:*", None),
    ],
    "dynamodb": [
        ("DynamoDbTables", ["dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
                            "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive",
                            "dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups",
                            "dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:ListTagsOfResource"],
         "arn:aws:dynamodb:{r}:{a}:table/{p}-*", None),
        ("DynamoDbList", ["dynamodb:ListTables"], "*", None),
    ],
    "s3": [
        ("S3Buckets", ["s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation",
                       "s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:GetBucketPublicAccessBlock",
                       "s3:PutBucketPublicAccessBlock", "s3:GetBucketTagging", "s3:PutBucketTagging",
                       "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
                       "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration", "s3:GetBucketCORS",
                       "s3:PutBucketCORS", "s3:GetBucketWebsite", "s3:PutBucketWebsite",
                       "s3:DeleteBucketWebsite", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
                       "s3:GetBucketAcl", "s3:PutBucketAcl", "s3:GetAccelerateConfiguration",
                       "s3:PutAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging",
                       "s3:GetBucketNotification", "s3:GetReplicationConfiguration",
                       "s3:GetBucketObjectLockConfiguration", "s3:GetBucketOwnershipControls"],
         "arn:aws:s3:::{p}-*", None),
        ("S3Objects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectAcl", "s3:PutObjectAcl"],
         "arn:aws:s3:::{p}-*/*", None),
    ],
    "sqs": [
        ("SqsQueues", ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes",
                       "sqs:GetQueueUrl", "sqs:TagQueue", "sqs:UntagQueue"], "arn:aws:sqs:{r}:{a}:{p}-*", None),
        ("SqsList", ["sqs:ListQueues"], "*", None),
    ],
    "sns": [
        ("SnsTopics", ["sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes",
                       "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:TagResource", "sns:UntagResource"],
         "arn:aws:sns:{r}:{a}:{p}-*", None),
    ],
    "events": [
        ("EventRules", ["events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:EnableRule",
                        "events:DisableRule", "events:PutTargets", "events:RemoveTargets",
                        "events:ListTargetsByRule", "events:TagResource", "events:UntagResource"],
         "arn:aws:events:{r}:{a}:rule/{p}-*", None),
    ],
    "secretsmanager": [
        ("Secrets", ["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret",
                     "secretsmanager:UpdateSecret", "secretsmanager:PutSecretValue", "secretsmanager:TagResource",
                     "secretsmanager:UntagResource"], "arn:aws:secretsmanager:{r}:{a}:secret:{p}/*", None),
    ],
}
OPTIONAL_BLOCKS = ["dynamodb", "s3", "sqs", "sns", "events", "secretsmanager"]
RESOURCE_TYPES = {"lambda": "aws_lambda_function", "dynamodb": "aws_dynamodb_table", "s3": "aws_s3_bucket"}


def fmt(value, subst):
    if isinstance(value, str):
        return value.format(**subst) if "{" in value else value
    if isinstance(value, list):
        return [fmt(v, subst) for v in value]
    if isinstance(value, dict):
        return {k: fmt(v, subst) for k, v in value.items()}
    return value


def url_encoded(doc):
    return urllib.parse.quote(json.dumps(doc, indent=4), safe="")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


class Fleet:
    def __init__(self, n, seed, account, collected_at, templates, drift_every=DRIFT_EVERY, heavy=False):
        self.n, self.acct, self.drift_every, self.heavy = n, account, drift_every, heavy
        self.kinds = HEAVY_DRIFT_KINDS if heavy else DRIFT_KINDS
        self.rng = random.Random(seed)
        self.now = collected_at
        self.templates = self.make_templates(templates)

    def make_templates(self, count):
        """Each template: the service blocks it grants (lambda and logs always) and a v2 extra block."""
        out = []
        for t in range(count):
            chosen = [b for b in OPTIONAL_BLOCKS if self.rng.random() < 0.4] or ["dynamodb"]
            out.append(["lambda", "logs"] + chosen)
        return out

    def uid(self, prefix):
        return prefix + "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(17))

    def ago(self, days_lo, days_hi):
        return self.now - dt.timedelta(seconds=self.rng.randint(days_lo * 86400, days_hi * 86400))

    def managed_doc(self, i, blocks):
        subst = {"r": REGION, "a": self.acct, "p": f"svc-{i:05d}"}
        statements = []
        for b in blocks:
            for sid, actions, resource, condition in BLOCKS[b]:
                s = {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": fmt(resource, subst)}
                if condition:
                    s["Condition"] = fmt(condition, subst)
                statements.append(s)
        # What the Terraform AWS provider calls on every run (the "general" entry of the action table).
        statements.append({"Sid": "ProviderDiscovery", "Effect": "Allow",
                           "Action": ["sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones", "ec2:DescribeVpcs",
                                      "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
                           "Resource": "*"})
        return {"Version": "2012-10-17", "Statement": statements}

    def state_doc(self, i, widened=False):
        bucket = f"fleet-tfstate-{self.acct}"
        prefix = f"svc-{i:05d}"
        return {"Version": "2012-10-17", "Statement": [
            {"Sid": "StateObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"arn:aws:s3:::{bucket}/*" if widened else f"arn:aws:s3:::{bucket}/{prefix}/*"},
            {"Sid": "StateList", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{bucket}",
             "Condition": {"StringLike": {"s3:prefix": [f"{prefix}/*"]}}},
            {"Sid": "StateLock", "Effect": "Allow",
             "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
             "Resource": f"arn:aws:dynamodb:{REGION}:{self.acct}:table/fleet-tfstate-locks"},
        ]}

    def build(self):
        a = self.acct
        users, groups, policies, cr_rows, principals, drifts, untouched = [], [], [], [], [], [], []
        n_groups = (self.n + USERS_PER_GROUP - 1) // USERS_PER_GROUP
        admin_attachments = 1  # the break-glass user
        admin_groups = 0
        responders = []
        for i in range(self.n):
            name = f"svc-{i:05d}-deployer"
            arn = f"arn:aws:iam::{a}:user/ci/{name}"
            group = f"ci-fleet-{i // USERS_PER_GROUP:03d}"
            every = self.drift_every
            kind = self.kinds[((i + 1) // every - 1) % len(self.kinds)] if every and (i + 1) % every == 0 else None
            if self.heavy and i % SHARED_POLICIES == SHARED_DRIFTED:
                kind = None  # its drift is the shared version's
            blocks = list(self.templates[i % len(self.templates)])
            pol_name = f"deploy-svc-{i:05d}"
            pol_arn = f"arn:aws:iam::{a}:policy/ci/{pol_name}"
            created = self.ago(450, 900)  # before any key rotation, stale ones included
            # Managed policy: v1, or v2 (default, adds a block) over v1 for every 10th.
            doc_v1 = self.managed_doc(i, blocks)
            versions, default = [], "v1"
            if i % 10 == 3:
                extra = next((b for b in OPTIONAL_BLOCKS if b not in blocks), None)
                doc_v2 = self.managed_doc(i, blocks + ([extra] if extra else [])) if extra else doc_v1
                v2_date = self.ago(20, 150)
                versions.append({"Document": doc_v2, "VersionId": "v2", "IsDefaultVersion": True,
                                 "CreateDate": iso(v2_date)})
                default, default_doc, updated = "v2", doc_v2, v2_date
                blocks = blocks + ([extra] if extra else [])
            else:
                default_doc, updated = doc_v1, created
            versions.append({"Document": doc_v1, "VersionId": "v1", "IsDefaultVersion": default == "v1",
                             "CreateDate": iso(created)})
            if i % 5 == 0:
                for v in versions:
                    v["Document"] = url_encoded(v["Document"])
            detached = kind == "managed-detached"
            policies.append({
                "PolicyName": pol_name, "PolicyId": self.uid("ANPA"), "Arn": pol_arn, "Path": "/ci/",
                "DefaultVersionId": default, "AttachmentCount": 0 if detached else 1,
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
                "CreateDate": iso(created), "UpdateDate": iso(updated), "PolicyVersionList": versions})

            inline_name = f"svc-{i:05d}-tfstate"
            state = self.state_doc(i)
            live_state = self.state_doc(i, widened=(kind == "inline-widened"))
            if kind == "inline-wildcard":
                live_state["Statement"].append({"Sid": "DebugAnything", "Effect": "Allow", "Action": "s3:*",
                                                "Resource": "*"})
            inline = [{"PolicyName": inline_name,
                       "PolicyDocument": url_encoded(live_state) if i % 7 == 0 else live_state}]
            attached = [] if detached else [{"PolicyName": pol_name, "PolicyArn": pol_arn}]
            user_groups = [group]
            if kind == "admin-attached":
                attached.append({"PolicyName": "AdministratorAccess", "PolicyArn": ADMIN_ARN})
                admin_attachments += 1
            if kind == "extra-inline":
                inline.append({"PolicyName": f"hotfix-svc-{i:05d}", "PolicyDocument": {
                    "Version": "2012-10-17", "Statement": [{
                        "Sid": "HotfixQueueAccess", "Effect": "Allow",
                        "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                        "Resource": f"arn:aws:sqs:{REGION}:{a}:svc-{i:05d}-hotfix"}]}})
            if kind == "escalation-grant":
                inline.append({"PolicyName": f"iam-maint-svc-{i:05d}", "PolicyDocument": {
                    "Version": "2012-10-17", "Statement": [{
                        "Sid": "PolicyMaintenance", "Effect": "Allow",
                        "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                        "Resource": f"arn:aws:iam::{a}:policy/*"}]}})
            if kind == "group-added":
                user_groups.append("incident-responders")
                responders.append(name)
            if kind == "group-admin":
                user_groups.append("platform-admins")
                admin_groups += 1
            shared = []
            if self.heavy:
                t = i % SHARED_POLICIES
                shared_arn = f"arn:aws:iam::{a}:policy/ci/fleet-tools-{t:02d}"
                attached.append({"PolicyName": f"fleet-tools-{t:02d}", "PolicyArn": shared_arn})
                shared = [{"arn": shared_arn, "versionId": "v2"}]
            users.append({
                "Path": "/ci/", "UserName": name, "UserId": self.uid("AIDA"), "Arn": arn, "CreateDate": iso(created),
                "UserPolicyList": inline, "GroupList": user_groups, "AttachedManagedPolicies": attached,
                "Tags": [{"Key": "Project", "Value": f"svc-{i:05d}"}, {"Key": "ManagedBy", "Value": "terraform"}]})

            # Credential report: one active key, rotated 3-80 days ago, used in the last 3 days.
            rotated = self.ago(300, 420) if kind == "stale-key" else self.ago(3, 80)
            used = self.ago(0, 3)
            if kind == "console-password":
                pw = ["true", iso(self.ago(1, 30)), iso(self.ago(31, 60)), "N/A", "false"]
            else:
                pw = ["false", "N/A", "N/A", "N/A", "false"]
            cr_rows.append(",".join([name, arn, iso(created)] + pw +
                                    ["true", iso(rotated), iso(used), REGION, blocks[self.rng.randrange(len(blocks))],
                                     "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]))

            baseline_doc = default_doc if i % 11 else url_encoded(default_doc)
            principals.append({
                "type": "user", "name": name,
                "managedPolicies": [{"arn": pol_arn, "versionId": default, "document": baseline_doc}] + shared,
                "inlinePolicies": [{"name": inline_name, "document": state}],
                "groups": [group],
                "permissionsBoundary": None,
                "requiredForResourceTypes": [RESOURCE_TYPES[b] for b in blocks if b in RESOURCE_TYPES],
                "requiredActions": [
                    {"action": "lambda:UpdateFunctionCode",
                     "resource": f"arn:aws:lambda:{REGION}:{a}:function:svc-{i:05d}-api"},
                    {"action": "s3:ListBucket", "resource": f"arn:aws:s3:::fleet-tfstate-{a}",
                     "context": {"s3:prefix": f"svc-{i:05d}/"}},
                    {"action": "dynamodb:PutItem",
                     "resource": f"arn:aws:dynamodb:{REGION}:{a}:table/fleet-tfstate-locks"},
                ],
                "forbiddenActions": FORBIDDEN,
                "credentials": {"consoleAccess": False, "maxAccessKeyAgeDays": 90, "maxActiveAccessKeys": 1},
            })
            if kind:
                drifts.append(self.expected(i, name, kind, pol_arn, inline_name, rotated))
            if self.heavy and i % SHARED_POLICIES == SHARED_DRIFTED:
                drifts.append(self.expected(i, name, "shared-version", shared[0]["arn"], inline_name, rotated))
            if not kind and not (self.heavy and i % SHARED_POLICIES == SHARED_DRIFTED):
                untouched.append(name)

        for g in range(n_groups):
            gname = f"ci-fleet-{g:03d}"
            groups.append({
                "Path": "/ci/", "GroupName": gname, "GroupId": self.uid("AGPA"), "Arn": f"arn:aws:iam::{a}:group/ci/{gname}",
                "CreateDate": iso(self.ago(900, 1000)),
                "GroupPolicyList": [{"PolicyName": f"{gname}-self-read", "PolicyDocument": {
                    "Version": "2012-10-17", "Statement": [{
                        "Sid": "ReadOwnIdentity", "Effect": "Allow",
                        "Action": ["iam:GetUser", "iam:ListAccessKeys", "iam:ListGroupsForUser"],
                        "Resource": f"arn:aws:iam::{a}:user/ci/${{aws:username}}"}]}}],
                "AttachedManagedPolicies": []})
        groups.append({
            "Path": "/", "GroupName": "incident-responders", "GroupId": self.uid("AGPA"),
            "Arn": f"arn:aws:iam::{a}:group/incident-responders", "CreateDate": iso(self.ago(900, 1000)),
            "GroupPolicyList": [{"PolicyName": "read-all-logs", "PolicyDocument": {
                "Version": "2012-10-17", "Statement": [{
                    "Sid": "ReadLogs", "Effect": "Allow",
                    "Action": ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults"],
                    "Resource": f"arn:aws:logs:{REGION}:{a}:log-group:*"}]}}],
            "AttachedManagedPolicies": []})
        if self.heavy:
            groups.append({
                "Path": "/", "GroupName": "platform-admins", "GroupId": self.uid("AGPA"),
                "Arn": f"arn:aws:iam::{a}:group/platform-admins", "CreateDate": iso(self.ago(900, 1000)),
                "GroupPolicyList": [], "AttachedManagedPolicies": [
                    {"PolicyName": "AdministratorAccess", "PolicyArn": ADMIN_ARN}]})
            admin_attachments += 1
            for t in range(SHARED_POLICIES):
                policies.append(self.shared_policy(t))
        users.append({
            "Path": "/humans/", "UserName": "breakglass-admin", "UserId": self.uid("AIDA"),
            "Arn": f"arn:aws:iam::{a}:user/humans/breakglass-admin", "CreateDate": "2021-01-04T09:00:00+00:00",
            "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [
                {"PolicyName": "AdministratorAccess", "PolicyArn": ADMIN_ARN}], "Tags": []})
        cr_rows.append(f"breakglass-admin,arn:aws:iam::{a}:user/humans/breakglass-admin,2021-01-04T09:00:00+00:00,"
                       f"true,{iso(self.ago(20, 40))},2026-01-10T09:00:00+00:00,N/A,true,"
                       "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
        policies.insert(0, {
            "PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK", "Arn": ADMIN_ARN, "Path": "/",
            "DefaultVersionId": "v1", "AttachmentCount": admin_attachments, "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": True, "Description": "Provides full access to AWS services and resources.",
            "CreateDate": "2015-02-06T18:39:46+00:00", "UpdateDate": "2015-02-06T18:39:46+00:00",
            "PolicyVersionList": [{"Document": ADMIN_DOC, "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": "2015-02-06T18:39:46+00:00"}]})
        root = (f"<root_account>,arn:aws:iam::{a}:root,2019-04-02T11:20:33+00:00,not_supported,"
                f"{iso(self.ago(30, 60))},not_supported,not_supported,true,"
                "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
        snapshot = {
            "accountId": a,
            "collectedAt": self.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "authorizationDetails": {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": [],
                                     "Policies": policies},
            "credentialReport": "\n".join([CR_HEADER, root] + cr_rows),
        }
        return snapshot, principals, drifts, untouched

    def shared_policy(self, t):
        """fleet-tools-TT: v1 traces, v2 (+ telemetry; what the baseline pins), v3 (+ iam:PassRole on *, default
        only for fleet-tools-00). X-Ray's write actions take no resource ARN, so "*" is their least privilege."""
        v1 = [{"Sid": "Traces", "Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}]
        v2 = v1 + [{"Sid": "Telemetry", "Effect": "Allow", "Action": ["xray:PutTelemetryRecords"], "Resource": "*"}]
        v3 = v2 + [{"Sid": "PassAnyRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]
        default = "v3" if t == SHARED_DRIFTED else "v2"
        created = "2025-03-01T10:00:00+00:00"
        versions = [{"Document": {"Version": "2012-10-17", "Statement": st}, "VersionId": v, "CreateDate": created,
                     "IsDefaultVersion": v == default} for v, st in (("v3", v3), ("v2", v2), ("v1", v1))]
        return {"PolicyName": f"fleet-tools-{t:02d}", "PolicyId": self.uid("ANPA"),
                "Arn": f"arn:aws:iam::{self.acct}:policy/ci/fleet-tools-{t:02d}", "Path": "/ci/",
                "DefaultVersionId": default, "AttachmentCount": (self.n + SHARED_POLICIES - 1 - t) // SHARED_POLICIES,
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": created,
                "UpdateDate": created, "PolicyVersionList": versions}

    def expected(self, i, name, kind, pol_arn, inline_name, rotated):
        """The findings a drift must produce (AdministratorAccess, directly or through a group: ADMIN_EXPECTED)."""
        d = {"index": i, "principal": name, "principalType": "user", "drift": kind}
        if kind == "admin-attached":
            d.update(type="UNEXPECTED_POLICY", policy=ADMIN_ARN, severity="CRITICAL", **ADMIN_EXPECTED)
        elif kind == "inline-widened":
            d.update(type="POLICY_DRIFT", policy=f"inline:{inline_name}", severity="CRITICAL", verdict="WIDENED",
                     statementSid="StateObjects")
        elif kind == "managed-detached":
            d.update(type="MANAGED_POLICY_NOT_ATTACHED", policy=pol_arn, severity="CRITICAL", alsoExpected=[
                {"type": "REQUIRED_ACTION_DENIED", "severity": "CRITICAL", "action": "lambda:UpdateFunctionCode"}])
        elif kind == "extra-inline":
            d.update(type="UNEXPECTED_POLICY", policy=f"inline:hotfix-svc-{i:05d}", severity="CRITICAL")
        elif kind == "group-added":
            d.update(type="GROUP_DRIFT", policy=None, group="incident-responders", severity="CRITICAL")
        elif kind == "stale-key":
            d.update(type="ACCESS_KEY_STALE", policy=None, severity="HIGH", accessKey=1,
                     ageDays=(self.now - rotated).days)
        elif kind == "console-password":
            d.update(type="CONSOLE_ACCESS", policy=None, severity="HIGH")
        elif kind == "inline-wildcard":
            d.update(type="POLICY_DRIFT", policy=f"inline:{inline_name}", severity="CRITICAL", verdict="WIDENED",
                     alsoExpected=[{"type": "WILDCARD_ACTION", "severity": "MEDIUM"},
                                   {"type": "WILDCARD_RESOURCE", "severity": "MEDIUM"}])
        elif kind == "escalation-grant":
            d.update(type="UNEXPECTED_POLICY", policy=f"inline:iam-maint-svc-{i:05d}", severity="CRITICAL",
                     alsoExpected=[{"type": "PRIVILEGE_ESCALATION", "severity": "CRITICAL"}])
        elif kind == "group-admin":
            d.update(type="GROUP_DRIFT", policy=None, group="platform-admins", severity="CRITICAL", **ADMIN_EXPECTED)
        elif kind == "shared-version":
            d.update(type="POLICY_VERSION_DRIFT", policy=pol_arn, severity="CRITICAL", verdict="WIDENED",
                     # iam:PassRole on * escalates only where a more privileged role exists to pass (none here)
                     allowedAlso=[{"type": "PRIVILEGE_ESCALATION", "severity": "CRITICAL"}],
                     alsoExpected=[{"type": "PASSROLE_UNSCOPED", "severity": "HIGH"},
                                   {"type": "WILDCARD_RESOURCE", "severity": "MEDIUM"}])
        return d


def dump(path, obj, pretty=False):
    with open(path, "w", encoding="utf-8") as f:
        if pretty:
            json.dump(obj, f, indent=2)
        else:
            json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description="Generate a large synthetic account snapshot + baselines + expected drifts.")
    ap.add_argument("--deployers", type=int, required=True, help="number of deployer users")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--account-id", default="345678901234")
    ap.add_argument("--collected-at", default="2026-11-20T06:00:00Z")
    ap.add_argument("--per-file", type=int, default=1000, help="principals per baseline file")
    ap.add_argument("--templates", type=int, default=50, help="distinct managed policy templates")
    ap.add_argument("--mode", choices=["kind", "drift-heavy"], default="kind",
                    help="kind: one drift in 97 users; drift-heavy: one in 7, more drift kinds, shared version drift")
    ap.add_argument("--drift-every", type=int, default=None,
                    help="inject a drift into every Nth user (default 97, drift-heavy 7; 0 = none)")
    args = ap.parse_args()
    if args.deployers < 1 or args.per_file < 1 or args.templates < 1:
        ap.error("--deployers, --per-file and --templates must be positive")
    heavy = args.mode == "drift-heavy"
    if args.drift_every is None:
        args.drift_every = HEAVY_DRIFT_EVERY if heavy else DRIFT_EVERY
    if args.drift_every < 0:
        ap.error("--drift-every must be 0 (no drifts) or positive")
    started = time.monotonic()
    now = dt.datetime.strptime(args.collected_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    fleet = Fleet(args.deployers, args.seed, args.account_id, now, args.templates, args.drift_every, heavy)
    snapshot, principals, drifts, untouched = fleet.build()

    os.makedirs(os.path.join(args.out, "baselines"), exist_ok=True)
    for name in os.listdir(os.path.join(args.out, "baselines")):
        if name.endswith(".json"):
            os.remove(os.path.join(args.out, "baselines", name))
    dump(os.path.join(args.out, "snapshot.json"), snapshot)
    files = []
    groups_by_file = fleet_groups(snapshot, args.per_file)
    for k, start in enumerate(range(0, len(principals), args.per_file)):
        baseline = {"schemaVersion": 1, "accountId": args.account_id, "environment": "scale"}
        if k == 0:
            baseline["discovery"] = {"userNamePatterns": ["*-deployer"], "pathPrefixes": ["/ci/"]}
        baseline["principals"] = principals[start:start + args.per_file]
        if groups_by_file.get(k):
            baseline["groups"] = groups_by_file[k]
        fname = f"deployers-{k + 1:03d}.json"
        dump(os.path.join(args.out, "baselines", fname), baseline)
        files.append(fname)
    dump(os.path.join(args.out, "expected-drifts.json"), {
        "accountId": args.account_id,
        "collectedAt": snapshot["collectedAt"],
        "seed": args.seed,
        "deployers": args.deployers,
        "baselineFiles": files,
        "driftEvery": args.drift_every,
        "mode": args.mode,
        "driftKinds": fleet.kinds + (["shared-version"] if heavy else []),
        "howToRead": "Each drift must produce at least one finding of `type` at `severity` for `principal` "
                     "(and `policy` where not null), plus every `alsoExpected` entry; `allowedAlso` may appear. "
                     "Untouched principals must produce no finding above LOW. Not audited: breakglass-admin "
                     "(matches no discovery rule).",
        "drifts": drifts,
        "untouchedCount": len(untouched),
        "untouchedMaxSeverity": "LOW",
        "untouched": untouched,
        "notAudited": ["breakglass-admin", "<root_account>"],
    }, pretty=True)
    elapsed = time.monotonic() - started
    size = os.path.getsize(os.path.join(args.out, "snapshot.json"))
    print(f"{args.deployers} deployers, {len(drifts)} drifts, {len(files)} baseline file(s), "
          f"snapshot {size / 1e6:.1f} MB, {elapsed:.1f} s", file=sys.stderr)


def fleet_groups(snapshot, per_file):
    """The baselines' groups section: each fleet group ci-fleet-NNN as it is (its policies are what its members
    are expected to get), in the file that holds its first member; a group is named in one file only. The groups
    drifted principals join (incident-responders, platform-admins) are not expected memberships: GROUP_DRIFT."""
    out = {}
    for g in snapshot["authorizationDetails"]["GroupDetailList"]:
        name = g["GroupName"]
        if not name.startswith("ci-fleet-"):
            continue
        first_member = int(name[len("ci-fleet-"):]) * USERS_PER_GROUP
        out.setdefault(first_member // per_file, []).append({
            "name": name,
            "managedPolicies": [{"arn": m["PolicyArn"]} for m in g["AttachedManagedPolicies"]],
            "inlinePolicies": [{"name": p["PolicyName"], "document": p["PolicyDocument"]} for p in g["GroupPolicyList"]],
        })
    return out


if __name__ == "__main__":
    main()
