#!/usr/bin/env bash
# Builds FerretDB from the Go module cache (a plain `go install` yields a binary that panics:
# build/version/version.txt is missing from the module zip) and caches it outside the clone.
set -euo pipefail
version="${FERRETDB_VERSION:-v1.24.2}"
cache="${CSP_CACHE_DIR:-$HOME/.cache/csp-partner-bot}"
bin="$cache/ferretdb-$version/ferretdb"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "FerretDB needs Go >= 1.24 to build: install it (Debian: apt-get install golang-go, or https://go.dev/dl) or set MONGODB_URI." >&2
  exit 1
fi
src=$(go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] || { echo "go mod download did not return FerretDB's source folder" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
echo "$version" > "$work/build/version/version.txt"
mkdir -p "$(dirname "$bin")"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
echo "$bin"
