#!/bin/bash
# What PostgreSQL alone can write of batch postings on this machine, with no service in the way:
#   bench/floor.sh ledger-api.jar [rounds=2]
# Each round runs each variant of FLOORS (default "full lean") on a fresh database.
# The service creates its database (its own schema, migrations and all), sets up a unit and 1,000
# indicators and posts a few batches, then idles with its processors' tokens taken from it. pgbench
# then plays, per transaction, one batch of 1,000 expenditures over 100 indicators as the bench's
# batches have them (a day of the year and one of 8 economic codes each), writing the rows the
# service writes for them, in the transactions it writes them in:
#   the request's: the receipts' lookup, the events (Axon's table, time-ordered ids), the receipts;
#   `balances`': the batch's events read, the movement keys looked up, the movements, the year totals;
#   `event-chain`'s: the batch's events read, the previous link, the links.
# The rows are made by the server (the request's from generate_series, the processors' from the
# events they read, in the same statement) where the service streams them and PostgreSQL parses and
# binds them, and no token is updated: an upper bound on what PostgreSQL can take of the load.
# "lean" leaves the receipts out (a ledger without exactly-once answers). CLIENTS sets pgbench's
# connections (4 by default: enough to keep both cores busy); PGCONF lines go to PostgreSQL's
# configuration, as with bench/ab.sh. Prints postings/s (transactions/s x 1,000), PostgreSQL's
# CPU and WAL per posting, what its backends waited on (sampled), and its costliest statements.
# Needs pgbench, psql, curl, python3.
set -u
JAR=${1:?usage: bench/floor.sh ledger-api.jar [rounds]}; ROUNDS=${2:-2}
WORK=${WORK:-/tmp/floor}; PORT=18091; CLIENTS=${CLIENTS:-4}; DURATION=${DURATION:-30}; FLOORS=${FLOORS:-full lean}
KEY=floor-key-0123456789abcdef0123456789
export LEDGER_ADMIN_API_KEY=$KEY
mkdir -p $WORK
api() { curl -sf -X "$1" -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" "localhost:$PORT$2" --data @-; }
ticks() { for p in "$@"; do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
# a postmaster's CPU with its backends', also those that have exited (reaped into its cutime and cstime)
pg_ticks() { echo $(( $(awk '{print $14+$15+$16+$17}' /proc/$1/stat) + $(ticks $(pgrep -P $1)) )); }

# Event ids: 36 characters after every real one (version 7 UUIDs start 0), rising with the batch
# and the posting, as the service's time-ordered ids rise. The processors' statements read the
# batch's events by that range, as the real ones read them by their global index.
# The receipts' lookup takes its keys as array parameters, as PostingReceipts does: planned for a
# constant array of 1,000, PostgreSQL chose a hash join over every receipt.
cat > $WORK/request.sql <<'SQL'
BEGIN;
SELECT nextval('floor_batch') AS b \gset
SELECT 'f' || lpad(to_hex(CAST(:b AS bigint)), 7, '0') || '-0001-7000-8000-000000000000' AS lo,
    'f' || lpad(to_hex(CAST(:b AS bigint)), 7, '0') || '-03e8-7000-8000-000000000000' AS hi,
    array_agg('F-' || CAST(:b AS bigint) || '-' || g)::text AS ids, array_agg('EXPENDITURE'::text)::text AS types
    FROM generate_series(1, 1000) g \gset
SELECT count(*) FROM unnest(CAST(:types AS text[]), CAST(:ids AS text[])) AS k(posting_type, posting_id)
    JOIN posting_receipt r USING (posting_type, posting_id);
INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
    aggregate_identifier, sequence_number, type)
SELECT 'f' || lpad(to_hex(CAST(:b AS bigint)), 7, '0') || '-' || lpad(to_hex(g), 4, '0') || '-7000-8000-000000000000', t.meta_data,
    t.payload, t.payload_revision, t.payload_type, t.time_stamp, 'W-' || ((CAST(:b AS bigint) * 100 + g % 100) % 1000),
    1000000 + CAST(:b AS bigint) * 1000 + g, t.type
FROM generate_series(1, 1000) g, floor_template t;
INSERT INTO posting_receipt (posting_type, posting_id, content_hash, indicator_id, sequence, posted_by)
SELECT 'EXPENDITURE', id, repeat('c', 64), 'W-' || ((CAST(:b AS bigint) * 100 + n % 100) % 1000), 0, 'floor'
FROM unnest(CAST(:ids AS text[])) WITH ORDINALITY AS r(id, n);
COMMIT;
SQL
sed -e '/^SELECT count(\*) FROM unnest/,/JOIN posting_receipt/d' -e '/^INSERT INTO posting_receipt/,/^FROM unnest/d' \
  $WORK/request.sql > $WORK/request-lean.sql
cat > $WORK/processors.sql <<'SQL'
BEGIN;
SELECT count(*), sum(length(payload) + length(meta_data)) FROM domain_event_entry WHERE event_identifier BETWEEN CAST(:lo AS varchar) AND CAST(:hi AS varchar);
SELECT count(*) FROM rm_movement_key r JOIN (SELECT DISTINCT 'W-' || ((CAST(:b AS bigint) * 100 + g % 100) % 1000) AS indicator_id,
    'SPENT' AS figure, (ARRAY['30201','30101','30202','30211','30102','30215','30216','30217'])[g % 8 + 1] AS economic_code
    FROM generate_series(1, 1000) g) k USING (indicator_id, figure, economic_code);
INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date, recorded_at, key_id)
SELECT event_identifier, aggregate_identifier, 'SPENT', 100 + sequence_number % 1000,
    (ARRAY['30201','30101','30202','30211','30102','30215','30216','30217'])[sequence_number % 8 + 1],
    DATE '2024-01-01' + (sequence_number % 366)::int, now(), (sequence_number % 800)::int
FROM domain_event_entry WHERE event_identifier BETWEEN CAST(:lo AS varchar) AND CAST(:hi AS varchar)
ON CONFLICT (event_id) DO NOTHING;
INSERT INTO rm_year_total (indicator_id, fiscal_year, unit_code, figure, economic_code, year, first_month,
    through_01, through_02, through_03, through_04, through_05, through_06, through_07, through_08, through_09,
    through_10, through_11, through_12)
SELECT indicator_id, 2024, 'P1', 'SPENT', economic_code, 2024, min(month),
    COALESCE(sum(amount) FILTER (WHERE month <= 1), 0), COALESCE(sum(amount) FILTER (WHERE month <= 2), 0),
    COALESCE(sum(amount) FILTER (WHERE month <= 3), 0), COALESCE(sum(amount) FILTER (WHERE month <= 4), 0),
    COALESCE(sum(amount) FILTER (WHERE month <= 5), 0), COALESCE(sum(amount) FILTER (WHERE month <= 6), 0),
    COALESCE(sum(amount) FILTER (WHERE month <= 7), 0), COALESCE(sum(amount) FILTER (WHERE month <= 8), 0),
    COALESCE(sum(amount) FILTER (WHERE month <= 9), 0), COALESCE(sum(amount) FILTER (WHERE month <= 10), 0),
    COALESCE(sum(amount) FILTER (WHERE month <= 11), 0), sum(amount)
FROM (SELECT aggregate_identifier AS indicator_id,
    (ARRAY['30201','30101','30202','30211','30102','30215','30216','30217'])[sequence_number % 8 + 1] AS economic_code,
    extract(MONTH FROM DATE '2024-01-01' + (sequence_number % 366)::int)::smallint AS month, 100 + sequence_number % 1000 AS amount
    FROM domain_event_entry WHERE event_identifier BETWEEN CAST(:lo AS varchar) AND CAST(:hi AS varchar)) m
GROUP BY indicator_id, economic_code
ON CONFLICT (indicator_id, figure, economic_code, year) DO UPDATE
SET first_month = LEAST(rm_year_total.first_month, EXCLUDED.first_month),
    through_01 = rm_year_total.through_01 + EXCLUDED.through_01, through_02 = rm_year_total.through_02 + EXCLUDED.through_02,
    through_03 = rm_year_total.through_03 + EXCLUDED.through_03, through_04 = rm_year_total.through_04 + EXCLUDED.through_04,
    through_05 = rm_year_total.through_05 + EXCLUDED.through_05, through_06 = rm_year_total.through_06 + EXCLUDED.through_06,
    through_07 = rm_year_total.through_07 + EXCLUDED.through_07, through_08 = rm_year_total.through_08 + EXCLUDED.through_08,
    through_09 = rm_year_total.through_09 + EXCLUDED.through_09, through_10 = rm_year_total.through_10 + EXCLUDED.through_10,
    through_11 = rm_year_total.through_11 + EXCLUDED.through_11, through_12 = rm_year_total.through_12 + EXCLUDED.through_12;
COMMIT;
BEGIN;
SELECT count(*), sum(length(payload) + length(meta_data)) FROM domain_event_entry WHERE event_identifier BETWEEN CAST(:lo AS varchar) AND CAST(:hi AS varchar);
SELECT hash FROM event_chain ORDER BY global_index DESC LIMIT 1;
INSERT INTO event_chain (global_index, event_identifier, hash, previous_hash)
SELECT global_index, event_identifier, lpad(to_hex(global_index), 64, '0'), lpad(to_hex(global_index - 1), 64, '0')
FROM domain_event_entry WHERE event_identifier BETWEEN CAST(:lo AS varchar) AND CAST(:hi AS varchar);
COMMIT;
SQL

start() { java -Xmx512m -jar $JAR --ledger.data-dir=$WORK/data --server.port=$PORT > $WORK/service.log 2>&1 & SVC=$!
  for i in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health/ping >/dev/null && return; sleep 1; done; echo "service did not start"; exit 1; }
run() {
  local FLOOR=$1
  rm -rf $WORK/data
  start; kill $SVC; wait $SVC 2>/dev/null  # creates the database; pg_stat_statements needs a restart
  echo "shared_preload_libraries = 'pg_stat_statements'" >> $WORK/data/postgres/postgresql.auto.conf
  [ -n "${PGCONF:-}" ] && echo "$PGCONF" >> $WORK/data/postgres/postgresql.auto.conf
  start
  local pgport=$(sed -n 4p $WORK/data/postgres/postmaster.pid)
  local SQL="psql -q -h 127.0.0.1 -p $pgport -U postgres -d postgres"
  echo '{"name":"测试单位","departmentCode":"DP1","departmentName":"测试部门"}' | api PUT /api/v1/units/P1 >/dev/null
  python3 -c 'import json; print(json.dumps({"atomic": True, "postings": [{"type":"APPROPRIATION","indicatorId":f"W-{i}","fiscalYear":2024,"unitCode":"P1","fundSource":"GENERAL_BUDGET","functionalCode":"2150501","kind":"BASIC","amount":"100000000.00","effectiveDate":"2024-01-05"} for i in range(1000)]}))' \
    | api POST /api/v1/postings:batch >/dev/null
  local codes='["30201","30101","30202","30211","30102","30215","30216","30217"]'
  for b in $(seq 1 20); do
    python3 -c "import json; c=$codes; print(json.dumps({'atomic': True, 'postings': [{'type':'EXPENDITURE','expenditureId':f'S-$b-{g}','indicatorId':f'W-{($b*100 + g % 100) % 1000}','amount':'1.00','economicCode':c[g % 8],'effectiveDate':f'2024-{g % 12 + 1:02d}-05'} for g in range(1000)]}))" \
      | api POST /api/v1/postings:batch >/dev/null
  done
  # wait until both processors have taken every event, then take their tokens (as bench/ab.sh does)
  for i in $(seq 1 60); do
    [ "$($SQL -At -c "select count(*) from rm_movement")" -ge 21000 ] && [ "$($SQL -At -c "select count(*) from event_chain")" -ge 21000 ] && break; sleep 1
  done
  $SQL -c "update token_entry set owner = 'floor.sh', timestamp = '9999-12-31T00:00:00Z'" >/dev/null
  $SQL <<'SQL' >/dev/null
CREATE EXTENSION pg_stat_statements;
CREATE SEQUENCE floor_batch START 1000;
CREATE TABLE floor_template AS SELECT meta_data, payload, payload_revision, payload_type, time_stamp, type
FROM domain_event_entry WHERE payload_type LIKE '%ExpenditureRecorded' LIMIT 1;
SQL
  cat $WORK/request$([ "$FLOOR" = lean ] && echo -lean).sql $WORK/processors.sql > $WORK/batch.sql
  $SQL -c "select pg_stat_statements_reset()" >/dev/null
  local postmaster=$(sed -n 1p $WORK/data/postgres/postmaster.pid)
  local s0=$(ticks $SVC) p0=$(pg_ticks $postmaster) lsn0=$($SQL -At -c "select pg_current_wal_lsn()")
  local cpu0=$(head -1 /proc/stat)
  # what pgbench's backends wait on, sampled 5 times a second
  printf '%s\n' "select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity" \
    "where application_name = 'pgbench' and state = 'active'" '\watch 0.2' \
    | timeout $DURATION $SQL -At > $WORK/waits 2>/dev/null &
  local sampler=$!
  pgbench -n -h 127.0.0.1 -p $pgport -U postgres -M prepared -c $CLIENTS -j 2 -T $DURATION -f $WORK/batch.sql postgres > $WORK/pgbench.log 2>&1
  wait $sampler
  local tps=$(awk '/^tps/ {print $3}' $WORK/pgbench.log)
  # a backend's CPU reaches its postmaster's cutime once it has exited and been reaped
  for i in $(seq 1 50); do [ "$($SQL -At -c "select count(*) from pg_stat_activity where application_name = 'pgbench'")" = 0 ] && break; sleep 0.1; done
  local s1=$(ticks $SVC) p1=$(pg_ticks $postmaster)
  local cpu1=$(head -1 /proc/stat)
  local wal=$($SQL -At -c "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0')")
  $SQL -A -F' | ' -c "select round(total_exec_time::numeric) as ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as statement from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 10" > $WORK/statements
  local written=$($SQL -At -c "select count(*) from event_chain where event_identifier like 'f%'")
  local postings=$(awk -v t="$tps" -v d=$DURATION 'BEGIN {print t * 1000 * d}')
  echo "== floor ($FLOOR, $CLIENTS clients): $(awk -v t="$tps" 'BEGIN {printf "%.0f", t * 1000}') postings/s;" \
    "CPU s over $DURATION s: PostgreSQL $(( (p1-p0)/100 )), the idle service $(( (s1-s0)/100 ));" \
    "PostgreSQL per posting $(awk -v t=$((p1-p0)) -v n=$postings 'BEGIN {printf "%.1f", t*1e4/n}') µs;" \
    "WAL $(awk -v w=$wal -v d=$DURATION 'BEGIN {printf "%.1f", w/d/1048576}') MiB/s," \
    "$(awk -v w=$wal -v t="$tps" -v d=$DURATION 'BEGIN {printf "%.0f", w/(t*1000*d)}') bytes per posting;" \
    "the machine's iowait $(echo "$cpu0 $cpu1" | awk '{printf "%.0f", ($17-$6)/100}') s;" \
    "$written postings chained; load $(cut -d' ' -f1 /proc/loadavg)"
  echo "  backends active, sampled: $(sort $WORK/waits | uniq -c | sort -rn | head -6 | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')"
  sed 's/^/  /' $WORK/statements
  kill $SVC; wait $SVC 2>/dev/null
}
for r in $(seq 1 $ROUNDS); do for floor in $FLOORS; do run $floor; done; done
