#!/usr/bin/env bash
# The README's start command: set up, then run the bot (embedded FerretDB unless MONGODB_URI is set).
# app/node-flags caps the heap (see docs/benchmarks.md: without it V8 lets the heap of a busy bot grow
# far beyond what it uses); NODE_FLAGS replaces them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC2046 # the flags are words
exec node ${NODE_FLAGS:-$(cat app/node-flags)} --import tsx app/main.ts "$@"
