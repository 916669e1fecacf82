#!/usr/bin/env bash
# The README's start command: set up, then run the bot (embedded FerretDB unless MONGODB_URI is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --import tsx app/main.ts "$@"
