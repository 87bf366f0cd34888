#!/usr/bin/env bash
# Issue #12: the local cluster (ops/cluster.sh) on durable PostgreSQL, measured with 1, 2 and 3 nodes. For each count N:
# a fresh cluster (ops/cluster.sh down, then up N: new database, nodes started anew), then `KuaSheng.Bench suite --nodes`
# (closed loop to saturation, open loop at 70% of it, requests spread over the nodes in turn) with the CPU of each node
# and of the PostgreSQL server (postmaster and backends) per command, and the case projection's lag read from the
# database. Prints each run's table (the PostgreSQL settings as a row of it); progress on stderr. The nodes' logs of
# each count are kept in a temporary folder it names at the end (to explain a failed command).
# It takes the local cluster over: it brings it down before each count and at the end, and stops if the cluster's ports
# are held by something else (another work tree's cluster).
# Usage: ops/bench-cluster.sh [--counts "1 2 3"] [suite options]
#   The suite runs with --quick --part e2e --warmup 15 (a node's first seconds are JIT compilation), then the options
#   given, which win: --seconds N for other windows, --part flow9 or all for the 9-step flow, --quick false for full.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PGPORT=${PGPORT:-5432}

counts="1 2 3"
if [ "${1:-}" = "--counts" ]; then counts=$2; shift 2; fi
suite_options=(--quick --part e2e --warmup 15 "$@")

build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
for project in src/KuaSheng.Host tests/KuaSheng.Bench; do
  dotnet build -c Release "$project" >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
done

# The cluster's ports, free once this tree's cluster is down.
ports_free() {
  local n=$1 port
  for port in "$PGPORT" $(seq 5101 $((5100 + n))) $(seq 4101 $((4100 + n))); do
    if ss -ltnH "sport = :$port" | grep -q .; then echo "bench-cluster.sh: port $port is in use (another cluster?)" >&2; return 1; fi
  done
}

logs=$(mktemp -d -t kuasheng-bench-cluster-XXXXXX)
for n in $counts; do
  echo "== $n node(s), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  ops/cluster.sh down >/dev/null
  ports_free "$n"
  CLUSTER_BUILD=off ops/cluster.sh up "$n" >&2
  urls=$(seq -s, -f 'http://127.0.0.1:510%g' 1 "$n")
  pids=$(for i in $(seq 1 "$n"); do cat ".cluster/node$i.pid"; done | paste -sd,)
  postmaster=$(head -n 1 ".pg/$PGPORT/data/postmaster.pid")
  dotnet tests/KuaSheng.Bench/bin/Release/net10.0/KuaSheng.Bench.dll suite --nodes "$urls" --pids "$pids" --db-pid "$postmaster" \
    --database "postgres:Host=127.0.0.1;Port=$PGPORT;Database=kuasheng_cluster;Username=postgres" "${suite_options[@]}"
  mkdir -p "$logs/$n-nodes" && cp .cluster/node*.log "$logs/$n-nodes/"
done
ops/cluster.sh down >/dev/null
echo "nodes' logs: $logs" >&2
