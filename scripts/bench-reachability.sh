#!/usr/bin/env bash
# Reachability benchmark (never run by the build or the tests): the scale benchmark's account
# (scripts/generate-scale-account.py) plus 2,000 roles with trust policies (scripts/add-reachability-roles.py),
# audited in-process after a warm-up, with the escalation table and with an empty one (alternating which goes
# first); prints wall and CPU time of both, their difference (the time the escalation paths and the account
# reachability - role chains, passable and service roles - add to the audit) and its share of the audit, and how
# many pathfinding.cloud catalogue files the table covers. Goal: < 2 s. Wall time is the machine's only when
# nothing else runs; CPU time is what the analysis costs.
# Usage: scripts/bench-reachability.sh [--deployers N] [--roles N] [--runs N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

deployers=10000
roles=2000
runs=3
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --deployers) deployers="$2"; shift ;;
    --roles) roles="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: scripts/bench-reachability.sh [--deployers N] [--roles N] [--runs N] [--out DIR]" >&2; exit 1 ;;
  esac
  shift
done
out=${out:-/tmp/iamdrift-reachability-$deployers-$roles}
bench_jar=functions/drift-bench/target/benchmarks.jar

echo "== building drift-core and drift-bench (tests skipped)"
mvn -B -q -o -pl functions/drift-core,functions/drift-bench -DskipTests package 2>&1 | grep -v '^WARNING' || true
[ -f "$bench_jar" ] || { echo "error: $bench_jar was not built" >&2; exit 1; }
echo "== generating $deployers deployers and $roles roles into $out"
python3 scripts/generate-scale-account.py --deployers "$deployers" --out "$out" >/dev/null
python3 scripts/add-reachability-roles.py --snapshot "$out/snapshot.json" --roles "$roles"
echo "== audit with and without the escalation table (in-process, best of $runs)"
java -Xmx2g -cp "$bench_jar" io.iamdrift.bench.ReachabilityBench "$out/snapshot.json" "$out/baselines" "$runs"
