#!/usr/bin/env bash
# Crash harness (issue 8): kill the bench with SIGKILL at random points while it writes, then check the ledger.
#
#   scripts/crash-harness.sh [RUNS]        (default 30; SEED=n fixes the random delays; KEEP=1 keeps the files)
#
# Each run starts `bench --ack-log FILE`, which appends a message id to FILE only after that message's transaction
# committed durably (the acknowledgement), and kills it after a random 0.8-4.8 s. Runs are chained five at a time on
# the same database, so a run also starts from a file the previous kill left behind (WAL recovery). After every kill:
#   - PRAGMA integrity_check is "ok";
#   - every acknowledged id is in processed_messages (nothing acknowledged was lost) and its relationship row exists;
#   - nothing is half-applied: no processed mark without its relationship row, and each bench relationship counts
#     exactly as many exchanges as it has processed messages (the mark and the row move in one transaction).
# A last run reopens the final database and must complete normally, and a self-test deletes one acknowledged mark
# from a copy to prove the checks see it. Exit 0 only when every check held.
set -uo pipefail

runs=${1:-30}
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || { echo "usage: $0 [RUNS]  (RUNS: a whole number >= 1)" >&2; exit 2; }
RANDOM=${SEED:-$$}
command -v sqlite3 >/dev/null || { echo "crash-harness: needs the sqlite3 CLI (apt-get install -y sqlite3)" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
echo "crash-harness: building (Release)..."
dotnet build "$root/Bot/Bot.csproj" -c Release -nologo -v q >/dev/null || { echo "crash-harness: build failed" >&2; exit 2; }
dll="$root/Bot/bin/Release/net10.0/CompanionBot.dll"
work=$(mktemp -d -t crash-harness.XXXXXX)
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT

failures=0 killed_writing=0 total_acked=0

fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }

# check DB ACKS -> prints "acked committed lost ack_without_row mark_without_row exchange_mismatch"
check() {
  local db=$1 acks=$2
  awk -F'\t' 'NF == 3' "$acks" > "$work/acks.tsv"
  rm -f "$work/check.db"
  sqlite3 "$work/check.db" <<SQL
.mode tabs
CREATE TABLE acks (id TEXT, scope TEXT, member TEXT);
.import $work/acks.tsv acks
ATTACH '$db' AS l;
SELECT
  (SELECT count(*) FROM acks),
  (SELECT count(*) FROM l.processed_messages),
  (SELECT count(*) FROM acks a WHERE NOT EXISTS (SELECT 1 FROM l.processed_messages p
      WHERE p.message_id = a.id AND p.scope = a.scope AND p.member = a.member)),
  (SELECT count(*) FROM acks a WHERE NOT EXISTS (SELECT 1 FROM l.relationships r WHERE r.scope = a.scope AND r.member = a.member)),
  (SELECT count(*) FROM l.processed_messages p WHERE NOT EXISTS (SELECT 1 FROM l.relationships r
      WHERE r.scope = p.scope AND r.member = p.member)),
  (SELECT count(*) FROM l.relationships r WHERE r.member LIKE 'bench-member-%'
      AND json_extract(r.state, '$.exchanges') <> (SELECT count(*) FROM l.processed_messages p
          WHERE p.scope = r.scope AND p.member = r.member));
SQL
}

for ((i = 1; i <= runs; i++)); do
  chain=$(( (i - 1) / 5 ))
  db="$work/ledger-$chain.db" acks="$work/acks-$chain.log"
  touch "$acks"
  before=$(awk -F'\t' 'NF == 3' "$acks" | wc -l)
  concurrency=$(( 1 + RANDOM % 4 ))
  prefill=$(( RANDOM % 2 == 0 ? 0 : 5000 ))
  delay_ms=$(( 800 + RANDOM % 4000 ))
  # The lexicon alone: this tests durability, and loading the sentence model would delay the first acknowledgement.
  dotnet "$dll" bench --db "$db" --members 40 --messages 100000 --concurrency "$concurrency" --prefill "$prefill" \
    --raw-ms 0 --warmup 0 --appraiser lexicon --ack-log "$acks" --json >/dev/null 2>"$work/stderr-$i.txt" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
  else
    wait "$pid"; code=$?
    fail "run $i: the bench ended by itself (exit $code) before the kill: $(head -c 300 "$work/stderr-$i.txt")"
  fi

  if [[ ! -f "$db" ]]; then
    echo "run $i/$runs: killed after ${delay_ms} ms before the database existed"
    [[ -s "$acks" ]] && fail "run $i: acknowledgements exist but the database does not"
    continue
  fi
  integrity=$(sqlite3 "$db" 'PRAGMA integrity_check;' 2>&1)
  [[ "$integrity" == ok ]] || fail "run $i: integrity_check: $integrity"
  read -r acked committed lost ack_no_row mark_no_row mismatch < <(check "$db" "$acks" | tr '\t' ' ')
  new_acks=$((acked - before))
  (( new_acks > 0 )) && killed_writing=$((killed_writing + 1))
  in_flight=$((committed - acked))
  total_acked=$((total_acked + new_acks))
  echo "run $i/$runs: chain $chain, concurrency $concurrency, prefill $prefill, killed after ${delay_ms} ms;" \
    "acked +$new_acks (chain $acked), committed $committed ($in_flight not yet acknowledged at the kills), integrity $integrity, lost $lost," \
    "half-applied $((ack_no_row + mark_no_row + mismatch))"
  (( lost == 0 )) || fail "run $i: $lost acknowledged messages are not in processed_messages"
  (( ack_no_row == 0 )) || fail "run $i: $ack_no_row acknowledged messages have no relationship row"
  (( mark_no_row == 0 )) || fail "run $i: $mark_no_row processed marks have no relationship row"
  (( mismatch == 0 )) || fail "run $i: $mismatch relationships count a different number of exchanges than processed messages"
  (( in_flight >= 0 )) || fail "run $i: fewer committed messages ($committed) than acknowledged ($acked)"
done

echo "final: reopening the last database after its crash and running to completion..."
if dotnet "$dll" bench --db "$db" --members 5 --messages 5 --raw-ms 0 --json >"$work/final.json" 2>"$work/final-err.txt"; then
  echo "  completed: $(cat "$work/final.json")"
  [[ "$(sqlite3 "$db" 'PRAGMA integrity_check;')" == ok ]] || fail "final run: integrity_check failed"
else
  fail "final run did not complete: $(head -c 300 "$work/final-err.txt")"
fi

(( killed_writing * 2 >= runs )) || fail "only $killed_writing of $runs kills landed while messages were being acknowledged: the runs prove little (machine too slow for the delays?)"

echo "self-test: the checks must catch a lost acknowledged write and a half-applied turn..."
acks=$(ls -S "$work"/acks-*.log | head -n 1)
db="$work/ledger-${acks##*acks-}" db="${db%.log}.db"
cp "$db" "$work/tampered.db"
victim=$(awk -F'\t' 'NF == 3 { id = $1 } END { print id }' "$acks")
sqlite3 "$work/tampered.db" "DELETE FROM processed_messages WHERE message_id = '$victim';"
read -r _ _ lost _ _ mismatch < <(check "$work/tampered.db" "$acks" | tr '\t' ' ')
if (( lost == 1 && mismatch == 1 )); then echo "  caught: lost $lost, half-applied $mismatch"; else fail "self-test: a deleted mark went unnoticed (lost $lost, mismatch $mismatch)"; fi

echo
echo "crash-harness: $runs SIGKILL runs ($killed_writing killed while acknowledging writes), $total_acked messages acknowledged," \
  "$failures failures (integrity, lost acknowledged writes, half-applied)"
(( failures == 0 )) || { echo "crash-harness: FAILED (files kept in $work)"; trap - EXIT; exit 1; }
echo "crash-harness: PASSED"
