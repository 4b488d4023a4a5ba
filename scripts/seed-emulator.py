#!/usr/bin/env python3
"""Seeds an AWS emulator (moto_server, LocalStack) with an account snapshot and its baselines, for
scripts/local-emulator.sh.

  seed-emulator.py seed --snapshot events/example/snapshot.json --baselines events/example/baselines \
      --bucket drift-local --topic drift-alerts
      recreates the snapshot's customer managed policies (every version, the default one default), groups, users
      (path, tags, inline and attached policies, groups, access keys, console password as the credential report
      says) and roles (trust policy, boundary, inline and attached policies) through the IAM API, with the
      snapshot's account id replaced by the emulator's; creates a versioned bucket holding the baselines under
      baselines/<account>/, and an SNS topic with an SQS queue subscribed (to read the alerts). Prints the
      environment for bin/drift-auditor as `export` lines on stdout.
  seed-emulator.py alerts --queue drift-alerts-inbox
      prints the subject of every alert the queue received.

AWS managed policies are not created: the emulator must have them (moto: MOTO_IAM_LOAD_MANAGED_POLICIES=true).
Emulator gaps are reported on stderr and skipped (moto has no user permissions boundaries). Needs boto3, which
moto and LocalStack install. Endpoint, region and credentials come from the usual AWS_* variables.
"""
import argparse
import csv
import io
import json
import os
import sys
import urllib.parse

try:
    import boto3
    import botocore.exceptions
except ImportError:
    sys.exit("error: seed-emulator.py needs boto3 (pip install boto3; moto_server and LocalStack bring it)")


def document(value, account, snapshot_account):
    """A policy document as JSON text: snapshots hold objects (CLI) or URL-encoded strings (IAM API)."""
    text = urllib.parse.unquote(value) if isinstance(value, str) else json.dumps(value)
    return text.replace(snapshot_account, account)


def warn(message):
    print("seed-emulator: " + message, file=sys.stderr)


def seed(args):
    envelope = json.load(open(args.snapshot))
    details = envelope.get("authorizationDetails", envelope)
    snapshot_account = envelope.get("accountId") or "000000000000"
    session = boto3.session.Session()
    iam, s3, sns, sqs = (session.client(s) for s in ("iam", "s3", "sns", "sqs"))
    account = session.client("sts").get_caller_identity()["Account"]
    arn = lambda value: value.replace(snapshot_account, account)
    doc = lambda value: document(value, account, snapshot_account)

    for p in details.get("Policies", []):
        if ":aws:policy/" in p["Arn"]:
            continue
        versions = sorted(p["PolicyVersionList"], key=lambda v: int(v["VersionId"].lstrip("v")))
        iam.create_policy(PolicyName=p["PolicyName"], Path=p.get("Path", "/"), PolicyDocument=doc(versions[0]["Document"]),
                          Description=p.get("Description", ""))
        for v in versions[1:]:
            iam.create_policy_version(PolicyArn=arn(p["Arn"]), PolicyDocument=doc(v["Document"]),
                                      SetAsDefault=v.get("IsDefaultVersion", False))
        if versions[0].get("IsDefaultVersion") and len(versions) > 1:
            iam.set_default_policy_version(PolicyArn=arn(p["Arn"]), VersionId="v1")

    for g in details.get("GroupDetailList", []):
        iam.create_group(GroupName=g["GroupName"], Path=g.get("Path", "/"))
        for ip in g.get("GroupPolicyList", []):
            iam.put_group_policy(GroupName=g["GroupName"], PolicyName=ip["PolicyName"], PolicyDocument=doc(ip["PolicyDocument"]))
        for ap in g.get("AttachedManagedPolicies", []):
            iam.attach_group_policy(GroupName=g["GroupName"], PolicyArn=arn(ap["PolicyArn"]))

    report = {row["user"]: row for row in csv.DictReader(io.StringIO(envelope.get("credentialReport") or ""))}
    for u in details.get("UserDetailList", []):
        name = u["UserName"]
        iam.create_user(UserName=name, Path=u.get("Path", "/"), Tags=u.get("Tags", []))
        boundary = (u.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
        if boundary:
            try:
                iam.put_user_permissions_boundary(UserName=name, PermissionsBoundary=arn(boundary))
            except botocore.exceptions.ClientError as e:
                warn(f"user {name}: permissions boundary not set, the emulator lacks it ({e.response['Error']['Code']})")
        for ip in u.get("UserPolicyList", []):
            iam.put_user_policy(UserName=name, PolicyName=ip["PolicyName"], PolicyDocument=doc(ip["PolicyDocument"]))
        for ap in u.get("AttachedManagedPolicies", []):
            iam.attach_user_policy(UserName=name, PolicyArn=arn(ap["PolicyArn"]))
        for group in u.get("GroupList", []):
            iam.add_user_to_group(UserName=name, GroupName=group)
        row = report.get(name, {})
        for n in ("1", "2"):
            if row.get(f"access_key_{n}_active") == "true":
                iam.create_access_key(UserName=name)
        if row.get("password_enabled") == "true":
            iam.create_login_profile(UserName=name, Password="Local-emulator-1!")

    for r in details.get("RoleDetailList", []):
        name = r["RoleName"]
        kwargs = {}
        boundary = (r.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
        if boundary:
            kwargs["PermissionsBoundary"] = arn(boundary)
        iam.create_role(RoleName=name, Path=r.get("Path", "/"), AssumeRolePolicyDocument=doc(r["AssumeRolePolicyDocument"]),
                        Tags=r.get("Tags", []), **kwargs)
        for ip in r.get("RolePolicyList", []):
            iam.put_role_policy(RoleName=name, PolicyName=ip["PolicyName"], PolicyDocument=doc(ip["PolicyDocument"]))
        for ap in r.get("AttachedManagedPolicies", []):
            iam.attach_role_policy(RoleName=name, PolicyArn=arn(ap["PolicyArn"]))

    region = session.region_name or "us-east-1"
    if region == "us-east-1":
        s3.create_bucket(Bucket=args.bucket)
    else:
        s3.create_bucket(Bucket=args.bucket, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_bucket_versioning(Bucket=args.bucket, VersioningConfiguration={"Status": "Enabled"})
    for file in sorted(os.listdir(args.baselines)):
        if file.endswith(".json"):
            with open(os.path.join(args.baselines, file)) as f:
                body = f.read().replace(snapshot_account, account)
            s3.put_object(Bucket=args.bucket, Key=f"baselines/{account}/{file}", Body=body.encode())
    topic = sns.create_topic(Name=args.topic)["TopicArn"]
    queue = sqs.create_queue(QueueName=args.topic + "-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    warn(f"account {account}: {len(details.get('UserDetailList', []))} users, {len(details.get('RoleDetailList', []))} roles, "
         f"baselines in s3://{args.bucket}/baselines/{account}/, alerts to {topic} (queue {args.topic}-inbox)")
    print(f"export BASELINE_BUCKET={args.bucket} ALERT_TOPIC_ARN={topic} ACCOUNT_ID={account}")


def alerts(args):
    sqs = boto3.session.Session().client("sqs")
    url = sqs.get_queue_url(QueueName=args.queue)["QueueUrl"]
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if not messages:
            return
        for m in messages:
            body = json.loads(m["Body"])
            print("alert: " + body.get("Subject", "(no subject)"))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("seed")
    s.add_argument("--snapshot", required=True)
    s.add_argument("--baselines", required=True)
    s.add_argument("--bucket", required=True)
    s.add_argument("--topic", required=True)
    a = commands.add_parser("alerts")
    a.add_argument("--queue", required=True)
    args = parser.parse_args()
    seed(args) if args.command == "seed" else alerts(args)


if __name__ == "__main__":
    main()
