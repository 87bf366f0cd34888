#!/usr/bin/env bash
# Vendors the web console's front-end files (issue 14): installs the npm packages pinned in
# ops/console-assets/package.json and package-lock.json (integrity hashes checked by `npm ci`; npm cache in the ignored
# ops/.cache/npm, like ops/openapi-lint.sh) and copies only the files the pages load into the ignored
# src/KuaSheng.Console/wwwroot/lib/, from where the node serves them under /console/assets/lib/ (no CDN).
# The console's build runs this when a file is missing, so a fresh clone needs no extra step.
# Usage: ops/console-assets.sh [--force]   (without --force, does nothing when every file is there)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=src/KuaSheng.Console/wwwroot/lib
# source in node_modules -> name served
files=(
  "htmx.org/dist/htmx.min.js:htmx.min.js"
  "echarts/dist/echarts.min.js:echarts.min.js"
  "@picocss/pico/css/pico.min.css:pico.min.css"
)

missing=0
for f in "${files[@]}"; do [ -s "$out/${f#*:}" ] || missing=1; done
if [ "$missing" = 0 ] && [ "${1:-}" != "--force" ]; then exit 0; fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "console-assets: installing Debian's nodejs and npm..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq nodejs npm >&2
  else
    echo "console-assets: npm is needed to vendor the console's files (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
fi

export NPM_CONFIG_CACHE="$root/ops/.cache/npm" NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# A lock so that two builds at once (the solution builds the console for several projects) do not race.
mkdir -p "$root/ops/.cache"
exec 9>"$root/ops/.cache/console-assets.lock"
flock 9
(cd ops/console-assets && npm ci --ignore-scripts --no-audit --prefer-offline --loglevel=error >&2)
mkdir -p "$out"
for f in "${files[@]}"; do
  cp "ops/console-assets/node_modules/${f%%:*}" "$out/${f#*:}.tmp"
  mv "$out/${f#*:}.tmp" "$out/${f#*:}"
done
echo "console-assets: $(ls "$out" | tr '\n' ' ')in $out" >&2
