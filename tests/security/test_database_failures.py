"""A database that is down, hung or too slow: a French 503 with Retry-After, quickly.

The faults are real and local: a port nobody listens on (refused), a socket that
accepts connections and never answers (hung), a statement longer than the timeout.
The site runs in gunicorn, as in production, started and stopped by the test.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.test_settings import ROOT

CONNECT_TIMEOUT = 2  # libpq's smallest


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def hung_database():
    """A port that accepts connections and then says nothing, like a frozen server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join()
        for client in accepted:
            client.close()
        listener.close()


def site_environment(database_port, **extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "ANDELIS_", "WAGTAILADMIN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="andelis.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{database_port}/andelis",
        DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        **extra,
    )
    return environment


@contextlib.contextmanager
def gunicorn(database_port):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "andelis.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=site_environment(database_port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Static files need no database: they tell when the worker is ready.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/static/css/site.css", timeout=30).close()
                break
            except OSError:  # refused while gunicorn binds, or a worker still booting
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def timed_get(url):
    started = time.monotonic()
    try:
        response = urllib.request.urlopen(url, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read().decode()
    return response.status, response.headers, body, time.monotonic() - started


def assert_french_503(status, headers, body):
    assert status == 503, body[:500]
    assert int(headers["Retry-After"]) > 0
    assert headers["Cache-Control"] == "no-store"
    assert "Site momentanément indisponible" in body
    assert "Réessayez dans quelques minutes" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "Content-Security-Policy" in headers


def test_a_refused_database_connection_gives_a_french_503_at_once():
    closed_port = free_port()  # bound, then released: nobody listens there

    with gunicorn(closed_port) as site:
        status, headers, body, elapsed = timed_get(site + "/")

    assert_french_503(status, headers, body)
    assert elapsed < CONNECT_TIMEOUT + 2


def test_a_database_that_never_answers_gives_a_french_503_within_the_connect_timeout():
    with hung_database() as (port, accepted), gunicorn(port) as site:
        status, headers, body, elapsed = timed_get(site + "/")
        assert accepted, "the site never tried the hung database"

    assert_french_503(status, headers, body)
    assert CONNECT_TIMEOUT - 0.5 < elapsed < CONNECT_TIMEOUT + 2


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls")
def test_a_statement_longer_than_the_timeout_is_cancelled_and_gives_a_503(client):
    client.raise_request_exception = False

    response = client.get("/_test/requete-lente/")

    assert response.status_code == 503
    assert "Site momentanément indisponible" in response.content.decode()
    # The connection is usable again after the cancelled statement.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def show_statement_timeout(*command, **extra):
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=site_environment(5432, DATABASE_STATEMENT_TIMEOUT="7", **extra)
        | {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


SHOW = (
    "from django.db import connection; cursor = connection.cursor(); "
    "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
)


def test_web_workers_get_the_statement_timeout():
    assert show_statement_timeout("-c", "import andelis.wsgi; " + SHOW) == "7s"


def test_management_commands_are_not_bound_by_the_web_statement_timeout():
    """migrate, update_index, backups and the task worker may run for long."""
    assert show_statement_timeout("manage.py", "shell", "-c", SHOW) == "0"
