#!/usr/bin/env bash
# Runs every test: unit tests, the emulator-backed tests (moto_server, started and stopped by the tests
# themselves), cfn-lint on template.yaml, the template's policies through the project's own linter after the
# SAM transform, and the deploy smoke test (the stack created in moto's CloudFormation).
# Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
echo "Using JDK at $JAVA_HOME"
# The SAM templates: CloudFormation schema, SAM transform and best-practice rules (cfn-lint runs the transform)
cfn_lint=$(command -v cfn-lint || echo "$HOME/.pyenv/shims/cfn-lint")
[ -x "$cfn_lint" ] || { echo "error: cfn-lint is not installed (pip install cfn-lint)" >&2; exit 1; }
"$cfn_lint" template.yaml deploy/iam-event-forwarder.yaml
echo "cfn-lint: template.yaml and deploy/iam-event-forwarder.yaml pass"
mvn -B -ntp -Dstyle.color=never verify -Pemulator "$@"
