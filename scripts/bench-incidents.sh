#!/usr/bin/env bash
# Incident figures (issue 10; never run by the build or the tests). Prints, each from a real audit:
#   1. the bundled example: findings vs incidents;
#   2. the scale benchmark's 10,000 deployers (scripts/generate-scale-account.py, default drifts and a
#      drift-heavy variant with a drift every 10th deployer): the JSON report's size (goal < 50 MB);
#   3. 200 deployers with ~60 drifts: the size of the first alert email (goal < 48 KB);
#   4. the organization email of a first run over those reports as member accounts (bound 48 KB).
# Usage: scripts/bench-incidents.sh [--skip-scale]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
skip_scale=false
[ "${1:-}" = "--skip-scale" ] && skip_scale=true
echo "== building drift-auditor.jar and the bench classes (tests skipped)" >&2
mvn -B -ntp -q -o -Dstyle.color=never -DskipTests package >&2
jar=functions/drift-auditor/target/drift-auditor.jar
bench="functions/drift-bench/target/classes:$jar"
out=/tmp/iamdrift-incidents
mkdir -p "$out"
audit() { java -Xmx2g -jar "$jar" audit --snapshot "$1/snapshot.json" --baselines "$1/baselines" --format json --output "$2" >/dev/null 2>&1 || true; }

audit events/example "$out/example.json"
reports=("$out/example.json")
python3 scripts/generate-scale-account.py --deployers 200 --drift-every 3 --out "$out/d200" >/dev/null
audit "$out/d200" "$out/d200.json"
reports+=("$out/d200.json")
if ! $skip_scale; then
  for every in 97 10; do
    python3 scripts/generate-scale-account.py --deployers 10000 --drift-every "$every" --out "$out/d10000-$every" >/dev/null
    audit "$out/d10000-$every" "$out/d10000-$every.json"
    reports+=("$out/d10000-$every.json")
  done
fi
java -Xmx2g -cp "$bench" io.iamdrift.bench.IncidentBench "${reports[@]}"
