#!/usr/bin/env bash
# Runs every test: unit tests, the emulator-backed tests (moto_server, started and stopped by the tests
# themselves), cfn-lint on template.yaml, and a bounded fuzzing run of each Jazzer target (profile fuzz,
# 20 s per target; the figures are printed at the end). Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
echo "Using JDK at $JAVA_HOME"
mkdir -p target
log=target/test-output.log
mvn -B -ntp -Dstyle.color=never verify -Pemulator,fuzz "$@" 2>&1 | tee "$log"
# libFuzzer prints "Done <n> runs in <s> second(s)" per target on the forked JVM's native stderr
awk '/maven-surefire-plugin:.*:test \(fuzz-/ { match($0, /\(fuzz-[a-z-]+\)/); target = substr($0, RSTART + 6, RLENGTH - 7) }
     /^Done [0-9]+ runs in [0-9]+ second/ { printf "fuzzing %-16s %s runs in %s s\n", target, $2, $5 }' "$log"
grep -h "FaultInjectionIT faults injected\|FaultInjectionIT conditional writes" "$log" | sort -u || true
