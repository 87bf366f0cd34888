#!/usr/bin/env bash
# Generates a typed client from the OpenAPI document with generators other people maintain (openapi-typescript 7.13.0
# for the types, openapi-fetch 0.17.0 for the client), type-checks the client flow against it (tsc, strict) and runs one
# proxy case through it against a node: tests/KuaSheng.Api.Tests/ClientFlow/flow.ts. Exit 0 when every step answered as
# documented; a field the flow uses that the document renamed or reshaped fails the type check.
# Usage: ops/openapi-client.sh [BASE_URL] [DOCUMENT_FILE]
#   BASE_URL defaults to http://127.0.0.1:5080 (a running node); the document defaults to BASE_URL/openapi/v1.json.
#   Tokens: KUASHENG_WINDOW_TOKEN (window qj-window), KUASHENG_OFFICER_TOKEN (officer qj-notary), KUASHENG_CARRIER_TOKEN;
#   any not set is asked for at POST /api/v1/auth/dev-token (nodes with dev features on).
# Needs Node.js/npm; the pinned packages (package-lock.json) come with `npm ci` from the cache ops/.cache/npm into
# ClientFlow/node_modules, once (both ignored by git); the generated schema and the compiled flow go to ClientFlow/generated.
set -euo pipefail
base=${1:-http://127.0.0.1:5080}
base=${base%/}
doc=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
flow="$root/tests/KuaSheng.Api.Tests/ClientFlow"
export NPM_CONFIG_CACHE="$root/ops/.cache/npm" NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
cd "$flow"
mkdir -p generated
if [[ -z $doc ]]; then
  doc=generated/openapi.json
  curl -fsS "$base/openapi/v1.json" -o "$doc"
fi

# npm ci only when the installed packages are not those of package-lock.json.
if ! cmp -s package-lock.json node_modules/.kuasheng-installed-lock 2>/dev/null; then
  echo "npm ci (pinned packages of package-lock.json)..." >&2
  npm ci --prefer-offline --no-audit --loglevel=error >&2
  cp package-lock.json node_modules/.kuasheng-installed-lock
fi

echo "== openapi-typescript: $doc -> generated/schema.d.ts"
node_modules/.bin/openapi-typescript "$doc" --output generated/schema.d.ts
echo "== tsc (strict): flow.ts against the generated types"
rm -rf generated/out
node_modules/.bin/tsc --project tsconfig.json
echo "== flow against $base"
KUASHENG_BASE_URL=$base exec node generated/out/flow.js
