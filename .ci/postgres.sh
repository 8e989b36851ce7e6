#!/usr/bin/env bash
# Installs Debian's PostgreSQL, starts its cluster, creates a test role and database, and prints the exports that
# make the service tests also run against PostgreSQL. Run as root:  eval "$(bash .ci/postgres.sh)"
# Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail
user=${PG_TEST_USER:-verilock}
pass=${PG_TEST_PASSWORD:-verilock}
db=${PG_TEST_DB:-verilock_test}

if [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y -q postgresql >&2
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$ver main" || pg_createcluster "$ver" main >&2
# Starting a running cluster fails; that is fine.
pg_ctlcluster "$ver" main start >&2 || true
port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 30); do pg_isready -q -p "$port" && break; sleep 1; done
pg_isready -p "$port" >&2

psql_su() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtA $*"; }
psql_su "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$user'\"" | grep -q 1 \
  || psql_su "-c \"CREATE ROLE $user LOGIN PASSWORD '$pass'\"" >&2
psql_su "-c \"SELECT 1 FROM pg_database WHERE datname = '$db'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O $user $db" >&2

echo "export VERILOCK_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/$db"
echo "export VERILOCK_TEST_PG_USER=$user"
echo "export VERILOCK_TEST_PG_PASSWORD=$pass"
