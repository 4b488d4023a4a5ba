#!/usr/bin/env python3
"""Validates baseline files against baseline.schema.json without third-party packages.

Usage: scripts/validate-baselines.py [--schema FILE] PATH...   (PATH: a .json file or a directory of them)

Implements the JSON Schema keywords the baseline schema uses (type, const, enum, required, properties,
additionalProperties, items, $ref to #/$defs, pattern, minLength, maxLength, minimum, maximum,
format: date) and adds the checks the auditor makes beyond the schema: every policy document (object or
URL-encoded string) parses as JSON with Version/Statement, and no principal is named in two files.
Prints one line per problem as FILE JSON-POINTER: reason; exits 1 when there is any.
"""
import argparse
import datetime
import json
import os
import re
import sys
import urllib.parse

# The schema the auditor ships: the contract's plus the project's marked extensions (e.g. assumableBy).
DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "functions", "drift-core", "src",
                              "main", "resources", "io", "iamdrift", "baseline", "baseline.schema.json")
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def ptr_join(ptr, part):
    return ptr + "/" + str(part).replace("~", "~0").replace("/", "~1")


def validate(node, schema, root, ptr, errors):
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        validate(node, target, root, ptr, errors)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](node) for t in types):
            errors.append((ptr or "/", f"expected {' or '.join(types)}, found {type(node).__name__}"))
            return
    if "const" in schema and node != schema["const"]:
        errors.append((ptr or "/", f"must be {json.dumps(schema['const'])}"))
    if "enum" in schema and node not in schema["enum"]:
        errors.append((ptr or "/", f"must be one of {schema['enum']}"))
    if isinstance(node, str):
        if "pattern" in schema and not re.search(schema["pattern"], node):
            errors.append((ptr, f"{node!r} does not match {schema['pattern']}"))
        if "minLength" in schema and len(node) < schema["minLength"]:
            errors.append((ptr, f"shorter than {schema['minLength']}"))
        if "maxLength" in schema and len(node) > schema["maxLength"]:
            errors.append((ptr, f"longer than {schema['maxLength']}"))
        if schema.get("format") == "date":
            try:
                datetime.date.fromisoformat(node)
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
                    raise ValueError
            except ValueError:
                errors.append((ptr, f"{node!r} is not a full-date (YYYY-MM-DD)"))
    if TYPES["number"](node):
        if "minimum" in schema and node < schema["minimum"]:
            errors.append((ptr, f"less than {schema['minimum']}"))
        if "maximum" in schema and node > schema["maximum"]:
            errors.append((ptr, f"greater than {schema['maximum']}"))
    if isinstance(node, dict):
        for req in schema.get("required", []):
            if req not in node:
                errors.append((ptr or "/", f"missing required property {req!r}"))
        props = schema.get("properties", {})
        addl = schema.get("additionalProperties", True)
        for k, v in node.items():
            if k in props:
                validate(v, props[k], root, ptr_join(ptr, k), errors)
            elif addl is False:
                errors.append((ptr_join(ptr, k), "unknown property"))
            elif isinstance(addl, dict):
                validate(v, addl, root, ptr_join(ptr, k), errors)
    if isinstance(node, list) and "items" in schema:
        for i, v in enumerate(node):
            validate(v, schema["items"], root, ptr_join(ptr, i), errors)


def parse_document(doc):
    if isinstance(doc, str):
        text = doc.strip()
        if not text.startswith("{"):
            text = urllib.parse.unquote(text)
        doc = json.loads(text)
    if not isinstance(doc, dict) or "Statement" not in doc:
        raise ValueError("not a policy document (no Statement)")
    return doc


def semantic_checks(baseline, errors):
    for i, p in enumerate(baseline.get("principals", []) if isinstance(baseline, dict) else []):
        base = f"/principals/{i}"
        docs = [(f"{base}/managedPolicies/{j}/document", m["document"])
                for j, m in enumerate(p.get("managedPolicies", [])) if isinstance(m, dict) and "document" in m]
        docs += [(f"{base}/inlinePolicies/{j}/document", m["document"])
                 for j, m in enumerate(p.get("inlinePolicies", [])) if isinstance(m, dict) and "document" in m]
        if "trustPolicy" in p:
            docs.append((f"{base}/trustPolicy", p["trustPolicy"]))
        for ptr, doc in docs:
            try:
                parse_document(doc)
            except (ValueError, TypeError) as e:
                errors.append((ptr, f"policy document does not parse: {e}"))


def files_of(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".json"):
                    yield os.path.join(path, name)
        else:
            yield path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    problems, seen, count = 0, {}, 0
    for path in files_of(args.paths):
        count += 1
        try:
            with open(path, encoding="utf-8") as f:
                baseline = json.load(f)
        except json.JSONDecodeError as e:
            print(f"{path} line {e.lineno} column {e.colno}: {e.msg}")
            problems += 1
            continue
        errors = []
        validate(baseline, schema, schema, "", errors)
        semantic_checks(baseline, errors)
        for i, p in enumerate(baseline.get("principals", []) if isinstance(baseline, dict) else []):
            if isinstance(p, dict) and "name" in p:
                key = (p.get("type"), p["name"])
                if key in seen:
                    errors.append((f"/principals/{i}", f"{key[0]} {key[1]} is also named in {seen[key]}"))
                seen[key] = path
        for ptr, reason in errors:
            print(f"{path} {ptr}: {reason}")
        problems += len(errors)
    print(f"{count} file(s), {len(seen)} principal(s), {problems} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
