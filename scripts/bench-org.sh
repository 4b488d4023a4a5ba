#!/usr/bin/env bash
# Organization mode: wall time and cost of one run over 1,000 accounts of 100 deployers (never run by the tests).
# Measures against moto_server (started by the test extension, or AWS_ENDPOINT_URL): one member audit of a
# 100-deployer account (assume, collect, audit, report, account result; median of 5 after a warm-up, S3 requests
# counted), the pure audit of the same snapshot, the hub's ListAccounts + SendMessageBatch over an organization of
# ACCOUNTS accounts; then OrgCostModel (drift-core) turns those figures and the stated price/limit assumptions into
# wall time and cost for reserved concurrency 10, 50 and 100. Output also in functions/drift-auditor/target/bench-org.txt.
# Usage: scripts/bench-org.sh [ACCOUNTS (default 1000)] [DEPLOYERS (default 100)]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
accounts="${1:-1000}"
deployers="${2:-100}"
mvn -B -ntp -o -q -pl functions/drift-core,functions/drift-auditor verify -Pemulator -Dstyle.color=never \
  -Dit.test=OrgScaleBenchIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.org=true -Dbench.org.accounts="$accounts" -Dbench.org.deployers="$deployers" \
  -DargLine="-Dbench.org=true -Dbench.org.accounts=$accounts -Dbench.org.deployers=$deployers" >/dev/null 2>&1 \
  || { echo "bench-org failed; see functions/drift-auditor/target/failsafe-reports" >&2; exit 1; }
cat functions/drift-auditor/target/bench-org.txt
