#!/usr/bin/env bash
# The README's test command: set up (including the browser), type-check, run every jest test (among them
# test/e2e/compiled-build, which runs `npm run build` and the compiled bot), then the reliability suite at its
# CI size (issue 9; RELIABILITY_SCALE=full for the issue's sizes). Arguments go to jest and skip the
# reliability suite: `npm test -- test/int/engine`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
npx tsc --noEmit
NODE_OPTIONS=--experimental-vm-modules npx jest "$@"
if [ $# -eq 0 ]; then
  npm run test:reliability
fi
