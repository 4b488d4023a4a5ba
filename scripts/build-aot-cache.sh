#!/usr/bin/env bash
# Builds the JVM's start-up cache for drift-auditor.jar, next to it, for bin/drift-auditor to use:
#   JDK 25+    functions/drift-auditor/target/drift-auditor.aot  (ahead-of-time cache, JEP 483/514/515: classes
#              read, parsed, loaded and linked, plus method profiles; used with -XX:AOTCache=FILE)
#   JDK 21-24  functions/drift-auditor/target/drift-auditor.jsa  (dynamic class-data sharing archive; used with
#              -XX:SharedArchiveFile=FILE)
# by one training run (io.iamdrift.cli.StartupTraining) over the bundled example account (events/example): the
# offline audit (JSON and text), a one-user audit, bulk simulate of requests made of its policy documents, lint and
# diff, so that every offline command starts from the cache (classes, linked call sites, method profiles).
# A cache only fits the JDK that built it and this very jar: bin/drift-auditor uses it only while it is newer than
# the jar (a cache of an older build of the jar was seen serving that build's classes), so a stale cache costs
# start-up time, never correctness. Run it once after each build
# of the jar and after changing JDK (a Maven execution cannot do it here: neither exec- nor antrun-plugin resolves
# from this machine's mirror):
#   scripts/build-aot-cache.sh [JAR]
# Exits 0 even when the JDK writes no cache (it says so).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/java-env.sh"
jar=$(readlink -f "${1:-$root/functions/drift-auditor/target/drift-auditor.jar}")
if [ ! -f "$jar" ]; then
  echo "build-aot-cache: $jar does not exist; build it first" >&2
  exit 0
fi
base=${jar%.jar}
example="$root/events/example"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
major=$(java_major "$JAVA_HOME")
training=(-cp "$jar" io.iamdrift.cli.StartupTraining "$example" "$out" acme-shop-preprod-deployer)
rm -f "$base.aot" "$base.jsa"
if [ "$major" -ge 25 ]; then
  flag="-XX:AOTCacheOutput=$base.aot"
  file="$base.aot"
else
  flag="-XX:ArchiveClassesAtExit=$base.jsa"
  file="$base.jsa"
fi
# what matters is the cache file (the training ignores the commands' exit codes)
"$JAVA_HOME/bin/java" "$flag" -Xlog:aot*=off -Xlog:cds*=off "${training[@]}" >"$out/stdout" 2>"$out/stderr" || true
if [ -s "$file" ]; then
  echo "build-aot-cache: wrote $file ($(du -m "$file" | cut -f1) MB, JDK $major)" >&2
else
  echo "build-aot-cache: JDK $major wrote no cache (bin/drift-auditor starts without one):" >&2
  tail -n 5 "$out/stderr" >&2
fi
