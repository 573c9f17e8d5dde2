#!/usr/bin/env bash
# Refreshes the front-end libraries embedded in the binary: installs the exact
# versions pinned in web/package.json (and web/package-lock.json) from npm and copies
# the files the web UI serves into internal/web/static/vendor/. The copied files
# are committed, so building wirewatch never needs npm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp web/package.json "$tmp/"
[ -f web/package-lock.json ] && cp web/package-lock.json "$tmp/"
(
  cd "$tmp"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  else
    npm install --no-audit --no-fund --ignore-scripts --loglevel=error
  fi
)
# Keep the lock file so the next run installs the same bytes.
cp "$tmp/package-lock.json" web/package-lock.json

dest=internal/web/static/vendor
mkdir -p "$dest"
copy() { install -m 0644 "$tmp/node_modules/$1" "$dest/$2"; }
copy htmx.org/dist/htmx.min.js htmx.min.js
copy htmx.org/LICENSE htmx.LICENSE
copy uplot/dist/uPlot.iife.min.js uPlot.iife.min.js
copy uplot/dist/uPlot.min.css uPlot.min.css
copy uplot/LICENSE uPlot.LICENSE

# Record what was vendored, so a reviewer can check versions and hashes.
{
  for p in htmx.org uplot; do
    v=$(node -p "require('$tmp/node_modules/$p/package.json').version")
    echo "$p@$v"
  done
  (cd "$dest" && sha256sum htmx.min.js uPlot.iife.min.js uPlot.min.css)
} > "$dest/VERSIONS"
cd "$root"
echo "vendored into $dest:"
cat "$dest/VERSIONS"
