"""Fail early, and say why, when the PostgreSQL the tests need is not there."""

import os
import sys

import environ
import psycopg

url = os.environ["DATABASE_URL"]
config = environ.Env.db_url_config(url)
try:
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ) as connection:
        version = connection.execute("show server_version").fetchone()[0]
except psycopg.OperationalError as error:
    sys.exit(
        f"PostgreSQL is needed for the tests and could not be reached at "
        f"{config['HOST']}:{config['PORT']} as {config['USER']!r}.\n"
        f"Start it, or point TEST_DATABASE_URL at one (see README.md).\n{error}"
    )
print(f"PostgreSQL {version} at {config['HOST']}:{config['PORT']}")
