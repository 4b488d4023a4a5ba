#!/usr/bin/env python3
"""Adds roles with trust policies to a scale snapshot (scripts/generate-scale-account.py), for the
reachability benchmark (scripts/bench-reachability.sh). Deterministic; stdlib only.

  scripts/add-reachability-roles.py --snapshot DIR/snapshot.json --roles 2000 [--seed 7]

Roles bench-role-NNNN: about 40% trust a compute service (lambda, ec2, ecs-tasks, glue, sagemaker, codebuild),
30% trust one deployer user, 20% trust another bench role (chains), 10% the account root. One in 50 is
admin-equivalent; the others hold a small data-plane policy, some with sts:AssumeRole on the next role.
"""
import argparse
import json
import random
import urllib.parse

SERVICES = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com",
            "sagemaker.amazonaws.com", "codebuild.amazonaws.com"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--roles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    with open(a.snapshot, encoding="utf-8") as f:
        snap = json.load(f)
    details = snap.get("authorizationDetails", snap)
    acct = snap["accountId"]
    users = [u["Arn"] for u in details["UserDetailList"]]
    roles = details.setdefault("RoleDetailList", [])
    for i in range(a.roles):
        name = f"bench-role-{i:04d}"
        r = rnd.random()
        if r < 0.4:
            principal = {"Service": rnd.choice(SERVICES)}
        elif r < 0.7:
            principal = {"AWS": rnd.choice(users)}
        elif r < 0.9 and i > 0:
            principal = {"AWS": f"arn:aws:iam::{acct}:role/bench-role-{rnd.randrange(i):04d}"}
        else:
            principal = {"AWS": f"arn:aws:iam::{acct}:root"}
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]}
        if i % 50 == 0:
            doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        else:
            stmts = [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                      "Resource": f"arn:aws:s3:::bench-data-{i % 97}/*"},
                     {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                      "Resource": f"arn:aws:dynamodb:us-east-1:{acct}:table/bench-{i % 31}"}]
            if rnd.random() < 0.2:
                stmts.append({"Effect": "Allow", "Action": "sts:AssumeRole",
                              "Resource": f"arn:aws:iam::{acct}:role/bench-role-{(i + 1) % a.roles:04d}"})
            doc = {"Version": "2012-10-17", "Statement": stmts}
        roles.append({"RoleName": name, "RoleId": "AROABENCH%011d" % i, "Arn": f"arn:aws:iam::{acct}:role/{name}",
                      "Path": "/bench/", "CreateDate": "2026-01-01T00:00:00Z",
                      "AssumeRolePolicyDocument": urllib.parse.quote(json.dumps(trust), safe=""),
                      "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "data", "PolicyDocument": doc}],
                      "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}})
    with open(a.snapshot, "w", encoding="utf-8") as f:
        json.dump(snap, f)
    print(f"added {a.roles} roles with trust policies to {a.snapshot}")


if __name__ == "__main__":
    main()
