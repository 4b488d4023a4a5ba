#!/usr/bin/env bash
# Bulk simulate against @cloud-copilot/iam-simulate, both as whole processes (never run by the build or the tests):
#   N SimulateCustomPolicy requests (default 3,352) generated from the evaluation corpus as JSON Lines
#   (drift-bench's GenerateSimulateRequests, as scripts/bench.sh does), then
#     bin/drift-auditor simulate --input FILE           wall time including JVM start, peak RSS
#     node scripts/iam-simulate-bulk.mjs FILE DIR        wall time including node start, peak RSS, and its own
#                                                        in-process rate
#   and the in-process rate of ours (BulkSimulator over the same file held in memory: drift-bench BulkRate).
# Target: ours at least 5x faster in wall time. @cloud-copilot/iam-simulate (AGPL-3.0, run here, never shipped) is
# installed with npm into a temporary folder, or taken from IAM_SIMULATE_DIR (a folder holding its node_modules).
# Usage: scripts/bench-simulate.sh [N] [--runs K]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
requests=3352
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    *) requests="$1" ;;
  esac
  shift
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_jar=functions/drift-bench/target/benchmarks.jar
if [ ! -f "$bench_jar" ] || [ ! -f functions/drift-auditor/target/drift-auditor.jar ]; then
  echo "== building (tests skipped)" >&2
  mvn -B -q -o -DskipTests package 2>&1 | grep -v '^WARNING' >&2 || true
fi
pkg=${IAM_SIMULATE_DIR:-}
if [ -z "$pkg" ]; then
  pkg="$work/npm"
  mkdir -p "$pkg"
  echo "== npm install @cloud-copilot/iam-simulate into $pkg" >&2
  (cd "$pkg" && npm install --silent --no-audit --no-fund @cloud-copilot/iam-simulate >&2)
fi
version=$(node -e "console.log(require('$pkg/node_modules/@cloud-copilot/iam-simulate/package.json').version)")
input="$work/requests.jsonl"
java -cp "$bench_jar" io.iamdrift.bench.GenerateSimulateRequests "$input" "$requests"

runner=(java -jar functions/drift-auditor/target/drift-auditor.jar)
[ -x bin/drift-auditor ] && runner=(bin/drift-auditor)
measure() { # label, command...
  local label=$1; shift
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || true
  read -r wall user sys kb < <(tail -n 1 "$work/time.txt")
  printf '%-34s %6.2f s wall  %6.2f s CPU  %5d MB peak RSS  load %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((kb / 1024))" "$load"
  echo "$wall" >>"$work/$label.walls"
}
"${runner[@]}" simulate --input "$input" >/dev/null 2>&1 || true   # warm the page cache
echo "== $requests requests, $runs runs each, alternating (iam-simulate $version)"
for r in $(seq "$runs"); do
  measure "drift-auditor simulate" "${runner[@]}" simulate --input "$input"
  measure "iam-simulate (node)" node scripts/iam-simulate-bulk.mjs "$input" "$pkg"
done
echo "iam-simulate in process: $(cat "$work/out.txt")"
ours=$(grep -c . "$input")
echo "drift-auditor in process: $(java -cp "$bench_jar" io.iamdrift.bench.BulkRate "$input" 5)"
best() { sort -n "$work/$1.walls" | head -n 1; }
echo "best wall: drift-auditor $(best "drift-auditor simulate") s, iam-simulate $(best "iam-simulate (node)") s:" \
  "$(echo "scale=1; $(best "iam-simulate (node)") / $(best "drift-auditor simulate")" | bc)x (target >= 5x); $ours requests"
