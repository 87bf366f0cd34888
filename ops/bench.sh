#!/usr/bin/env bash
# Issues #6 and #12: the throughput, latency, recovery and memory figures of one node on SQLite, against the limits of
# the database and of the framework measured in the same run on the same file; the bench's mix of flows, then the 9-step
# proxy flow an integration runs (part flow9), each with its durable rows and node CPU per command. Builds Release once,
# then runs `KuaSheng.Bench suite` (tests/KuaSheng.Bench/Suite), which starts real Host processes on loopback, on
# temporary folders it deletes afterwards. Prints a Markdown table and, as the last line, ratio=<commands/s of the mix ÷
# framework limit events/s> (issue #12's measure; events/s ÷ limit is a row of the table). Progress goes to stderr.
# Usage: ops/bench.sh [--quick] [suite options: --clients N --seconds N --warmup S --open-rate N --cases N --active N --payload BYTES
#                     --part all|e2e|flow9|coldstart --flow9-clients N]
#   --quick: 10,000 cases instead of 100,000, 2,000 active instead of 10,000, 15 s load windows instead of 30 s
#            (about 3-4 minutes with the build). Both warm a fresh node up for 30 s of load before the closed loop's window
#            (--warmup S to change it; the warm-up's rate is a row of the table).
#   --nodes URL,URL --database sqlite:PATH|postgres:CONNSTR [--pids P,P] [--db-pid PID]: the HTTP loads (closed and open
#            loop, requests spread over the nodes in turn; --part e2e|flow9|all) against nodes already running as one
#            cluster, rows and projection lag read from their database, CPU from the given node processes and database
#            postmaster (with its backends); no limits, no cold start, ratio=NaN. ops/bench-cluster.sh runs it for 1-3 nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
for project in src/KuaSheng.Host tests/KuaSheng.Bench; do
  if ! dotnet build -c Release "$project" >"$build_log" 2>&1; then
    cat "$build_log" >&2
    exit 1
  fi
done
exec dotnet tests/KuaSheng.Bench/bin/Release/net10.0/KuaSheng.Bench.dll suite \
  --host src/KuaSheng.Host/bin/Release/net10.0/KuaSheng.Host.dll "$@"
