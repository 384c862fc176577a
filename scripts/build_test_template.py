"""Build the test database once; pytest workers then clone it.

Every xdist worker creates its own test database. Cloning a migrated
template (PostgreSQL's CREATE DATABASE ... TEMPLATE) instead of migrating
each one keeps the suite to a single database build.
"""

import os
import subprocess
import sys
from pathlib import Path

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from andelis.settings.test_template import template_name  # noqa: E402

url = os.environ["DATABASE_URL"]
config = environ.Env.db_url_config(url)
name = template_name(config["NAME"])
connect = {
    "host": config["HOST"] or None,
    "port": config["PORT"] or None,
    "user": config["USER"] or None,
    "password": config["PASSWORD"] or None,
    "dbname": "postgres",
    "autocommit": True,
}
with psycopg.connect(**connect) as connection:
    connection.execute(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

environment = dict(os.environ, DJANGO_SETTINGS_MODULE="andelis.settings.test")
environment["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
environment.pop("ANDELIS_TEST_TEMPLATE", None)
subprocess.run(
    [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"],
    check=True,
    env=environment,
)
print(f"Test template database {name} migrated")
