#!/usr/bin/env bash
# Starts Debian's PostgreSQL (installing it if needed) for FerretDB's PostgreSQL backend, used by the
# benchmarks and the reliability suite. Prints the PostgreSQL URL FerretDB should use.
set -euo pipefail
db="${1:-ferretdb}"
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
$sudo su postgres -c "psql -qtAc \"alter user postgres with password 'postgres'\"" >/dev/null
if ! $sudo su postgres -c "psql -qtAc \"select 1 from pg_database where datname='$db'\"" | grep -q 1; then
  $sudo su postgres -c "psql -qc \"create database $db encoding 'UTF8' template template0\"" >/dev/null
fi
echo "postgres://postgres:postgres@127.0.0.1:5432/$db"
