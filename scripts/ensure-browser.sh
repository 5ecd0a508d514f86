#!/usr/bin/env bash
# Install what the browser tests need when it is missing: Debian's Chromium and
# ChromeDriver (no test tool may download a browser of its own) and the pinned
# axe-core from the npm registry (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing: install the Debian packages 'chromium' and 'chromium-driver' (as root)." >&2
    exit 1
  fi
  echo "Installing Debian packages chromium and chromium-driver ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ -f package-lock.json ] && [ ! -f node_modules/.package-lock.json -o package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing pinned npm packages (axe-core) ..."
  npm ci --no-audit --no-fund --silent
fi
