#!/usr/bin/env bash
# Builds drift-auditor.jar and runs the main job on the bundled example account (no AWS account needed):
# the offline audit of events/example/snapshot.json against events/example/baselines/.
# Exits 2 when the audit finds CRITICAL drift (the example has some, on purpose). Arguments replace the default
# command, e.g. scripts/run-example.sh lint --policy my-policy.json
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -B -ntp -q -Dstyle.color=never -DskipTests package >&2
if [ $# -eq 0 ]; then
  set -- audit --snapshot events/example/snapshot.json --baselines events/example/baselines
fi
exec bin/drift-auditor "$@"
