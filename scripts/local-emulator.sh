#!/usr/bin/env bash
# Runs the live auditor end to end against an AWS emulator, on the bundled example account: seeds the account
# (events/example/snapshot.json: users, roles, groups, policies with their versions, keys) and its baselines into
# the emulator, then runs the three Lambda paths in-process with bin/drift-auditor invoke: the scheduled audit,
# a CloudTrail change event and an ad hoc audit; prints each response and the alerts the topic received.
#
#   scripts/local-emulator.sh                                            # starts moto_server on a free port
#   AWS_ENDPOINT_URL=http://localhost:4566 scripts/local-emulator.sh     # LocalStack, or a moto_server of yours
#
# Needs the built jar (see bin/drift-auditor), python3 with boto3, and moto_server (pip install 'moto[server]')
# unless AWS_ENDPOINT_URL is given. A given emulator must have AWS managed policies (moto:
# MOTO_IAM_LOAD_MANAGED_POLICIES=true) and start empty: the account is created, not updated.
# Exits 1 when a path fails or answers other than the example says (the scheduled run must find CRITICAL drift).
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_REGION=${AWS_REGION:-us-east-1}
export AWS_DEFAULT_REGION=$AWS_REGION   # the aws CLI v1 and boto3 read this one
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing   # never real credentials
unset AWS_PROFILE
mkdir -p target

if [ -z "${AWS_ENDPOINT_URL:-}" ]; then
  command -v moto_server >/dev/null || { echo "error: moto_server not found: pip install 'moto[server]', or set AWS_ENDPOINT_URL" >&2; exit 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  MOTO_IAM_LOAD_MANAGED_POLICIES=true moto_server -H 127.0.0.1 -p "$port" > target/local-emulator-moto.log 2>&1 &
  moto_pid=$!
  trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port
  for _ in $(seq 1 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('$AWS_ENDPOINT_URL/moto-api/', timeout=1)" 2>/dev/null && break
    kill -0 "$moto_pid" 2>/dev/null || { echo "error: moto_server exited, see target/local-emulator-moto.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "moto_server at $AWS_ENDPOINT_URL (log: target/local-emulator-moto.log)"
fi

eval "$(python3 scripts/seed-emulator.py seed --snapshot events/example/snapshot.json \
  --baselines events/example/baselines --bucket drift-local --topic drift-alerts)"
export BASELINE_BUCKET ALERT_TOPIC_ARN ENVIRONMENT_NAME=local

# field NAME JSON: one top-level field of a handler response
field() { python3 -c 'import json, sys; r = json.loads(sys.argv[2]); v = r; [v := v[k] for k in sys.argv[1].split("/")]; print(v)' "$1" "$2"; }
fail() { echo "error: $*" >&2; exit 1; }

echo "== scheduled audit (events/scheduled.json)"
scheduled=$(bin/drift-auditor invoke --event events/scheduled.json)
echo "$scheduled"
[ "$(field findings/CRITICAL "$scheduled")" -gt 0 ] || fail "the scheduled audit found no CRITICAL drift in the example"
[ "$(field notified "$scheduled")" = True ] || fail "the scheduled audit sent no alert"

echo "== change event (events/cloudtrail-attach-user-policy.json: AdministratorAccess attached to acme-shop-prod-deployer)"
change=$(bin/drift-auditor invoke --event events/cloudtrail-attach-user-policy.json)
echo "$change"
[ "$(field principalsAudited "$change")" -ge 1 ] || fail "the change event audited nobody"

echo "== ad hoc audit (events/adhoc-audit.json)"
adhoc=$(bin/drift-auditor invoke --event events/adhoc-audit.json)
echo "$adhoc"
[ "$(field principalsAudited "$adhoc")" = 1 ] || fail "the ad hoc audit of one principal audited $(field principalsAudited "$adhoc")"

echo "== alerts received by the topic's queue"
python3 scripts/seed-emulator.py alerts --queue drift-alerts-inbox
echo "reports: s3://$BASELINE_BUCKET/reports/$ACCOUNT_ID/ (aws --endpoint-url $AWS_ENDPOINT_URL s3 ls --recursive s3://$BASELINE_BUCKET/reports/)"
