#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, CI and local trials: loopback only, a temporary folder, an unprivileged user.
#
#   scripts/pg-test-cluster.sh start [DIR]   initdb (first time) + start; prints the connection string as the last line
#   scripts/pg-test-cluster.sh stop  [DIR]   stops it and deletes DIR
#   scripts/pg-test-cluster.sh env   [DIR]   prints `export COMPANION_TEST_POSTGRES=...` for an already started cluster
#   scripts/pg-test-cluster.sh restart [DIR] restarts it in fast mode (sessions cut with 57P01, as in a failover)
#
# DIR defaults to $TMPDIR/companion-pg. PORT (default 55432) picks the port. Run as root, the server runs as the
# `postgres` system user (Debian's package creates it); run as anyone else, it runs as that user. The superuser is
# `companion` with a random password (scram-sha-256), so tests exercise password authentication for real.
set -euo pipefail

action=${1:-}
dir=${2:-${TMPDIR:-/tmp}/companion-pg}
port=${PORT:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$bin" && -x "$bin/initdb" ]] || { echo "pg-test-cluster: PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 2; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

connection_string() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=companion;Password=$(cat "$dir/password");Database=companion"
}

case "$action" in
  start)
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      mkdir -p "$dir/data" "$dir/socket"
      head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
      echo "$port" > "$dir/port"
      [[ $(id -u) -eq 0 ]] && chown -R postgres: "$dir"
      chmod 700 "$dir/data"
      as_owner "$bin/initdb" -D "$dir/data" -U companion --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $(cat "$dir/port") -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
      PGPASSWORD=$(cat "$dir/password") "$bin/psql" -h 127.0.0.1 -p "$(cat "$dir/port")" -U companion -d postgres -qAtc \
        "SELECT 1 FROM pg_database WHERE datname = 'companion'" | grep -q 1 \
        || PGPASSWORD=$(cat "$dir/password") "$bin/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U companion companion
    fi
    connection_string
    ;;
  stop)
    if [[ -f "$dir/data/PG_VERSION" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  restart)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    ;;
  env)
    echo "export COMPANION_TEST_POSTGRES='$(connection_string)'"
    ;;
  *)
    echo "usage: $0 start|stop|restart|env [DIR]" >&2; exit 2
    ;;
esac
