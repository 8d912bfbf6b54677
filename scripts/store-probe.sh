#!/usr/bin/env bash
# The figures in docs/decisions/0001-ledger-store.md: LiteDB 5.0.21 beside SQLite (the bot's settings: WAL,
# synchronous=FULL) on durability of a commit, two processes on one file, Rebuild() with a secondary index, and size,
# memory and point reads at scale. Needs strace (apt-get install -y strace). Takes about 6 minutes at 1M documents.
#   scripts/store-probe.sh [DOCUMENTS] [READS]      (default 1000000 documents, 50000 random point reads)
set -euo pipefail
documents=${1:-1000000}
reads=${2:-50000}
command -v strace >/dev/null || { echo "store-probe: needs strace (apt-get install -y strace)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/tools/StoreProbe/StoreProbe.csproj" -c Release -nologo -v q >/dev/null
probe=(dotnet "$root/tools/StoreProbe/bin/Release/net10.0/StoreProbe.dll")
work=$(mktemp -d -t store-probe.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2 " MB RAM"}'), .NET $(dotnet --version), $(uname -sr), filesystem $(df -T "$work" | awk 'NR == 2 {print $2}')"

echo "== 1. does a commit reach the disk before it returns? (20 one-document commits under strace)"
for store in litedb sqlite; do
  strace -f -e trace=fsync,fdatasync,sync_file_range,pwrite64,write -o "$work/$store.trace" \
    "${probe[@]}" commit "$store" "$work/commit-$store.db" 20 2>/dev/null
  # fsync-family calls between one commit's return marker and the next (commits 1..19), and page writes in that span.
  awk -v store="$store" '
    /probe: commit [0-9]+ returned/ { if (seen) { n++; if (syncs > 0) synced++; totalSyncs += syncs; totalWrites += writes } seen = 1; syncs = 0; writes = 0; next }
    seen && /(fsync|fdatasync|sync_file_range)\(/ { syncs++ }
    seen && /pwrite64\(/ { writes++ }
    END { printf "%s: %d of %d commits fsynced before returning (%d fsync calls, %d page writes in those commits)\n", store, synced, n, totalSyncs, totalWrites }
  ' "$work/$store.trace"
done

echo "== 2. two processes write one file at once (2 x 2000 one-document commits, disjoint ids)"
for store in litedb-direct litedb-direct litedb-direct litedb-shared sqlite; do
  rm -f "$work"/two*
  "${probe[@]}" two-process "$store" "$work/two.db" 2000
done

echo "== 3. LiteDB Rebuild() with a secondary index"
for n in 1000 2500 3000 5000 20000; do
  rm -f "$work"/rebuild*
  "${probe[@]}" rebuild "$work/rebuild.db" "$n"
done

echo "== 4. $documents documents (about 1 KB of state each): load, then in a fresh process $reads random point reads"
for store in litedb sqlite; do
  "${probe[@]}" load "$store" "$work/scale-$store.db" "$documents"
  "${probe[@]}" read "$store" "$work/scale-$store.db" "$documents" "$reads"
  rm -f "$work"/scale-"$store"*
done
