#!/usr/bin/env bash
# Runs every test of the solution (Release), then prints one summary line: "tests: N passed, N failed, N skipped".
# Starts a throwaway PostgreSQL on 127.0.0.1 (ops/postgres.sh, installed from Debian's packages when missing), with
# PG_DURABILITY=fast (fsync off: the test database is thrown away).
# Usage: ops/test.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the tests need from Debian, installed when missing: nodejs and npm (the OpenAPI lint runs Redocly through npx;
# the console's build vendors htmx, ECharts and Pico with npm), chromium (the console's browser tests drive it with
# Playwright: never `playwright install`) and a Chinese font (readable screenshots of the console).
apt_packages=()
command -v npx >/dev/null 2>&1 || apt_packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || apt_packages+=(fonts-noto-cjk)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing Debian's ${apt_packages[*]}..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${apt_packages[@]}" >&2
fi

log=$(mktemp)
# Tests that need PostgreSQL read KUASHENG_TEST_PG: start a throwaway server on loopback unless one is given. The
# test database is thrown away, so its servers (this one and the fault suite's own) run without fsync.
export PG_DURABILITY=fast
if [ -z "${KUASHENG_TEST_PG:-}" ]; then
  # Not `eval "$(...)"`: eval of an empty string succeeds, so a server that failed to start went unnoticed and every
  # PostgreSQL test was skipped. Assigned first, a failure stops the run (set -e).
  pg_env=$(ops/postgres.sh start)
  eval "$pg_env"
  [ -n "${KUASHENG_TEST_PG:-}" ] || { echo "ops/test.sh: PostgreSQL did not start" >&2; exit 1; }
  trap 'rm -f "$log"; ops/postgres.sh stop' EXIT
else
  trap 'rm -f "$log"' EXIT
fi
set +e
dotnet test KuaSheng.Actors.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
