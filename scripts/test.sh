#!/usr/bin/env bash
# Runs every test: unit tests, the emulator-backed tests (moto_server, started and stopped by the tests
# themselves), cfn-lint on template.yaml, the template's policies through the project's own linter after the
# SAM transform, the deploy smoke test (the stack created in moto's CloudFormation), and a bounded fuzzing run
# of each Jazzer target (profile fuzz, 20 s per target; figures printed at the end).
# Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
echo "Using JDK at $JAVA_HOME"
# The SAM templates: CloudFormation schema, SAM transform and best-practice rules (cfn-lint runs the transform)
cfn_lint=$(command -v cfn-lint || echo "$HOME/.pyenv/shims/cfn-lint")
[ -x "$cfn_lint" ] || { echo "error: cfn-lint is not installed (pip install cfn-lint)" >&2; exit 1; }
"$cfn_lint" template.yaml deploy/iam-event-forwarder.yaml org/member-role.yaml
echo "cfn-lint: template.yaml, deploy/iam-event-forwarder.yaml and org/member-role.yaml pass"
mkdir -p target
log=target/test-output.log
# The console gets the output without the fuzzers' progress lines (thousands per target); the log keeps all of it.
mvn -B -ntp -Dstyle.color=never verify -Pemulator,fuzz "$@" 2>&1 | tee "$log" | awk -v logfile="$log" -f scripts/test-output-filter.awk
# libFuzzer prints "Done <n> runs in <s> second(s)" per target on the forked JVM's native stderr
awk '/maven-surefire-plugin:.*:test \(fuzz-/ { match($0, /\(fuzz-[a-z-]+\)/); target = substr($0, RSTART + 6, RLENGTH - 7) }
     /^Done [0-9]+ runs in [0-9]+ second/ { printf "fuzzing %-16s %s runs in %s s\n", target, $2, $5 }' "$log"
grep -h "^FaultInjectionIT " "$log" | sort -u || true
