#!/bin/bash
# One rebuild of the balances read model, for weighing a change to the replay:
#   bench/rebuild.sh DATA_DIR JAR [service arguments...]
# DATA_DIR is a service's data directory left by a run (ledger-bench's work dir keeps its data:
# --work-dir=/tmp/b leaves /tmp/b/data); the service must not be running on it. It is copied,
# never changed: the copy's read models are emptied and its balances token deleted (as figure 5 of
# ledger-bench does), then the service is started on the copy, and the script waits for the health
# endpoint's lag of 0. Prints events/s from the service's start-up to that, and the CPU of the
# service and of PostgreSQL. Run it alternately against what it is compared with, e.g.
#   bench/rebuild.sh /tmp/b/data ledger-api.jar --axon.eventhandling.processors.balances.batch-size=500
# Needs psql, pg_isready, curl; as root, su (PostgreSQL will not run as root: it runs as nobody to reset).
set -eu
SOURCE=$1; JAR=$2; shift 2
WORK=${WORK:-/tmp/ledger-rebuild}; PORT=${PORT:-18095}; PGPORT=15999
PGBIN=$(ls -d /tmp/embedded-pg/*/bin | head -1)  # unpacked by the service's embedded PostgreSQL
rm -rf $WORK && mkdir -p $WORK && cp -a "$SOURCE" $WORK/data
rm -f $WORK/data/postgres/postmaster.pid $WORK/data/postgres/epg-lock
as() { if [ "$(id -u)" -eq 0 ]; then chown -R nobody $WORK/data/postgres; su nobody -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as "$PGBIN/postgres -D $WORK/data/postgres -p $PGPORT -k /tmp" > $WORK/pg.log 2>&1 & PG=$!
for i in $(seq 1 120); do pg_isready -q -h 127.0.0.1 -p $PGPORT && break; sleep 0.5; done
SQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres -d postgres"
EVENTS=$($SQL -At -c "select count(*) from domain_event_entry")
$SQL -c "begin; delete from token_entry where processor_name = 'balances';
  truncate rm_movement, rm_movement_key, rm_indicator, rm_year_total; commit;"
if [ -n "$($SQL -At -c "select to_regclass('rm_known_sum')")" ]; then  # the checkpoints for knownAt (V12)
  $SQL -c "begin; truncate rm_known_sum; delete from rm_known_checkpoint where checkpoint > 0;
    update rm_known_checkpoint set movements_after = 0, keys = 0; commit;"
fi
pkill -INT -f "postgres -D $WORK/data/postgres"; wait $PG || true
[ "$(id -u)" -eq 0 ] && chown -R root $WORK/data/postgres
T0=$(date +%s.%N)
java -Xmx512m -jar $JAR --ledger.data-dir=$WORK/data --server.port=$PORT "$@" > $WORK/service.log 2>&1 & SVC=$!
UP=
while true; do
  H=$(curl -s -m 5 localhost:$PORT/actuator/health || true)
  [ -n "$H" ] && [ -z "$UP" ] && UP=$(date +%s.%N)
  echo "$H" | grep -q '"processor":"balances"[^}]*"lag":0[,}]' && break
  kill -0 $SVC 2>/dev/null || { echo "the service stopped: $WORK/service.log"; exit 1; }
  sleep 0.5
done
T1=$(date +%s.%N)
CPU=$(awk '{print ($14+$15)/100}' /proc/$SVC/stat)
PGCPU=$(for p in $(pgrep -f "$WORK/data/postgres"); do echo $p; pgrep -P $p; done | sort -u |
  while read p; do awk '{print $14+$15+$16+$17}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s/100}')
kill $SVC; wait $SVC 2>/dev/null || true
awk -v e=$EVENTS -v t0=$T0 -v up=$UP -v t1=$T1 -v cpu=$CPU -v pg=$PGCPU -v a="$*" 'BEGIN {
  printf "rebuild [%s]: %d events, up %.1f s and caught up %.1f s after the launch: %.0f events/s after start-up;" \
    " CPU s, start-up included: service %.1f, PostgreSQL %.1f\n", a, e, up - t0, t1 - t0, e / (t1 - up), cpu, pg }'
rm -rf $WORK
