#!/usr/bin/env bash
# The README's test command: set up (including the browser), type-check, run every jest test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
npx tsc --noEmit
NODE_OPTIONS=--experimental-vm-modules npx jest "$@"
