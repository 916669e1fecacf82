#!/usr/bin/env bash
# Installs what the bot needs, cached so that a second run (or a fresh clone on the same machine)
# takes seconds: npm packages (skipped while package-lock.json and patches/ are unchanged; the install applies
# the patches) and FerretDB (built once per version under ~/.cache/csp-partner-bot). With --browser, also
# Debian's Chromium and CJK fonts for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "csp-partner-bot needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

lock_hash=$(cat package-lock.json patches/*.patch | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.csp-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "Installing npm packages..."
  # --include=dev: NODE_ENV=production would otherwise omit the compiler that `npm run build` needs.
  npm ci --include=dev --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.csp-lock-hash
fi

if [ -z "${MONGODB_URI:-}" ] || [ "${1:-}" = "--browser" ]; then
  bash scripts/build-ferretdb.sh >/dev/null
fi

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium and CJK fonts for the browser tests..."
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
