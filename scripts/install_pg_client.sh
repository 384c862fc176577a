#!/usr/bin/env bash
# Backups (manage.py backup / restore, tests/ops/test_backup.py) run pg_dump and
# pg_restore of the PostgreSQL server's own major version: install Debian's
# postgresql-client-<major> when it is missing. DATABASE_URL names the server.
set -euo pipefail
cd "$(dirname "$0")/.."

major=$(.venv/bin/python -c '
import os, psycopg
from psycopg.conninfo import conninfo_to_dict
# The maintenance database: the one named may not exist yet.
params = {**conninfo_to_dict(os.environ["DATABASE_URL"]), "dbname": "postgres"}
with psycopg.connect(**params, connect_timeout=5) as connection:
    print(connection.info.server_version // 10000)
')
[ -x "/usr/lib/postgresql/$major/bin/pg_dump" ] && [ -x "/usr/lib/postgresql/$major/bin/pg_restore" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing pg_dump for PostgreSQL $major: sudo apt-get install -y postgresql-client-$major" >&2
    exit 1
fi
echo "Installing postgresql-client-$major for the backups..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-client-$major" >/dev/null
