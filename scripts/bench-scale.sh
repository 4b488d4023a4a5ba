#!/usr/bin/env bash
# Scale benchmark of the offline audit (never run by the build or the tests):
#   generates synthetic accounts with drifts injected at known places (scripts/generate-scale-account.py),
#   audits each with `drift-auditor audit --format json --output FILE`, prints the wall time including JVM start
#   and the peak resident memory (GNU time), and checks the report against the injected drifts
#   (scripts/check-scale-report.py: every drift found, nothing above LOW on the untouched principals).
# Two accounts (--mode):
#   kind         one drift in 97 deployers (103 at 10,000), mostly identical policy sets
#   drift-heavy  one drift in 11 plus a shared managed policy's version drift on 1 in 40 (1,136 drifts and ~3,800
#                findings at 10,000): AdministratorAccess attached directly and through a group, wildcard and
#                scoped widenings, escalation grants, extra inline policies, group changes
# Targets for 10,000 deployers (~20,000 policies) in both modes: < 3 s wall, < 1 GB peak resident.
# Usage: scripts/bench-scale.sh [--mode kind|drift-heavy|both] [--deployers N[,N...]] [--out DIR]
#                               [--runner CMD] [--jvm "FLAGS"] [--runs K]
#   --deployers  sizes to measure, e.g. 1000,10000,50000 (cost should grow linearly); default 10000
#   --runner     the command that runs the auditor (default: bin/drift-auditor, the documented entry point, with
#                its own JVM defaults); e.g. --runner "java -Xmx1g -jar /tmp/old/drift-auditor.jar" to compare
#                with another build under the same machine load
#   --jvm        extra JVM flags: put before -jar for a java runner, else passed to the launcher in
#                DRIFT_AUDITOR_JAVA_OPTS
#   --runs       measured runs per size (default 1; the page cache is warmed by an unmeasured run first)
# Every result line carries the machine's load average (1, 5, 15 min) and the CPU time (user + system), which a
# busy machine distorts less than the wall time: compare two builds only when measured back to back.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

modes="both"
sizes="10000"
out=""
runner=""
jvm=""
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) modes="$2"; shift ;;
    --deployers) sizes="$2"; shift ;;
    --out) out="$2"; shift ;;
    --runner) runner="$2"; shift ;;
    --jvm) jvm="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: scripts/bench-scale.sh [--mode kind|drift-heavy|both] [--deployers N[,N...]] [--out DIR] [--runner CMD] [--jvm FLAGS] [--runs K]" >&2; exit 1 ;;
  esac
  shift
done
[ "$modes" = both ] && modes="kind drift-heavy"
out=${out:-/tmp/iamdrift-scale}
if [ -z "$runner" ]; then
  if [ -x bin/drift-auditor ]; then
    runner="bin/drift-auditor"
  else
    runner="java -jar functions/drift-auditor/target/drift-auditor.jar"
  fi
fi
if [[ "$runner" == *functions/drift-auditor/target/drift-auditor.jar* || "$runner" == bin/drift-auditor* ]] \
    && [ ! -f functions/drift-auditor/target/drift-auditor.jar ]; then
  echo "== building drift-auditor.jar" >&2
  mvn -B -ntp -q -Dstyle.color=never -DskipTests package >&2
fi
if [[ "$runner" == java* ]]; then
  run=($runner)
  run=("${run[0]}" $jvm "${run[@]:1}")
else
  run=($runner)
  export DRIFT_AUDITOR_JAVA_OPTS="${DRIFT_AUDITOR_JAVA_OPTS:-} $jvm"
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
results=()
status=0
for mode in $modes; do
  for n in ${sizes//,/ }; do
    dir="$out/$mode-$n"
    if [ ! -f "$dir/snapshot.json" ] || [ "$(python3 -c "import json;print(json.load(open('$dir/expected-drifts.json')).get('mode','kind'))" 2>/dev/null)" != "$mode" ] \
        || [ "$(python3 -c "import json;print(json.load(open('$dir/expected-drifts.json'))['deployers'])" 2>/dev/null)" != "$n" ]; then
      echo "== generating $mode account of $n deployers into $dir" >&2
      python3 scripts/generate-scale-account.py --mode "$mode" --deployers "$n" --out "$dir" >&2
    fi
    snapshot_mb=$(du -m "$dir/snapshot.json" | cut -f1)
    args=(audit --snapshot "$dir/snapshot.json" --baselines "$dir/baselines" --format json --output "$dir/report.json")
    echo "== $mode $n: ${run[*]} ${args[*]}" >&2
    "${run[@]}" "${args[@]}" >/dev/null 2>&1 || true   # warm the page cache (and the JIT's files)
    for r in $(seq "$runs"); do
      before=$(load)
      set +e
      /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "${run[@]}" "${args[@]}" >/dev/null 2>"$dir/stderr.txt"
      code=$?
      set -e
      if [ "$code" -ne 2 ]; then
        echo "error: the audit exited $code (expected 2: the injected drifts are CRITICAL); see $dir/stderr.txt" >&2
        tail -n 5 "$dir/stderr.txt" >&2
        exit 1
      fi
      read -r wall user sys peak_kb < <(tail -n 1 "$dir/time.txt")
      cpu=$(echo "$user + $sys" | bc)
      line=$(printf '%-12s %7d deployers %5d MB snapshot  %6.2f s wall  %6.2f s CPU  %5d MB peak RSS  load %s' \
        "$mode" "$n" "$snapshot_mb" "$wall" "$cpu" "$((peak_kb / 1024))" "$before")
      echo "$line"
      results+=("$line")
    done
    if ! python3 scripts/check-scale-report.py "$dir/expected-drifts.json" "$dir/report.json"; then
      status=1
    fi
  done
done
echo
echo "== results (runner: ${run[*]}; targets at 10,000: < 3 s wall, < 1,024 MB peak)"
printf '%s\n' "${results[@]}"
exit $status
