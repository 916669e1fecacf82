#!/usr/bin/env bash
# The README's start command: set up, then run the bot (embedded FerretDB unless MONGODB_URI is set).
# With NODE_ENV=production it runs the compiled build (dist/) with plain node, building it first when it is
# missing or older than the sources; otherwise it runs the TypeScript sources through tsx.
# app/node-flags caps the heap (see docs/benchmarks.md: without it V8 lets the heap of a busy bot grow
# far beyond what it uses); NODE_FLAGS replaces them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
flags=${NODE_FLAGS:-$(cat app/node-flags)}
if [ "${NODE_ENV:-}" = production ]; then
  if [ ! -f dist/app/main.js ] ||
    [ -n "$(find src adapters app package-lock.json tsconfig.json tsconfig.build.json -newer dist/app/main.js -print -quit)" ]; then
    npm run build
  fi
  # shellcheck disable=SC2086 # the flags are words
  exec node $flags dist/app/main.js "$@"
fi
# shellcheck disable=SC2086 # the flags are words
exec node $flags --import tsx app/main.ts "$@"
