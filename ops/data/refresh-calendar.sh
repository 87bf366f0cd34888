#!/usr/bin/env bash
# Refreshes src/KuaSheng.Domain/Data/calendar.json (the official working-day calendar, 工作日)
# from the npm package chinese-days. Re-runnable: the same version gives a byte-identical file.
# Usage: ops/data/refresh-calendar.sh [version]   (bump the default when a new year is published)
set -euo pipefail

version="${1:-1.5.7}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/ops/.cache/chinese-days-$version"
tgz="$cache/chinese-days-$version.tgz"
out="$root/src/KuaSheng.Domain/Data/calendar.json"

mkdir -p "$cache"
if [[ ! -f "$tgz" ]]; then
  (cd "$cache" && npm pack "chinese-days@$version" --silent >/dev/null)
fi
tar -xzf "$tgz" -C "$cache" package/package.json package/dist/chinese-days.json

mkdir -p "$(dirname "$out")"
node "$here/calendar-from-chinese-days.js" "$cache/package" "$tgz" "$version" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
