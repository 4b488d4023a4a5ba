#!/usr/bin/env bash
# Runs every test: unit tests, the emulator-backed tests (moto_server, started and stopped by the tests
# themselves), cfn-lint on template.yaml. Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
echo "Using JDK at $JAVA_HOME"
mvn -B -ntp -Dstyle.color=never verify -Pemulator "$@"
