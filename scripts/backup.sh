#!/usr/bin/env bash
# A dated, consistent backup of the ledger, safe while the bot runs, and removal of backups older than KEEP_DAYS.
#
#   scripts/backup.sh BACKUP_DIR [--db PATH]       (KEEP_DAYS=7 by default; KEEP_DAYS=0 keeps every backup)
#
# Run it from cron, e.g. daily: 17 3 * * * /srv/companionbot/scripts/backup.sh /srv/backups/companionbot
# Each run writes BACKUP_DIR/companion-YYYYMMDDTHHMMSSZ.db with the program's `backup` mode (SQLite's online backup,
# checked with quick_check), then deletes companion-*.db files in BACKUP_DIR older than KEEP_DAYS days. A backup holds
# what members later delete with /forget until this removes it: PRIVACY.md promises no longer than KEEP_DAYS.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BACKUP_DIR [--db PATH]" >&2; exit 2; }
dir=$1
shift
keep=${KEEP_DAYS:-7}
[[ "$keep" =~ ^[0-9]+$ ]] || { echo "backup.sh: KEEP_DAYS must be a whole number of days, got '$keep'" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
dll="$root/Bot/bin/Release/net10.0/CompanionBot.dll"
[[ -f /app/CompanionBot.dll ]] && dll=/app/CompanionBot.dll   # inside the Docker image
if [[ ! -f "$dll" ]]; then
  dotnet build "$root/Bot/Bot.csproj" -c Release -nologo -v q >/dev/null
fi
mkdir -p "$dir"
target="$dir/companion-$(date -u +%Y%m%dT%H%M%SZ).db"
dotnet "$dll" backup "$target" "$@"
if [[ "$keep" -gt 0 ]]; then
  find "$dir" -maxdepth 1 -name 'companion-*.db' -type f -mtime "+$((keep - 1))" -print -delete | sed 's/^/removed old backup: /'
fi
