#!/usr/bin/env bash
# Builds FerretDB from the Go module cache (a plain `go install` yields a binary that panics:
# build/version/version.txt is missing from the module zip) and caches it outside the clone, with one patch.
#
# The patch (the "-idx" of the cache folder): v1.24's SQLite backend filters by `_id` with
# `_ferretdb_sjson->'$._id' = ?`, but creates the collection's unique index on `_ferretdb_sjson->"_id"`.
# SQLite uses an expression index only for the same expression, so every find, update and delete by `_id`
# read the whole table and parsed each row's JSON (67 % of FerretDB's CPU in a pprof profile of the crash
# scenario; EXPLAIN QUERY PLAN: SCAN). `->'_id'` is the same value and matches the index (SEARCH USING INDEX).
# Upstream's v1 line is closed (v2 dropped SQLite); issue #4646 reports the same mismatch on PostgreSQL.
set -euo pipefail
version="${FERRETDB_VERSION:-v1.24.2}"
cache="${CSP_CACHE_DIR:-$HOME/.cache/csp-partner-bot}"
bin="$cache/ferretdb-$version-idx/ferretdb"
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
metadata="$work/internal/backends/sqlite/metadata/metadata.go"
sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \"->'_id'\"|" "$metadata"
grep -q "IDColumn = DefaultColumn + \"->'_id'\"" "$metadata" || { echo "the _id index patch does not apply to FerretDB $version" >&2; exit 1; }
mkdir -p "$(dirname "$bin")"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
echo "$bin"
