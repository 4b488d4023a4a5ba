#!/usr/bin/env bash
# Scale benchmark of the offline audit (never run by the build or the tests):
#   generates a synthetic account of N deployers with drifts injected at known places
#   (scripts/generate-scale-account.py), audits it with `java -jar drift-auditor.jar audit`, prints the wall
#   time including JVM start and the peak resident memory, and checks the report against the injected drifts
#   (scripts/check-scale-report.py: every drift found, nothing above LOW on the untouched principals).
# Targets for N = 10,000 (~20,000 policies, a ~80 MB snapshot): < 10 s wall, < 1.5 GB peak.
# Usage: scripts/bench-scale.sh [--deployers N] [--out DIR] [--jvm "FLAGS"]
#   --jvm   JVM flags of the measured run (default "-Xmx1g"; pass "" for the JVM's own defaults, whose
#           maximum heap is a quarter of the machine's memory, so the heap grows well past what the audit keeps)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

deployers=10000
out=""
jvm="-Xmx1g"
while [ $# -gt 0 ]; do
  case "$1" in
    --deployers) deployers="$2"; shift ;;
    --out) out="$2"; shift ;;
    --jvm) jvm="$2"; shift ;;
    *) echo "usage: scripts/bench-scale.sh [--deployers N] [--out DIR] [--jvm \"FLAGS\"]" >&2; exit 1 ;;
  esac
  shift
done
out=${out:-/tmp/iamdrift-scale-$deployers}
jar=functions/drift-auditor/target/drift-auditor.jar

if [ ! -f "$jar" ]; then
  echo "== building drift-auditor.jar"
  mvn -B -ntp -q -Dstyle.color=never -DskipTests package >&2
fi
echo "== generating $deployers deployers into $out"
python3 scripts/generate-scale-account.py --deployers "$deployers" --out "$out"
snapshot_mb=$(du -m "$out/snapshot.json" | cut -f1)

echo "== audit (java $jvm -jar drift-auditor.jar audit ...)"
java $jvm -jar "$jar" audit --snapshot "$out/snapshot.json" --baselines "$out/baselines" \
  --format json --output "$out/report.json" >/dev/null 2>&1 || true   # warm the page cache
measure() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@"
  else
    local start end
    start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) ?" > "$out/time.txt"
  fi
}
set +e
measure java $jvm -jar "$jar" audit --snapshot "$out/snapshot.json" --baselines "$out/baselines" \
  --format json --output "$out/report.json"
code=$?
set -e
if [ "$code" -ne 2 ]; then
  echo "error: the audit exited $code (expected 2: the injected drifts are CRITICAL)" >&2
  exit 1
fi
read -r wall peak_kb < <(tail -n 1 "$out/time.txt")

echo
echo "== results"
printf 'deployers:            %d (snapshot %s MB)\n' "$deployers" "$snapshot_mb"
printf 'wall incl. JVM start: %s s (target < 10 s at 10,000)\n' "$wall"
if [ "$peak_kb" != "?" ]; then
  printf 'peak resident memory: %d MB (target < 1,536 MB)\n' "$((peak_kb / 1024))"
else
  echo "peak resident memory: ? (install GNU time: apt-get install time)"
fi
printf 'JVM flags:            %s\n' "${jvm:-(defaults)}"
python3 scripts/check-scale-report.py "$out/expected-drifts.json" "$out/report.json"
