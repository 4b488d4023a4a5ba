#!/usr/bin/env python3
"""Writes the JSON Schema of one ASFF finding (AwsSecurityFinding) from the Security Hub API model.

The model is the one AWS publishes for its SDKs (botocore data/securityhub/2018-10-26/service-2.json,
Apache-2.0). Every shape reachable from AwsSecurityFinding becomes a $defs entry: structures are objects with
their required members and no other members, lists arrays, maps objects, strings keep their enum, pattern and
length limits, timestamps are strings. Usage: asff-schema.py SERVICE_2_JSON[.gz] > asff-finding.schema.json
"""
import gzip
import json
import sys

path = sys.argv[1]
model = json.load(gzip.open(path) if path.endswith(".gz") else open(path))
shapes = model["shapes"]
defs = {}


def schema_of(name):
    if name in defs:
        return
    defs[name] = None  # reserve: shapes may be recursive
    s = shapes[name]
    t = s["type"]
    out = {}
    if t == "structure":
        out = {"type": "object", "additionalProperties": False,
               "properties": {m: {"$ref": "#/$defs/" + v["shape"]} for m, v in s["members"].items()}}
        if s.get("required"):
            out["required"] = list(s["required"])
        for v in s["members"].values():
            schema_of(v["shape"])
    elif t == "list":
        out = {"type": "array", "items": {"$ref": "#/$defs/" + s["member"]["shape"]}}
        schema_of(s["member"]["shape"])
        if "min" in s:
            out["minItems"] = s["min"]
        if "max" in s:
            out["maxItems"] = s["max"]
    elif t == "map":
        out = {"type": "object", "additionalProperties": {"$ref": "#/$defs/" + s["value"]["shape"]}}
        schema_of(s["key"]["shape"])
        schema_of(s["value"]["shape"])
    elif t == "string":
        out = {"type": "string"}
        if "enum" in s:
            out["enum"] = s["enum"]
        if "pattern" in s:
            out["pattern"] = s["pattern"]
        if "min" in s:
            out["minLength"] = s["min"]
        if "max" in s:
            out["maxLength"] = s["max"]
    elif t in ("integer", "long"):
        out = {"type": "integer"}
        if "min" in s:
            out["minimum"] = s["min"]
        if "max" in s:
            out["maximum"] = s["max"]
    elif t in ("double", "float"):
        out = {"type": "number"}
    elif t == "boolean":
        out = {"type": "boolean"}
    elif t == "timestamp":
        out = {"type": "string"}
    else:
        raise SystemExit("unhandled shape type " + t + " of " + name)
    defs[name] = out


schema_of("AwsSecurityFinding")
# one $defs entry a line: small, and a model update shows as a readable diff
head = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:iam-drift-auditor:test:asff-finding",
    "title": "AWS Security Finding Format (AwsSecurityFinding), Security Hub API " + model["metadata"]["apiVersion"],
    "$ref": "#/$defs/AwsSecurityFinding",
}
lines = [json.dumps(k) + ": " + json.dumps(v, separators=(",", ":")) for k, v in sorted(defs.items())]
print(json.dumps(head, indent=1)[:-2] + ',\n "$defs": {\n  ' + ",\n  ".join(lines) + "\n }\n}")
