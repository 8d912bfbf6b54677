#!/usr/bin/env bash
# Crash harness on PostgreSQL (issue 15): SIGKILL the bot while it writes to a PostgreSQL ledger, then check it.
#
#   COMPANION_TEST_POSTGRES='Host=...;Password=...' scripts/crash-harness-postgres.sh [RUNS]   (default 25; SEED=n)
#
# Each run starts `bench --postgres --ack-log FILE` (1-4 concurrent pipelines, each with its own connection pool and
# member leases, as separate processes would have). The bench appends a message id to FILE only after that
# message's transaction committed (the acknowledgement); the harness kills it after a random 0.8-4.8 s. Runs are
# chained five at a time on one database, so a run also starts from what the previous kill left. After every kill:
#   - every acknowledged id is in processed_messages (nothing acknowledged was lost), with its relationship row;
#   - nothing is half-applied: no processed mark without its relationship row, and each bench relationship counts
#     exactly as many exchanges as it has processed messages (the claim and the state move in one transaction).
# Then the last database runs a bench to completion, and a self-test deletes one acknowledged mark inside a
# transaction that is rolled back, to prove the checks see it. Exit 0 only when every check held.
set -uo pipefail

runs=${1:-25}
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
RANDOM=${SEED:-$$}
server=${COMPANION_TEST_POSTGRES:-}
[[ -n "$server" ]] || { echo "crash-harness-postgres: set COMPANION_TEST_POSTGRES (scripts/pg-test-cluster.sh start prints one)" >&2; exit 2; }
command -v psql >/dev/null || { echo "crash-harness-postgres: needs psql (apt-get install -y postgresql-client)" >&2; exit 2; }

field() { tr ';' '\n' <<<"$server" | sed -n "s/^$1=//Ip" | head -n 1; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
export PGCONNECT_TIMEOUT=10

root=$(cd "$(dirname "$0")/.." && pwd)
echo "crash-harness-postgres: building (Release)..."
dotnet build "$root/Bot/Bot.csproj" -c Release -nologo -v q >/dev/null || { echo "crash-harness-postgres: build failed" >&2; exit 2; }
dll="$root/Bot/bin/Release/net10.0/CompanionBot.dll"
work=$(mktemp -d -t crash-harness-pg.XXXXXX)
tag="crash_$(date +%s)_$$"
databases=()
cleanup() {
  for d in "${databases[@]}"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $d WITH (FORCE);" >/dev/null 2>&1; done
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

failures=0 killed_writing=0 total_acked=0
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }

# check DB ACKS [SQL-before-the-check] -> "acked committed lost ack_without_row mark_without_row exchange_mismatch"
check() {
  local db=$1 acks=$2 tamper=${3:-}
  awk -F'\t' 'NF == 3' "$acks" > "$work/acks.tsv"
  psql -d "$db" -qAt -F ' ' -v ON_ERROR_STOP=1 <<SQL
BEGIN;
CREATE TEMP TABLE acks (id text, scope text, member text) ON COMMIT DROP;
\copy acks FROM '$work/acks.tsv'
$tamper
SELECT
  (SELECT count(*) FROM acks),
  (SELECT count(*) FROM processed_messages),
  (SELECT count(*) FROM acks a WHERE NOT EXISTS (SELECT 1 FROM processed_messages p
      WHERE p.message_id = a.id AND p.scope = a.scope AND p.member = a.member)),
  (SELECT count(*) FROM acks a WHERE NOT EXISTS (SELECT 1 FROM relationships r WHERE r.scope = a.scope AND r.member = a.member)),
  (SELECT count(*) FROM processed_messages p WHERE NOT EXISTS (SELECT 1 FROM relationships r
      WHERE r.scope = p.scope AND r.member = p.member)),
  (SELECT count(*) FROM relationships r WHERE r.member LIKE 'bench-member-%'
      AND r.exchanges <> (SELECT count(*) FROM processed_messages p WHERE p.scope = r.scope AND p.member = r.member));
ROLLBACK;
SQL
}

for ((i = 1; i <= runs; i++)); do
  chain=$(( (i - 1) / 5 ))
  db="${tag}_$chain" acks="$work/acks-$chain.log"
  if [[ ! -f "$acks" ]]; then
    psql -d postgres -qc "CREATE DATABASE $db;" >/dev/null || { fail "cannot create database $db"; break; }
    databases+=("$db")
    touch "$acks"
  fi
  before=$(awk -F'\t' 'NF == 3' "$acks" | wc -l)
  pipelines=$(( 1 + RANDOM % 4 ))
  delay_ms=$(( 100 + RANDOM % 2500 ))
  Storage__ConnectionString="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db" \
    dotnet "$dll" bench --postgres --levels "$pipelines" --members 40 --messages 100000 --raw-ms 0 --ack-log "$acks" --json \
    >/dev/null 2>"$work/stderr-$i.txt" &
  pid=$!
  # Start-up time varies with the machine's load, so the random delay counts from the run's first acknowledgement.
  for ((w = 0; w < 600; w++)); do
    (( $(awk -F'\t' 'NF == 3' "$acks" | wc -l) > before )) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"; wait "$pid" 2>/dev/null
  else
    wait "$pid"; fail "run $i: the bench ended by itself (exit $?) before the kill: $(head -c 300 "$work/stderr-$i.txt")"
  fi
  result=$(check "$db" "$acks") || { fail "run $i: the check could not run: $result"; continue; }
  read -r acked committed lost ack_no_row mark_no_row mismatch <<<"$result"
  new_acks=$((acked - before))
  (( new_acks > 0 )) && killed_writing=$((killed_writing + 1))
  total_acked=$((total_acked + new_acks))
  echo "run $i/$runs: chain $chain, $pipelines pipelines, killed ${delay_ms} ms after its first ack; acked +$new_acks (chain $acked)," \
    "committed $committed ($((committed - acked)) not yet acknowledged at the kills), lost $lost, half-applied $((ack_no_row + mark_no_row + mismatch))"
  (( lost == 0 )) || fail "run $i: $lost acknowledged messages are not in processed_messages"
  (( ack_no_row == 0 )) || fail "run $i: $ack_no_row acknowledged messages have no relationship row"
  (( mark_no_row == 0 )) || fail "run $i: $mark_no_row processed marks have no relationship row"
  (( mismatch == 0 )) || fail "run $i: $mismatch relationships count a different number of exchanges than processed messages"
  (( committed >= acked )) || fail "run $i: fewer committed messages ($committed) than acknowledged ($acked)"
done

echo "final: running the last database's bench to completion after its crash..."
if Storage__ConnectionString="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db" \
    dotnet "$dll" bench --postgres --levels 2 --members 5 --messages 5 --raw-ms 0 --json >"$work/final.json" 2>"$work/final-err.txt"; then
  echo "  completed: $(cat "$work/final.json")"
else
  fail "final run did not complete: $(head -c 300 "$work/final-err.txt")"
fi

(( killed_writing * 2 >= runs )) || fail "only $killed_writing of $runs kills landed while messages were being acknowledged: the runs prove little"

echo "self-test: the checks must catch a lost acknowledged write (deleted inside a rolled-back transaction)..."
acks=$(ls -S "$work"/acks-*.log | head -n 1)
chain=${acks##*acks-}; chain=${chain%.log}
victim=$(awk -F'\t' 'NF == 3 { id = $1 } END { print id }' "$acks")
read -r _ _ lost _ _ mismatch <<<"$(check "${tag}_$chain" "$acks" "DELETE FROM processed_messages WHERE message_id = '$victim';")"
if (( lost == 1 && mismatch == 1 )); then echo "  caught: lost $lost, half-applied $mismatch"; else fail "self-test: a deleted mark went unnoticed (lost $lost, mismatch $mismatch)"; fi

echo
echo "crash-harness-postgres: $runs SIGKILL runs ($killed_writing killed while acknowledging writes), $total_acked messages acknowledged," \
  "$failures failures (lost acknowledged writes, half-applied)"
(( failures == 0 )) || { echo "crash-harness-postgres: FAILED"; exit 1; }
echo "crash-harness-postgres: PASSED"
