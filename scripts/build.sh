#!/usr/bin/env bash
# `npm run build`: compiles src/, adapters/ and app/ to dist/ (run with plain node: dist/app/main.js) and
# copies the web pages' static assets beside the compiled code, where adapters/web/routes/assets.ts looks.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist/src dist/adapters dist/app
npx tsc -p tsconfig.build.json
cp -R adapters/web/public dist/adapters/web/
