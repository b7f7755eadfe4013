#!/usr/bin/env bash
# Latency of the reads the year-end report needs, on a running service (e.g. the 2024 accounts of
# 辽宁省工业和信息化厅 loaded by --ledger.demo.enabled=true), beside a trivial endpoint of the same
# service in the same run:
#
#   LEDGER_API_KEY=... tools/demo-data/latency.sh [URL] [REQUESTS]
#
# URL defaults to http://localhost:8080, REQUESTS (per read, after 3 untimed) to 25. Prints p50 and
# p90 in ms of each read, one client, keep-alive off (curl per request): an upper bound.
set -euo pipefail
url=${1:-http://localhost:8080}
n=${2:-25}
key=${LEDGER_API_KEY:?set LEDGER_API_KEY to a VIEWER, AUDITOR or ADMIN key}
scope="fiscalYear=2024&departmentCode=060"
known_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

measure() {
  local name=$1 path=$2
  for _ in 1 2 3; do curl -fsS -o /dev/null -H "Authorization: Bearer $key" "$url$path"; done
  for _ in $(seq "$n"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $key" "$url$path"
  done | sort -n | awk -v name="$name" '{ t[NR] = $1 * 1000 }
    END { printf "%-40s p50 %7.1f ms   p90 %7.1f ms   (%d requests)\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], NR }'
}

measure "trivial (GET /api/v1/units)" "/api/v1/units"
measure "final-accounts" "/api/v1/reports/final-accounts?$scope&unit=wan"
measure "final-accounts asOf 2024-06-30" "/api/v1/reports/final-accounts?$scope&unit=wan&asOf=2024-06-30"
measure "final-accounts knownAt now" "/api/v1/reports/final-accounts?$scope&unit=wan&knownAt=$known_at"
measure "execution-rates by functionalItem" "/api/v1/execution-rates?$scope&groupBy=functionalItem"
measure "execution-rates asOf 2024-06-30" "/api/v1/execution-rates?$scope&groupBy=functionalItem&asOf=2024-06-30"
measure "execution-rates knownAt now" "/api/v1/execution-rates?$scope&groupBy=functionalItem&knownAt=$known_at"
