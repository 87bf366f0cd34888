#!/usr/bin/env bash
# Issue #6: the throughput, latency, recovery and memory figures of one node on SQLite, against the limits of the
# database and of the framework measured in the same run on the same file. Builds Release once, then runs
# `KuaSheng.Bench suite` (tests/KuaSheng.Bench/Suite), which starts a real Host process on loopback, on temporary
# folders it deletes afterwards. Prints a Markdown table and, as the last line, ratio=<service events/s ÷ framework
# limit events/s>. Progress goes to stderr.
# Usage: ops/bench.sh [--quick] [suite options: --clients N --seconds N --cases N --active N --payload BYTES]
#   --quick: 10,000 cases instead of 100,000, 2,000 active instead of 10,000, 15 s load windows instead of 30 s
#            (about 3-4 minutes with the build).
#   --nodes URL,URL --database sqlite:PATH|postgres:CONNSTR [--pids P,P]: the HTTP load (closed and open loop, requests
#            spread over the nodes in turn) against nodes already running as one cluster, events/s and projection lag
#            read from their database, node CPU from the given processes; no limits, no cold start, ratio=NaN.
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
