#!/usr/bin/env bash
# Builds drift-auditor.jar (and its start-up cache, scripts/build-aot-cache.sh) and runs the main job on the bundled example account (no AWS account needed):
# the offline audit of events/example/snapshot.json against events/example/baselines/.
# Exits 2 when the audit finds CRITICAL drift (the example has some, on purpose). Arguments replace the default
# command, e.g. scripts/run-example.sh lint --policy my-policy.json
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -B -ntp -q -Dstyle.color=never -DskipTests package >&2
# the launcher's start-up cache (JDK 25+: ahead-of-time cache; 21-24: class-data sharing), one training run on the
# example; bin/drift-auditor uses it while it is newer than the jar
jar=functions/drift-auditor/target/drift-auditor.jar
if [ ! "${jar%.jar}.aot" -nt "$jar" ] && [ ! "${jar%.jar}.jsa" -nt "$jar" ]; then
  scripts/build-aot-cache.sh >&2
fi
if [ $# -eq 0 ]; then
  set -- audit --snapshot events/example/snapshot.json --baselines events/example/baselines
fi
exec bin/drift-auditor "$@"
