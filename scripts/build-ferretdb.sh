#!/usr/bin/env bash
# Builds FerretDB from the Go module cache (a plain `go install` yields a binary that panics:
# build/version/version.txt is missing from the module zip) and caches it outside the clone, patched.
#
# The patch, scripts/ferretdb-id-index.patch (the "-idx2" of the cache folder: change it with the patch, so a
# build with another patch in a cache is not reused), makes `_id` look-ups use the `_id` index on both backends.
set -euo pipefail
version="${FERRETDB_VERSION:-v1.24.2}"
cache="${CSP_CACHE_DIR:-$HOME/.cache/csp-partner-bot}"
bin="$cache/ferretdb-$version-idx2/ferretdb"
patch_file="$(cd "$(dirname "$0")" && pwd)/ferretdb-id-index.patch"
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
(cd "$work" && git apply -p1 "$patch_file") || { echo "$patch_file does not apply to FerretDB $version" >&2; exit 1; }
mkdir -p "$(dirname "$bin")"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
echo "$bin"
