#!/bin/bash
# Batch postings only, jar against jar, for profiling a change to the batch path:
#   bench/batch-ab.sh A.jar B.jar [rounds=2]
# Each round runs every jar in turn (alternating, as this shared machine drifts): a fresh embedded
# PostgreSQL with pg_stat_statements, a unit and 1,000 indicators, WARM s (default 40) of atomic
# batches of 1,000 expenditures over 100 indicators by wrk (2 connections, as the bench's load),
# then 30 s measured. Prints batch requests/s (x 1,000 = postings/s), the CPU of the service and of
# PostgreSQL over the 30 s, the service's busiest threads, and PostgreSQL's costliest statements.
# Needs wrk and psql. The full figures come from ledger-bench; this is for A/B of one path.
set -u
ROUNDS=${3:-2}; WARM=${WARM:-40}; PORT=18090
KEY=batch-ab-key-0123456789abcdef0123
WORK=${WORK:-/tmp/batch-ab}
mkdir -p $WORK
cat > $WORK/batch.lua <<'LUA'
local counter = 0
function setup(thread) thread:set("tid", tostring(math.random(1, 1000000)) .. "-" .. tostring(os.time())) end
request = function()
  counter = counter + 1
  local parts = {}
  local base = (counter * 100) % 1000
  for i = 1, 1000 do
    parts[i] = '{"type":"EXPENDITURE","expenditureId":"E-' .. tid .. '-' .. counter .. '-' .. i .. '","indicatorId":"W-'
      .. ((base + (i % 100)) % 1000) .. '","amount":"1.00","economicCode":"30201","effectiveDate":"2024-03-05","voucherNo":"V-' .. i .. '"}'
  end
  return wrk.format("POST", "/api/v1/postings:batch", {["Content-Type"]="application/json",
    ["Authorization"]="Bearer " .. os.getenv("KEY")}, '{"atomic":true,"postings":[' .. table.concat(parts, ",") .. ']}')
end
LUA
export KEY LEDGER_ADMIN_API_KEY=$KEY
start() { java -Xmx512m -jar $1 --ledger.data-dir=$WORK/data --server.port=$PORT > $WORK/service.log 2>&1 & SVC=$!
  for i in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null && return; sleep 1; done; echo "service did not start"; exit 1; }
stop() { kill $SVC; wait $SVC 2>/dev/null; }
ticks() { for p in "$@"; do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
run() {
  rm -rf $WORK/data
  start $1; stop  # creates the database; pg_stat_statements needs a restart
  echo "shared_preload_libraries = 'pg_stat_statements'" >> $WORK/data/postgres/postgresql.auto.conf
  start $1
  local pgport=$(sed -n 4p $WORK/data/postgres/postmaster.pid); local SQL="psql -q -h 127.0.0.1 -p $pgport -U postgres -d postgres"
  $SQL -c "create extension pg_stat_statements" >/dev/null
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" localhost:$PORT/api/v1/units/P1 \
    -d '{"name":"测试单位","departmentCode":"DP1","departmentName":"测试部门"}'
  python3 -c 'import json; print(json.dumps({"atomic": True, "postings": [{"type":"APPROPRIATION","indicatorId":f"W-{i}","fiscalYear":2024,"unitCode":"P1","fundSource":"GENERAL_BUDGET","functionalCode":"2150501","kind":"BASIC","amount":"100000000.00","effectiveDate":"2024-01-05"} for i in range(1000)]}))' > $WORK/indicators.json
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" localhost:$PORT/api/v1/postings:batch --data @$WORK/indicators.json
  wrk -t2 -c2 -d${WARM}s -s $WORK/batch.lua http://localhost:$PORT/ > /dev/null
  $SQL -c "select pg_stat_statements_reset()" >/dev/null
  local pgs=$(pgrep -f "$WORK/data/postgres" | while read p; do echo $p; pgrep -P $p; done)
  for t in /proc/$SVC/task/*; do echo "$(tr ' ' _ < $t/comm | sed 's/[0-9]*$//') $(awk '{print $14+$15}' $t/stat)"; done > $WORK/threads0
  local j0=$(ticks $SVC) p0=$(ticks $pgs)
  local rps=$(wrk -t2 -c2 -d30s -s $WORK/batch.lua http://localhost:$PORT/ | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON-2XX", $0}')
  local j1=$(ticks $SVC) p1=$(ticks $pgs)
  for t in /proc/$SVC/task/*; do echo "$(tr ' ' _ < $t/comm | sed 's/[0-9]*$//') $(awk '{print $14+$15}' $t/stat)"; done > $WORK/threads1
  echo "== $1: $rps batches/s; CPU s over 30 s: service $(( (j1-j0)/100 )), PostgreSQL $(( (p1-p0)/100 )); load $(cut -d' ' -f1 /proc/loadavg)"
  awk 'NR==FNR {a[$1]+=$2; next} {b[$1]+=$2} END {for (k in b) if (b[k]-a[k] > 100) printf "  %s %.1f s\n", k, (b[k]-a[k])/100}' $WORK/threads0 $WORK/threads1 | sort -k2,2nr | head -6
  $SQL -A -F' | ' -c "select round(total_exec_time::numeric) as ms, rows, case when rows > 0 then round((1000*total_exec_time/rows)::numeric,1) end as us_per_row, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as statement from pg_stat_statements order by total_exec_time desc limit 6" | sed 's/^/  /'
  stop
}
for r in $(seq 1 $ROUNDS); do for jar in "${@:1:2}"; do run $jar; done; done
