#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly's recommended rules as tightened in redocly.yaml (examples must match their
# schemas, every operation an operationId and a security entry, ...). Exit 0 when valid.
# Usage: ops/openapi-lint.sh [FILE | URL]   (default: http://127.0.0.1:5080/openapi/v1.json, a running node)
# Needs Node.js/npx; @redocly/cli is fetched once from npm into ops/.cache/npm (git ignores it).
set -euo pipefail
src=${1:-http://127.0.0.1:5080/openapi/v1.json}
if [[ $src == http://* || $src == https://* ]]; then
  tmp=$(mktemp --suffix .json)
  trap 'rm -f "$tmp"' EXIT
  curl -fsS "$src" -o "$tmp"
  src=$tmp
else
  src=$(realpath "$src")
fi
cd "$(dirname "$0")/.."
export NPM_CONFIG_CACHE="$PWD/ops/.cache/npm" NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false
exec npx --yes @redocly/cli@2.77.0 lint --config redocly.yaml --max-problems 1000 "$src"
