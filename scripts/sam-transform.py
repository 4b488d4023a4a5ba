#!/usr/bin/env python3
"""Prints the CloudFormation template that AWS SAM makes of a SAM template (what `sam validate` and
`sam deploy` send to CloudFormation), as JSON on stdout. Offline: AWS managed policy names are resolved from a
fixed map instead of the IAM API. Used by the tests (TemplatePoliciesLintTest, SamDeployIT).

Usage: scripts/sam-transform.py TEMPLATE [--code-uri s3://BUCKET/KEY] [KEY=VALUE ...]
  --code-uri   the uploaded artifact, as `sam package` puts it in place of local CodeUri paths
               (default s3://bucket/value, the placeholder `sam validate` uses)
  KEY=VALUE    parameter overrides; AWS::Region, AWS::AccountId, AWS::StackName are accepted too
"""
import json
import os
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.arn_generator import ArnGenerator
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class StaticManagedPolicies:
    """The managed-policy loader interface of samtranslator, without AWS credentials: only the policies SAM
    may add on its own (it needs their ARNs when a function has no explicit role)."""

    POLICIES = {
        "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    }

    def load(self):
        return dict(self.POLICIES)


def use_code_uri(template, code_uri):
    """Replaces local CodeUri paths (functions and Globals) by the S3 location of the uploaded artifact."""
    sections = [template.get("Globals", {}).get("Function", {})]
    sections += [r.get("Properties", {}) for r in template.get("Resources", {}).values()
                 if r.get("Type") == "AWS::Serverless::Function"]
    for props in sections:
        if isinstance(props.get("CodeUri"), str) and not props["CodeUri"].startswith("s3://"):
            props["CodeUri"] = code_uri


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 1
    with open(argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    code_uri = "s3://bucket/value"
    args = argv[2:]
    if args[:1] == ["--code-uri"]:
        code_uri, args = args[1], args[2:]
    use_code_uri(template, code_uri)
    params = {"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
              "AWS::StackName": "iam-drift-auditor", "AWS::URLSuffix": "amazonaws.com"}
    for kv in args:
        key, _, value = kv.partition("=")
        params[key] = value
    # as `sam validate` does: the region comes from the parameters, never from a boto session
    os.environ["AWS_DEFAULT_REGION"] = params["AWS::Region"]
    ArnGenerator.BOTO_SESSION_REGION_NAME = params["AWS::Region"]
    try:
        out = transform(template, params, StaticManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"{argv[1]}: {cause.message}", file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
