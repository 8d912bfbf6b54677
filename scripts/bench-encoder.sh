#!/usr/bin/env bash
# The issue 12 figures in BENCHMARKS.md: the pipeline with the sentence encoder at concurrency 1, 2 and 4, beside the
# bare encoder measured in the same run on the same messages, at 0 and 1M pre-filled relationships, then the lexicon
# alone. The load average is printed before and after each point (the figures mean little on a busy machine).
# Takes 10-15 minutes on 2 cores; the 1M ledger (about 1.4 GB) is filled once in $TMPDIR and deleted at the end.
#   scripts/bench-encoder.sh [MEMBERS] [MESSAGES]    (default 200 x 20 = 4,000 messages a semantic point)
set -euo pipefail
members=${1:-200}
messages=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/Bot/Bot.csproj" -c Release -nologo -v q >/dev/null
dll="$root/Bot/bin/Release/net10.0/CompanionBot.dll"
db="$(mktemp -d)/bench-1m.db"
trap 'rm -rf "$(dirname "$db")"' EXIT

point() {
  echo "=== $* | $(date -u +%H:%M:%SZ) | load average $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$dll" bench "$@" 2> >(grep -v '^bench: ' >&2)
  echo "    end $(date -u +%H:%M:%SZ) | load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

for concurrency in 1 2 4; do
  point --members "$members" --messages "$messages" --warmup 500 --concurrency "$concurrency"
done
point --members "$members" --messages "$messages" --warmup 500 --concurrency 1 --prefill 1000000 --db "$db"
for concurrency in 2 4; do
  point --members "$members" --messages "$messages" --warmup 500 --concurrency "$concurrency" --db "$db"
done
point --members 1000 --messages 20 --appraiser lexicon
point --members 1000 --messages 20 --appraiser lexicon --db "$db"
