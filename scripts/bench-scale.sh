#!/usr/bin/env bash
# The figures in BENCHMARKS.md: the bench at 0, 10k, 100k and 1M pre-filled relationships (one transaction per
# message, concurrency 1), then concurrency 4 and 8 at 100k with and without group commit. Each point is a fresh temp
# database (prefill included; 1M rows take about a minute). Takes 3-4 minutes. Output: text reports on stdout.
#   scripts/bench-scale.sh [MEMBERS] [MESSAGES]    (default 1000 x 20 = 20,000 messages a point)
# The lexicon alone unless APPRAISER=semantic (the sentence encoder's figures: scripts/bench-encoder.sh).
set -euo pipefail
members=${1:-1000}
messages=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/Bot/Bot.csproj" -c Release -nologo -v q >/dev/null
dll="$root/Bot/bin/Release/net10.0/CompanionBot.dll"
stats=$(mktemp)
trap 'rm -f "$stats"' EXIT

point() {
  echo "=== $* | load average $(cut -d' ' -f1-3 /proc/loadavg) | $(date -u +%H:%M:%SZ)"
  /usr/bin/env time -o "$stats" -f "  process: wall %e s (prefill and probes included), max RSS %M KB" \
    dotnet "$dll" bench --members "$members" --messages "$messages" --appraiser "${APPRAISER:-lexicon}" "$@" 2> >(grep -v '^bench: ' >&2)
  cat "$stats"
}

echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2 " MB RAM"}'), .NET $(dotnet --version), disk: $(df -h "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $1 " " $2 " (" $5 " used)"}')"
for prefill in 0 10000 100000 1000000; do
  point --prefill "$prefill" --concurrency 1
done
for concurrency in 4 8; do
  point --prefill 100000 --concurrency "$concurrency" --commit single
  point --prefill 100000 --concurrency "$concurrency" --commit group
done
