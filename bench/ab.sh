#!/bin/bash
# One posting path only, jar against jar, for profiling a change to it:
#   bench/ab.sh A.jar B.jar [rounds=2]            batch postings (MODE=batch, the default)
#   bench/ab.sh A.jar [rounds]                     one jar alone (a setting weighed by hand, a profile)
#   MODE=single bench/ab.sh A.jar B.jar [rounds]   single postings
#   MODE=etag bench/ab.sh A.jar B.jar [rounds]     execution-rates polls answered 304 (If-None-Match)
# Each round runs every jar in turn (alternating, as this shared machine drifts): a fresh embedded
# PostgreSQL with pg_stat_statements, a unit and 1,000 indicators, WARM s of load by wrk, then 30 s
# measured. The load, as the bench's: batch, atomic batches of 1,000 expenditures over 100
# indicators on 2 connections (WARM 40 s by default); single, POST /api/v1/expenditures spread over
# the 1,000 indicators on 32 connections (WARM 120 s by default: the JIT needs it for this path);
# etag, a department's execution rates by unit with the ETag of the answer, on 8 connections (WARM 20
# s; "per posting" is then per answer; wrk counts neither 200 nor 304 as an error, so a poll after
# the run prints its status: 304 when the ETag held throughout).
# Prints requests/s, the CPU of the service and of PostgreSQL over the 30 s and per posting, the
# service's busiest threads, and PostgreSQL's costliest statements. Needs wrk, psql, curl, python3. The full
# figures come from ledger-bench; this is for A/B of one path. JVM_OPTS are added to the service's
# JVM, e.g. JVM_OPTS=-XX:StartFlightRecording=filename=/tmp/svc.jfr,settings=profile to profile it;
# PGCONF lines to PostgreSQL's configuration, e.g. PGCONF='shared_buffers = 1GB'. PAUSE_PROCESSORS=1
# takes the event processors' tokens from the service before the load (claimed by another owner
# until 9999), so the read models and the chain do nothing: what the posting path alone costs;
# PAUSE_PROCESSORS=event-chain (or balances) pauses that processor only.
# CONNECTIONS sets the requests in flight (2 for batches, 32 for single postings by default);
# SERVICE_ARGS are added to the service's arguments, e.g. --axon.eventhandling.processors.balances.mode=subscribing.
# JAVA is the java that runs the service (default: java on the PATH). SQL_BEFORE_LOAD runs in the
# service's database once the service has created its tables, before the load, e.g.
# 'alter table rm_movement set unlogged'.
set -u
MODE=${MODE:-batch}; PORT=18090; JAVA=${JAVA:-java}
JARS=(); ROUNDS=2
for arg in "$@"; do case "$arg" in *.jar) JARS+=("$arg") ;; *) ROUNDS=$arg ;; esac; done
[ ${#JARS[@]} -ge 1 ] || { echo "usage: bench/ab.sh A.jar [B.jar] [rounds]"; exit 2; }
if [ "$MODE" = single ]; then WARM=${WARM:-120}; CONNECTIONS=${CONNECTIONS:-32}; PER_REQUEST=1; SCRIPT=single.lua
elif [ "$MODE" = etag ]; then WARM=${WARM:-20}; CONNECTIONS=${CONNECTIONS:-8}; PER_REQUEST=1; SCRIPT=etag.lua
else WARM=${WARM:-40}; CONNECTIONS=${CONNECTIONS:-2}; PER_REQUEST=1000; SCRIPT=batch.lua; fi
KEY=ab-key-0123456789abcdef0123456789
WORK=${WORK:-/tmp/ab}
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
cat > $WORK/single.lua <<'LUA'
local counter = 0
function setup(thread) thread:set("tid", tostring(math.random(1, 1000000)) .. "-" .. tostring(os.time())) end
request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/expenditures", {["Content-Type"]="application/json",
    ["Authorization"]="Bearer " .. os.getenv("KEY")}, '{"expenditureId":"E-' .. tid .. '-' .. counter .. '","indicatorId":"W-'
    .. (counter % 1000) .. '","amount":"1.00","economicCode":"30201","effectiveDate":"2024-03-05","voucherNo":"V-1"}')
end
LUA
cat > $WORK/etag.lua <<'LUA'
request = function()
  return wrk.format("GET", "/api/v1/execution-rates?fiscalYear=2024&departmentCode=DP1&groupBy=unit",
    {["Authorization"]="Bearer " .. os.getenv("KEY"), ["If-None-Match"]=os.getenv("ETAG")})
end
LUA
export KEY LEDGER_ADMIN_API_KEY=$KEY
start() { $JAVA -Xmx512m ${JVM_OPTS:-} -jar $1 --ledger.data-dir=$WORK/data --server.port=$PORT ${SERVICE_ARGS:-} > $WORK/service.log 2>&1 & SVC=$!
  for i in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health/ping >/dev/null && return; sleep 1; done; echo "service did not start"; exit 1; }
stop() { kill $SVC; wait $SVC 2>/dev/null; }
ticks() { for p in "$@"; do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
run() {
  rm -rf $WORK/data
  start $1; stop  # creates the database; pg_stat_statements needs a restart
  echo "shared_preload_libraries = 'pg_stat_statements'" >> $WORK/data/postgres/postgresql.auto.conf
  [ -n "${PGCONF:-}" ] && echo "$PGCONF" >> $WORK/data/postgres/postgresql.auto.conf
  start $1
  local pgport=$(sed -n 4p $WORK/data/postgres/postmaster.pid); local SQL="psql -q -h 127.0.0.1 -p $pgport -U postgres -d postgres"
  $SQL -c "create extension pg_stat_statements" >/dev/null
  [ -n "${SQL_BEFORE_LOAD:-}" ] && $SQL -c "$SQL_BEFORE_LOAD"
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" localhost:$PORT/api/v1/units/P1 \
    -d '{"name":"测试单位","departmentCode":"DP1","departmentName":"测试部门"}'
  python3 -c 'import json; print(json.dumps({"atomic": True, "postings": [{"type":"APPROPRIATION","indicatorId":f"W-{i}","fiscalYear":2024,"unitCode":"P1","fundSource":"GENERAL_BUDGET","functionalCode":"2150501","kind":"BASIC","amount":"100000000.00","effectiveDate":"2024-01-05"} for i in range(1000)]}))' > $WORK/indicators.json
  local sequence=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" localhost:$PORT/api/v1/postings:batch --data @$WORK/indicators.json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["sequence"])')
  # Axon's JdbcTokenStore lets a node take a token only from no owner or an expired claim
  local pause=
  case "${PAUSE_PROCESSORS:-}" in "") ;; 1) pause="true" ;; *) pause="processor_name = '$PAUSE_PROCESSORS'" ;; esac
  [ -n "$pause" ] && $SQL -c "update token_entry set owner = 'ab.sh paused', timestamp = '9999-12-31T00:00:00Z' where $pause" >/dev/null
  if [ "$MODE" = etag ]; then  # the ETag once the read models hold the indicators
    export ETAG=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $KEY" \
      "localhost:$PORT/api/v1/execution-rates?fiscalYear=2024&departmentCode=DP1&groupBy=unit&minSequence=$sequence" \
      | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
  fi
  wrk -t2 -c$CONNECTIONS -d${WARM}s -s $WORK/$SCRIPT http://localhost:$PORT/ > /dev/null
  $SQL -c "select pg_stat_statements_reset()" >/dev/null
  local pgs=$(pgrep -f "$WORK/data/postgres" | while read p; do echo $p; pgrep -P $p; done)
  for t in /proc/$SVC/task/*; do echo "$(tr ' ' _ < $t/comm | sed 's/[0-9]*$//') $(awk '{print $14+$15}' $t/stat)"; done > $WORK/threads0
  local j0=$(ticks $SVC) p0=$(ticks $pgs)
  local rps=$(wrk -t2 -c$CONNECTIONS -d30s -s $WORK/$SCRIPT http://localhost:$PORT/ | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON-2XX", $0}')
  local j1=$(ticks $SVC) p1=$(ticks $pgs)
  [ "$MODE" = etag ] && echo "  a poll with the ETag after the run: $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" \
    -H "If-None-Match: $ETAG" "localhost:$PORT/api/v1/execution-rates?fiscalYear=2024&departmentCode=DP1&groupBy=unit") ($ETAG)"
  for t in /proc/$SVC/task/*; do echo "$(tr ' ' _ < $t/comm | sed 's/[0-9]*$//') $(awk '{print $14+$15}' $t/stat)"; done > $WORK/threads1
  local postings=$(awk -v r="${rps%% *}" -v n=$PER_REQUEST 'BEGIN {print r * n * 30}')
  echo "== $1 ($MODE): $rps requests/s; CPU s over 30 s: service $(( (j1-j0)/100 )), PostgreSQL $(( (p1-p0)/100 ));" \
    "per posting: service $(awk -v t=$((j1-j0)) -v n=$postings 'BEGIN {printf "%.0f", t*1e4/n}') µs," \
    "PostgreSQL $(awk -v t=$((p1-p0)) -v n=$postings 'BEGIN {printf "%.0f", t*1e4/n}') µs; load $(cut -d' ' -f1 /proc/loadavg)"
  awk 'NR==FNR {a[$1]+=$2; next} {b[$1]+=$2} END {for (k in b) if (b[k]-a[k] > 100) printf "  %s %.1f s\n", k, (b[k]-a[k])/100}' $WORK/threads0 $WORK/threads1 | sort -k2,2nr | head -6
  $SQL -A -F' | ' -c "select round(total_exec_time::numeric) as ms, calls, rows, case when rows > 0 then round((1000*total_exec_time/rows)::numeric,1) end as us_per_row, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as statement from pg_stat_statements order by total_exec_time desc limit 12" | sed 's/^/  /'
  stop
}
for r in $(seq 1 $ROUNDS); do for jar in "${JARS[@]}"; do run $jar; done; done
