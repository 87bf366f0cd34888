#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for tests and the local cluster.
#   [PG_DURABILITY=durable|fast] ops/postgres.sh start
#                           installs Debian's postgresql when missing, starts a server in .pg/$PGPORT/ on
#                           127.0.0.1:$PGPORT (default 5439) and prints `export KUASHENG_TEST_PG=...` for eval
#   ops/postgres.sh stop    stops it (data stays in .pg/$PGPORT/ until `ops/postgres.sh clean`)
# One folder per port: the tests' server (5439) and the local cluster's (ops/cluster.sh, 5432) never share one.
# Durability: PG_DURABILITY=durable (the default) runs the server with fsync=on, synchronous_commit=on and
# full_page_writes=on: an answered commit survives a crash of the machine, and figures measured on it may be quoted.
# PG_DURABILITY=fast (fsync=off, synchronous_commit=off) is for the throwaway test database only: ops/test.sh exports
# it, so the tests' servers (its own and the fault suite's) are fast. A server already running with the other settings
# is restarted with the ones asked for. Both allow 300 connections (max_connections; PostgreSQL's default, 100, is less
# than three nodes' Npgsql pools take under load: "53300: sorry, too many clients already").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${PGPORT:-5439}
dir="$root/.pg/$port"
data="$dir/data"
log="$dir/server.log"
durability=${PG_DURABILITY:-durable}
case "$durability" in
  durable) settings=(fsync=on synchronous_commit=on full_page_writes=on max_connections=300) ;;
  fast) settings=(fsync=off synchronous_commit=off full_page_writes=on max_connections=300) ;;
  *) echo "postgres.sh: PG_DURABILITY is durable or fast, not '$durability'" >&2; exit 2 ;;
esac
server_options="-p $port -k $dir -c listen_addresses=127.0.0.1$(printf ' -c %s' "${settings[@]}")"

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then
    echo "installing Debian's postgresql..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$found"
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The running server's durability settings, spelt as in $settings.
running_settings() {
  as_postgres "$1/psql" -h 127.0.0.1 -p "$port" -U postgres -tA \
    -c "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')
               || ' full_page_writes=' || current_setting('full_page_writes') || ' max_connections=' || current_setting('max_connections')"
}

case "${1:-}" in
  start)
    bin=$(bin_dir)
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system --home-dir "$dir" postgres; fi
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >&2
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -o "$server_options" start >&2
    elif [ "$(running_settings "$bin")" != "${settings[*]}" ]; then
      echo "postgres.sh: restarting the server on port $port with $durability settings (${settings[*]})" >&2
      as_postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -m fast -o "$server_options" restart >&2
    fi
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='kuasheng_test'" | grep -q 1 \
      || as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE kuasheng_test" >&2
    echo "export KUASHENG_TEST_PG='Host=127.0.0.1;Port=$port;Username=postgres;Database=kuasheng_test'"
    ;;
  stop)
    bin=$(bin_dir)
    [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" -m fast stop >&2 || true
    ;;
  clean)
    "$0" stop
    rm -rf "$dir"
    ;;
  *)
    echo "usage: ops/postgres.sh start|stop|clean" >&2
    exit 2
    ;;
esac
