#!/usr/bin/env bash
# Builds drift-auditor.jar and runs the main job on the bundled example account (no AWS account needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -B -ntp -q -DskipTests package
java -jar functions/drift-auditor/target/drift-auditor.jar "$@"
