#!/usr/bin/env bash
# Backs up the ledger while it runs (docs/backup.md): first keeps the audit chain's head, then dumps
# the whole database with pg_dump in its custom format, so that the dump contains that head.
#
#   tools/backup/ledger-backup.sh PREFIX      writes PREFIX.head.json, then PREFIX.dump
#
# The service:   LEDGER_URL (default http://localhost:8080) and LEDGER_API_KEY, an AUDITOR or ADMIN
#                key (default: the generated one in $LEDGER_DATA_DIR/admin-api-key, if there).
# The database:  the embedded default unless PGHOST is set: its PostgreSQL in
#                $LEDGER_DATA_DIR/postgres (LEDGER_DATA_DIR defaults to ./data), on localhost at the
#                port line 4 of its postmaster.pid names (a new one at every start), superuser and
#                database "postgres". With PGHOST set, an external PostgreSQL through libpq's own
#                variables: PGHOST, PGPORT, PGUSER, PGDATABASE, and PGPASSWORD or ~/.pgpass.
# PG_DUMP:       the pg_dump to run (default: pg_dump on PATH). Its major version must be at least
#                the server's: 17 or later for the embedded default.
set -euo pipefail

prefix=${1:?usage: ledger-backup.sh PREFIX (writes PREFIX.head.json and PREFIX.dump)}
url=${LEDGER_URL:-http://localhost:8080}
data_dir=${LEDGER_DATA_DIR:-./data}
pg_dump=${PG_DUMP:-pg_dump}
key=${LEDGER_API_KEY:-}
if [ -z "$key" ] && [ -r "$data_dir/admin-api-key" ]; then
  key=$(cat "$data_dir/admin-api-key")
fi
[ -n "$key" ] || { echo "ledger-backup: set LEDGER_API_KEY to an AUDITOR or ADMIN key" >&2; exit 2; }

# 1. The head, before the dump: every link it names is then in the dump's snapshot.
head=$(curl -fsS -H "Authorization: Bearer $key" -H "Accept: application/json" "$url/api/v1/audit/verify")
if ! grep -q '"valid":true' <<<"$head"; then
  echo "ledger-backup: the audit chain does not verify, not backing up over it: $head" >&2
  exit 1
fi
head_hash=$(sed -n 's/.*"headHash":"\([0-9a-f]\{64\}\)".*/\1/p' <<<"$head")
head_sequence=$(sed -n 's/.*"headSequence":\([0-9]*\).*/\1/p' <<<"$head")
printf '%s\n' "$head" >"$prefix.head.json"

# 2. One pg_dump of the whole database: one consistent snapshot of events, receipts, links,
# reference data, processor tokens and read models.
if [ -n "${PGHOST:-}" ]; then
  where=(--no-password)
else
  pid_file="$data_dir/postgres/postmaster.pid"
  [ -r "$pid_file" ] || { echo "ledger-backup: no running embedded PostgreSQL ($pid_file); is the service up?" >&2; exit 1; }
  port=$(sed -n 4p "$pid_file" | tr -d '[:space:]')
  where=(-h localhost -p "$port" -U postgres -d postgres --no-password)
fi
"$pg_dump" "${where[@]}" --format=custom --file="$prefix.dump.partial"
mv "$prefix.dump.partial" "$prefix.dump"

echo "ledger-backup: $prefix.dump ($(wc -c <"$prefix.dump") bytes); chain head $head_hash at $head_sequence"
echo "ledger-backup: keep $prefix.head.json apart from the database, and check a restore with"
echo "  GET /api/v1/audit/verify?expectHead=$head_hash"
