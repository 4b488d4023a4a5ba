#!/usr/bin/env python3
"""Builds a deliberately vulnerable account snapshot for the escalation corpus test.

Each IAM user under the /corpus/ path holds one policy that realises (or, for the negatives, looks like but
does not realise) a privilege escalation path as the public catalogues describe it: DataDog's
pathfinding.cloud (data/paths/aws, Apache-2.0) and Rhino Security Labs' "AWS Privilege Escalation Methods
and Mitigation". The targets (admin roles trusting services, an admin user and group, role chains) are the
prerequisites those catalogues name. Writes snapshot.json and expected.json (principal -> verdict and the
path ids the audit must report) next to EscalationCorpusTest's resources.

Usage: scripts/build-escalation-corpus.py   (no arguments; rerun after changing the principals below)
"""
import json
import os
import urllib.parse

ACCT = "123456789012"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "functions", "drift-core", "src", "test",
                   "resources", "escalation-corpus")
SERVICES = ["lambda.amazonaws.com", "ec2.amazonaws.com", "sagemaker.amazonaws.com", "glue.amazonaws.com",
            "codebuild.amazonaws.com", "cloudformation.amazonaws.com", "ecs-tasks.amazonaws.com",
            "bedrock-agentcore.amazonaws.com", "ssm.amazonaws.com", "datapipeline.amazonaws.com"]


def pol(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(sid, action, resource="*", condition=None):
    s = {"Sid": sid, "Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        s["Condition"] = condition
    return s


def deny(sid, action, resource):
    return {"Sid": sid, "Effect": "Deny", "Action": action, "Resource": resource}


def enc(doc):
    return urllib.parse.quote(json.dumps(doc), safe="")


def arn(kind, name):
    return f"arn:aws:iam::{ACCT}:{kind}/{name}"


ADMIN = pol(allow("All", "*"))
users, roles, groups, policies = [], [], [], []
expected = {}


def user(name, inline=None, path="/corpus/", groups_=(), attached=(), boundary=None, verdict=None, paths=()):
    u = {"UserName": name, "UserId": "AIDA" + name.upper().replace("-", "")[:16], "Arn": arn("user", name),
         "Path": path, "CreateDate": "2026-01-01T00:00:00Z", "GroupList": list(groups_),
         "AttachedManagedPolicies": [{"PolicyName": p.split("/")[-1], "PolicyArn": p} for p in attached],
         "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": enc(inline)}] if inline else [], "Tags": []}
    if boundary:
        u["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
    users.append(u)
    if verdict:
        expected[name] = {"verdict": verdict, "paths": list(paths)}


def role(name, trust, inline):
    roles.append({"RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:16], "Arn": arn("role", name),
                  "Path": "/", "CreateDate": "2026-01-01T00:00:00Z", "AssumeRolePolicyDocument": enc(trust),
                  "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": enc(inline)}],
                  "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}})


def group(name, inline):
    groups.append({"GroupName": name, "GroupId": "AGPA" + name.upper().replace("-", "")[:16], "Arn": arn("group", name),
                   "Path": "/", "CreateDate": "2026-01-01T00:00:00Z",
                   "GroupPolicyList": [{"PolicyName": "p", "PolicyDocument": enc(inline)}], "AttachedManagedPolicies": []})


def managed(name, doc, aws=False):
    a = f"arn:aws:iam::aws:policy/{name}" if aws else arn("policy", name)
    policies.append({"PolicyName": name, "PolicyId": "ANPA" + name.upper().replace("-", "")[:16], "Arn": a, "Path": "/",
                     "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
                     "PolicyVersionList": [{"Document": enc(doc), "VersionId": "v1", "IsDefaultVersion": True,
                                            "CreateDate": "2026-01-01T00:00:00Z"}]})
    return a


def trust_services(*services):
    return pol({"Effect": "Allow", "Principal": {"Service": list(services)}, "Action": "sts:AssumeRole"})


def trust_arn(a):
    return pol({"Effect": "Allow", "Principal": {"AWS": a}, "Action": "sts:AssumeRole"})


# ---- targets the catalogues name as prerequisites ----------------------------------------------------------
role("corpus-admin-service", trust_services(*SERVICES), ADMIN)
role("corpus-weak-lambda", trust_services("lambda.amazonaws.com"),
     pol(allow("Logs", ["logs:CreateLogStream", "logs:PutLogEvents"], "*")))
user("corpus-admin-user", ADMIN, path="/admins/")
group("corpus-admins", ADMIN)
group("corpus-devs", pol(allow("Read", "s3:GetObject", "arn:aws:s3:::corpus-bucket/*")))
role("corpus-assumable-admin", trust_arn(arn("user", "assume-admin")), ADMIN)
role("hop1", trust_arn(arn("user", "chain-of-three")), pol(allow("Next", "sts:AssumeRole", arn("role", "hop2"))))
role("hop2", trust_arn(arn("role", "hop1")), pol(allow("Next", "sts:AssumeRole", arn("role", "hop3"))))
role("hop3", trust_arn(arn("role", "hop2")), ADMIN)
S3_ONLY = managed("corpus-s3-only-boundary", pol(allow("S3", "s3:*")))
OWN = managed("corpus-own-policy", pol(allow("Rewrite", "iam:CreatePolicyVersion", arn("policy", "corpus-own-policy"))))
PASS_ANY = allow("Pass", "iam:PassRole", arn("role", "*"))

# ---- principals: (pathfinding id / Rhino method) -> expected verdict ------------------------------------------
user("self-put-user-policy", pol(allow("Self", "iam:PutUserPolicy", arn("user", "*"))),
     verdict="escalates", paths=["self-user-inline-policy"])                      # iam-007, Rhino 10
user("self-attach-user-policy", pol(allow("Self", "iam:AttachUserPolicy", arn("user", "${aws:username}"))),
     verdict="escalates", paths=["self-user-attach-policy"])                      # iam-008, Rhino 7
user("own-policy-version", attached=[OWN], verdict="escalates", paths=["self-policy-version"])  # iam-001, Rhino 1
user("aws-managed-policy-version", pol(allow("Aws", ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                                            "arn:aws:iam::aws:policy/*")), verdict="none")
user("own-group-put", pol(allow("Group", "iam:PutGroupPolicy", arn("group", "corpus-devs"))), groups_=["corpus-devs"],
     verdict="escalates", paths=["own-group-inline-policy"])                      # iam-011, Rhino 11
user("join-admin-group", pol(allow("Join", "iam:AddUserToGroup", arn("group", "corpus-admins"))),
     verdict="escalates", paths=["join-group"])                                   # iam-013, Rhino 13
user("other-user-keys", pol(allow("Keys", "iam:CreateAccessKey", arn("user", "corpus-admin-user"))),
     verdict="escalates", paths=["other-user-access-key"])                        # iam-002, Rhino 4
user("own-keys-only", pol(allow("Keys", ["iam:CreateAccessKey", "iam:UpdateLoginProfile"], arn("user", "${aws:username}"))),
     verdict="none")
user("rewrite-trust", pol(allow("Trust", "iam:UpdateAssumeRolePolicy", arn("role", "corpus-admin-service"))),
     verdict="escalates", paths=["rewrite-trust"])                                # iam-012, Rhino 14
user("passrole-lambda", pol(PASS_ANY, allow("Fn", ["lambda:CreateFunction", "lambda:InvokeFunction"])),
     verdict="escalates", paths=["passrole-lambda-invoke"])                       # lambda-001, Rhino 15
user("passrole-weak-role-only", pol(allow("Pass", "iam:PassRole", arn("role", "corpus-weak-lambda")),
                                    allow("Fn", ["lambda:CreateFunction", "lambda:InvokeFunction"])), verdict="none")
user("passrole-to-another-service", pol(allow("Pass", "iam:PassRole", arn("role", "*"),
                                              {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}),
                                        allow("Fn", ["lambda:CreateFunction", "lambda:InvokeFunction"])), verdict="none")
user("passrole-ec2", pol(PASS_ANY, allow("Run", "ec2:RunInstances")),
     verdict="escalates", paths=["passrole-ec2-run-instances"])                   # ec2-001, Rhino 3
user("passrole-sagemaker", pol(PASS_ANY, allow("Jobs", ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"])),
     verdict="escalates", paths=["passrole-sagemaker-training-job", "passrole-sagemaker-processing-job"])  # sagemaker-002
user("passrole-glue", pol(PASS_ANY, allow("Dev", "glue:CreateDevEndpoint")),
     verdict="escalates", paths=["passrole-glue-dev-endpoint"])                   # glue-001, Rhino 18
user("passrole-cloudformation", pol(PASS_ANY, allow("Stack", "cloudformation:CreateStack")),
     verdict="escalates", paths=["passrole-cloudformation-stack"])                # cloudformation-001, Rhino 20
user("lambda-code", pol(allow("Code", "lambda:UpdateFunctionCode")),
     verdict="escalates", paths=["lambda-update-code"])                           # lambda-003, Rhino 17
user("glue-dev-endpoint", pol(allow("Dev", "glue:UpdateDevEndpoint")),
     verdict="escalates", paths=["glue-update-dev-endpoint"])                     # glue-002, Rhino 19
user("ssm-send-command", pol(allow("Run", "ssm:SendCommand")),
     verdict="escalates", paths=["ssm-send-command"])                             # ssm-002
user("codebuild-start", pol(allow("Build", "codebuild:StartBuild")),
     verdict="escalates", paths=["codebuild-start-build"])                        # codebuild-002
user("assume-admin", pol(allow("Assume", "sts:AssumeRole", arn("role", "corpus-assumable-admin"))),
     verdict="escalates", paths=["assume-role"])                                  # sts-001
user("chain-of-three", pol(allow("Assume", "sts:AssumeRole", arn("role", "hop1"))),
     verdict="escalates", paths=["assume-role"])
user("deny-on-itself", pol(allow("Self", "iam:PutUserPolicy", arn("user", "*")),
                           deny("NotMe", "iam:*", arn("user", "deny-on-itself"))), verdict="none")
user("boundary-blocks", pol(allow("Self", "iam:PutUserPolicy", "*")), boundary=S3_ONLY, verdict="none")
user("iam-star-denied", pol(allow("Iam", "iam:*"), deny("NoIam", "iam:*", "*")), verdict="none")
# paths added or corrected after reading data/paths/aws file by file (each negative holds what the row needed
# before the correction, which the catalogue says is not enough)
AGENTCORE = "bedrock-agentcore.amazonaws.com"
PASS_AGENTCORE = allow("Pass", "iam:PassRole", arn("role", "*"), {"StringEquals": {"iam:PassedToService": AGENTCORE}})
user("agentcore-runtime", pol(PASS_AGENTCORE, allow("Runtime", ["bedrock-agentcore:CreateAgentRuntime",
     "bedrock-agentcore:CreateAgentRuntimeEndpoint", "bedrock-agentcore:CreateWorkloadIdentity",
     "bedrock-agentcore:InvokeAgentRuntimeCommand"])),
     verdict="escalates", paths=["passrole-bedrock-agent-runtime", "bedrock-agent-runtime-command"])  # bedrock-003, -004
user("agentcore-harness", pol(PASS_AGENTCORE, allow("Harness", ["bedrock-agentcore:CreateHarness",
     "bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:CreateAgentRuntimeEndpoint",
     "bedrock-agentcore:CreateWorkloadIdentity", "bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:GetHarness",
     "bedrock-agentcore:InvokeAgentRuntimeCommand"])), verdict="escalates", paths=["passrole-bedrock-harness"])  # bedrock-005
user("agentcore-browser", pol(PASS_AGENTCORE, allow("Browser", ["bedrock-agentcore:CreateBrowser",
     "bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"])),
     verdict="escalates", paths=["passrole-bedrock-browser", "bedrock-browser-session"])  # bedrock-006, -007
user("agentcore-browser-session-only", pol(allow("Session", "bedrock-agentcore:StartBrowserSession")), verdict="none")
user("ecs-register-instance", pol(PASS_ANY, allow("Ecs", ["ecs:RegisterContainerInstance", "ecs:StartTask"])),
     verdict="escalates", paths=["passrole-ecs-register-container-instance", "passrole-ecs-start-task-override"])  # ecs-007
user("ec2-user-data", pol(allow("Ec2", ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"])),
     verdict="escalates", paths=["ec2-user-data"])                                # ec2-002
user("ec2-modify-attribute-only", pol(allow("Ec2", "ec2:ModifyInstanceAttribute")), verdict="none")
user("codedeploy", pol(allow("Deploy", ["codedeploy:CreateDeployment", "codedeploy:RegisterApplicationRevision",
     "codedeploy:GetDeploymentConfig"])), verdict="escalates", paths=["codedeploy-deployment"])  # codedeploy-001
user("codedeploy-create-only", pol(allow("Deploy", "codedeploy:CreateDeployment")), verdict="none")
user("ssm-automation", pol(PASS_ANY, allow("Ssm", ["ssm:CreateDocument", "ssm:StartAutomationExecution"])),
     verdict="escalates", paths=["passrole-ssm-automation"])                      # ssm-003
user("ssm-automation-without-document", pol(PASS_ANY, allow("Ssm", "ssm:StartAutomationExecution")), verdict="none")
user("datapipeline", pol(PASS_ANY, allow("Pipe", ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition",
     "datapipeline:ActivatePipeline"])), verdict="escalates", paths=["passrole-datapipeline"])  # datapipeline-001, Rhino 21
user("datapipeline-without-activate", pol(PASS_ANY, allow("Pipe", ["datapipeline:CreatePipeline",
     "datapipeline:PutPipelineDefinition"])), verdict="none")
user("stackset-update", pol(PASS_ANY, allow("Set", "cloudformation:UpdateStackSet")),
     verdict="escalates", paths=["cloudformation-update-stackset"])               # cloudformation-004
user("stackset-update-without-pass", pol(allow("Set", "cloudformation:UpdateStackSet")), verdict="none")
user("ecs-exec", pol(allow("Exec", ["ecs:ExecuteCommand", "ecs:DescribeTasks"])),
     verdict="escalates", paths=["ecs-execute-command"])                          # ecs-006
user("ecs-exec-without-describe", pol(allow("Exec", "ecs:ExecuteCommand")), verdict="none")
user("emr-instance-profile", pol(allow("Pass", "iam:PassRole", arn("role", "*"),
                                       {"StringEquals": {"iam:PassedToService": "elasticmapreduce.amazonaws.com"}}),
                                 allow("Emr", "elasticmapreduce:RunJobFlow")),
     verdict="escalates", paths=["passrole-emr-cluster"])                         # emr-001: an EC2 role passed to EMR
user("administrator", ADMIN, verdict="admin")

snapshot = {"accountId": ACCT, "collectedAt": "2026-11-28T00:00:00Z",
            "authorizationDetails": {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
                                     "Policies": policies}}
os.makedirs(OUT, exist_ok=True)
for name, obj in (("snapshot.json", snapshot), ("expected.json", expected)):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
print(f"wrote {len(expected)} corpus principals to {os.path.relpath(OUT)}")
