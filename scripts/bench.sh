#!/usr/bin/env bash
# Benchmarks of the policy engine (never run by the build or the tests):
#   1. JMH: Evaluator.evaluate per second on one thread over every request of the evaluation corpus
#      (functions/drift-core/src/test/resources/corpus), policies compiled once. Target >= 500,000/s.
#   2. Bulk simulate: 100,000 SimulateCustomPolicy requests (JSON Lines, generated from the corpus) through the
#      documented entry point, `bin/drift-auditor simulate --input FILE > /dev/null` (its JVM defaults and start-up
#      cache, as scripts/bench-simulate.sh and scripts/bench-scale.sh run it; `java -jar drift-auditor.jar` where
#      the launcher is missing), wall time including JVM start. Target < 3 s. While the jar has no `simulate`
#      command, a tiny main around BulkSimulator stands in (same engine code path, said so in the output).
# Usage: scripts/bench.sh [--quick] [--requests N] [extra JMH args...]
#   --quick   shorter JMH run (1 warm-up, 2 measurements of 1 s)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

quick=0
requests=100000
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --requests) requests="$2"; shift ;;
    *) jmh_args+=("$1") ;;
  esac
  shift
done

bench_jar=functions/drift-bench/target/benchmarks.jar
cli_jar=functions/drift-auditor/target/drift-auditor.jar
echo "== building drift-core and drift-bench (tests skipped)"
mvn -B -q -o -pl functions/drift-core,functions/drift-bench -DskipTests package 2>&1 | grep -v '^WARNING' || true
[ -f "$bench_jar" ] || { echo "error: $bench_jar was not built" >&2; exit 1; }

echo "== JMH: evaluations per second, one thread (target >= 500,000)"
if [ "$quick" = 1 ]; then jmh_args=(-wi 1 -w 1s -i 2 -r 1s "${jmh_args[@]}"); fi
java -jar "$bench_jar" EvaluationBenchmark -t 1 -f 1 "${jmh_args[@]}" | tee /tmp/iamdrift-jmh.txt | grep -E '^(Benchmark|EvaluationBenchmark)' || true
score=$(awk '/^EvaluationBenchmark.evaluateCorpus/ {print $4}' /tmp/iamdrift-jmh.txt)

echo "== bulk simulate: $requests SimulateCustomPolicy requests (target < 3 s)"
input=$(mktemp /tmp/iamdrift-simulate-XXXXXX.jsonl)
trap 'rm -f "$input"' EXIT
java -cp "$bench_jar" io.iamdrift.bench.GenerateSimulateRequests "$input" "$requests"
size_mb=$(du -m "$input" | cut -f1)
if [ -f "$cli_jar" ] && [ -x bin/drift-auditor ] && bin/drift-auditor simulate --help >/dev/null 2>&1; then
  runner="bin/drift-auditor simulate --input $input"
elif [ -f "$cli_jar" ] && java -jar "$cli_jar" simulate --help >/dev/null 2>&1; then
  runner="java -jar $cli_jar simulate --input $input"
else
  runner="java -cp $bench_jar io.iamdrift.bench.BulkMain $input"
  echo "note: $cli_jar has no simulate command yet; timing BulkMain (BulkSimulator over the same input) instead"
fi
lines_out=$($runner | wc -l)   # warm the page cache and check the output once
start=$(date +%s.%N)
$runner > /dev/null
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc)

echo
echo "== results"
printf 'evaluations/s (1 thread, JMH):       %s\n' "${score:-?}"
printf 'bulk simulate, %d requests (%s MB): %.2f s wall incl. JVM start (%s responses)\n' "$requests" "$size_mb" "$wall" "$lines_out"
printf 'runner: %s\n' "$runner"
