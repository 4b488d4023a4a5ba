#!/usr/bin/env python3
"""Checks an audit report of a generated scale account against the drifts the generator injected (stdlib only).

  scripts/check-scale-report.py DIR/expected-drifts.json REPORT.json

Passes (exit 0) when
  - every injected drift has its finding (type, severity, principal, and policy where one is named), and every
    `alsoExpected` finding of it;
  - a drifted principal has no CRITICAL or HIGH finding beyond those its drift explains;
  - no untouched principal has a finding above `untouchedMaxSeverity` (LOW);
  - the principals that are not deployers (`notAudited`) have no finding, and every deployer was audited.
Prints what it checked and, on failure, the first mismatches (exit 1).
"""
import collections
import json
import sys

RANK = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3, "INFO": 4}


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    with open(sys.argv[1], encoding="utf-8") as f:
        expected = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)

    by_principal = collections.defaultdict(list)
    for finding in report["findings"]:
        by_principal[finding["principal"]["name"]].append(finding)
    problems = []

    def has(findings, kind, severity, policy=None):
        return any(f["type"] == kind and f["severity"] == severity and (policy is None or f.get("policy") == policy)
                   for f in findings)

    drifted = set()
    for drift in expected["drifts"]:
        name = drift["principal"]
        drifted.add(name)
        found = by_principal.get(name, [])
        if not has(found, drift["type"], drift["severity"], drift.get("policy")):
            problems.append(f"{name} ({drift['drift']}): no {drift['severity']} {drift['type']}"
                            f"{' on ' + drift['policy'] if drift.get('policy') else ''}")
        explained = {(drift["type"], drift["severity"])}
        for also in drift.get("alsoExpected", []):
            explained.add((also["type"], also["severity"]))
            if not has(found, also["type"], also["severity"]):
                problems.append(f"{name} ({drift['drift']}): no {also['severity']} {also['type']} (alsoExpected)")
        explained.update((also["type"], also["severity"]) for also in drift.get("allowedAlso", []))
        for f in found:
            if RANK[f["severity"]] <= RANK["HIGH"] and (f["type"], f["severity"]) not in explained:
                problems.append(f"{name} ({drift['drift']}): unexplained {f['severity']} {f['type']}: {f['title']}")

    limit = RANK[expected.get("untouchedMaxSeverity", "LOW")]
    noisy = 0
    for name in expected["untouched"]:
        for f in by_principal.get(name, []):
            if RANK[f["severity"]] < limit:
                noisy += 1
                if noisy <= 20:
                    problems.append(f"{name} (untouched): {f['severity']} {f['type']}: {f['title']}")
    for name in expected.get("notAudited", []):
        if by_principal.get(name):
            problems.append(f"{name} is not a deployer but has {len(by_principal[name])} finding(s)")
    audited = report["summary"]["principalsAudited"]
    if audited != expected["deployers"]:
        problems.append(f"principalsAudited is {audited}, expected {expected['deployers']}")
    if report.get("unaudited"):
        problems.append(f"{len(report['unaudited'])} principal(s) not audited: {report['unaudited'][:3]}")

    counts = report["summary"]["findings"]
    print(f"checked {len(expected['drifts'])} injected drifts and {len(expected['untouched'])} untouched principals; "
          f"{audited} audited; findings {json.dumps(counts, separators=(',', ':'))}")
    if problems:
        print(f"FAILED: {len(problems)} mismatch(es){' (untouched: ' + str(noisy) + ')' if noisy else ''}")
        for p in problems[:40]:
            print("  - " + p)
        return 1
    print("OK: every injected drift found, nothing above "
          f"{expected.get('untouchedMaxSeverity', 'LOW')} on untouched principals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
