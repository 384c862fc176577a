"""The Procfile's ``web`` line: gunicorn with deploy/gunicorn.conf.py and the production settings.

Each test starts gunicorn as production does (through the shell, from the Procfile) on a
free local port, against the test database and the local Redis, and stops it.
"""

import json
import signal
import subprocess
import threading
import time

import pytest
from django.db import connection

from tests.servers import (
    ROOT,
    VENV_BIN,
    Gunicorn,
    closed_port,
    database_url,
    get,
    hung_server,
    production_environment,
)

pytestmark = pytest.mark.xdist_group("servers")


@pytest.fixture
def environment(db, tmp_path):
    # `db`: the test database exists (the servers only read it, outside this transaction).
    media, static = tmp_path / "media", tmp_path / "static"
    media.mkdir()
    static.mkdir()
    return production_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        DJANGO_MEDIA_ROOT=media,
        DJANGO_STATIC_ROOT=static,
    )


@pytest.fixture
def start(tmp_path):
    started = []

    def start(environment, **variables):
        server = Gunicorn(
            {**environment, **{name: str(value) for name, value in variables.items()}},
            tmp_path / f"gunicorn-{len(started)}.log",
        )
        started.append(server)
        server.wait_until_up()
        return server

    yield start
    for server in started:
        server.stop()


def print_config(**variables):
    """What gunicorn resolves from the configuration file in this environment (it loads
    the application too: no connection is made, but the settings need their variables)."""
    variables.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/andelis")
    result = subprocess.run(
        [
            str(VENV_BIN / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--print-config",
        ],
        cwd="/",
        env=production_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = {}
    for line in result.stdout.splitlines():
        name, _equals, value = line.partition("=")
        values[name.strip()] = value.strip()
    return values


def test_the_configuration_reads_its_values_from_the_environment():
    defaults = print_config()
    assert defaults["bind"] == "['127.0.0.1:8000']"
    assert defaults["wsgi_app"] == "andelis.wsgi:application"
    # From any current directory: the configuration moves gunicorn into the project.
    assert defaults["chdir"] == str(ROOT)
    assert defaults["worker_class"] == "sync"
    assert defaults["timeout"] == "30"
    assert defaults["graceful_timeout"] == "30"
    assert defaults["max_requests"] == "1000"
    assert defaults["max_requests_jitter"] == "100"
    # Django writes the request log; gunicorn's own would be a second line per request.
    assert defaults["accesslog"] == "None"
    assert defaults["errorlog"] == "-"
    assert defaults["preload_app"] == "False"
    # Two app servers on one machine must not share gunicorn's control socket.
    assert defaults["control_socket_disable"] == "True"

    changed = print_config(
        GUNICORN_BIND="10.0.0.5:8001",
        WEB_CONCURRENCY=7,
        GUNICORN_TIMEOUT=45,
        GUNICORN_GRACEFUL_TIMEOUT=20,
        GUNICORN_MAX_REQUESTS=500,
        GUNICORN_MAX_REQUESTS_JITTER=50,
        GUNICORN_CONTROL_SOCKET="/run/andelis/gunicorn.ctl",
    )
    assert changed["bind"] == "['10.0.0.5:8001']"
    assert changed["workers"] == "7"
    assert changed["timeout"] == "45"
    assert changed["graceful_timeout"] == "20"
    assert changed["max_requests"] == "500"
    assert changed["max_requests_jitter"] == "50"
    assert changed["control_socket"] == "/run/andelis/gunicorn.ctl"
    assert changed["control_socket_disable"] == "False"

    # A Procfile runner (honcho, foreman) gives each process a PORT.
    assert print_config(PORT=5100)["bind"] == "['127.0.0.1:5100']"


def test_gunicorn_serves_the_site_with_its_workers_and_one_log_line_per_request(environment, start):
    server = start(environment, WEB_CONCURRENCY=3)

    status, headers, body = get(f"{server.url}/sante/", headers={"X-Request-ID": "lb-probe-1"})

    assert status == 200, server.log()
    assert json.loads(body)["status"] == "ok"
    assert headers["X-Request-ID"] == "lb-probe-1"
    assert len(server.children()) == 3
    log = server.log()
    request_lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert {
        "method": "GET",
        "path": "/sante/",
        "status": 200,
        "request_id": "lb-probe-1",
    }.items() <= next(line for line in request_lines if line["request_id"] == "lb-probe-1").items()
    # No access log line from gunicorn ("GET /sante/ HTTP/1.1" 200 ...).
    assert "HTTP/1.1" not in log


def test_a_worker_is_replaced_after_its_maximum_number_of_requests(environment, start):
    server = start(
        environment,
        WEB_CONCURRENCY=1,
        GUNICORN_MAX_REQUESTS=5,
        GUNICORN_MAX_REQUESTS_JITTER=0,
    )
    [first_worker] = server.children()

    # wait_until_up has made one request already.
    answers = [get(f"{server.url}/sante/")[0] for _ in range(6)]

    assert answers == [200] * 6
    server.wait_for_log("Autorestarting worker after current request")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.children() in (set(), {first_worker}):
        time.sleep(0.1)
    [second_worker] = server.children()
    assert second_worker != first_worker
    assert server.running()


def test_sigterm_lets_the_request_in_progress_finish_then_stops(environment, start):
    # A health probe that waits for a hung Redis takes ANDELIS_HEALTH_TIMEOUT seconds.
    with hung_server() as port:
        server = start(
            environment,
            WEB_CONCURRENCY=1,
            REDIS_URL=f"redis://127.0.0.1:{port}/0",
            ANDELIS_HEALTH_TIMEOUT=3,
        )
        answers = []
        slow = threading.Thread(target=lambda: answers.append(get(f"{server.url}/sante/")))
        slow.start()
        time.sleep(1)

        server.process.send_signal(signal.SIGTERM)
        slow.join(timeout=30)
        returncode = server.process.wait(timeout=30)

    # The request in progress got its whole answer (here: the 503 of a hung Redis, which
    # holds both the page fragments and the rate limits).
    [(status, _headers, body)] = answers
    assert status == 503
    assert json.loads(body)["failed"] == ["cache.default", "cache.ratelimit"]
    assert returncode == 0, server.log()
    assert "Shutting down: Master" in server.log()


def test_a_request_over_the_timeout_is_cut_and_its_worker_replaced(environment, start):
    # The health URL's database check waits for a database that never answers as long as
    # its connect timeout lets it (Redis is bounded by its own socket timeouts).
    with hung_server() as port:
        server = start(
            environment,
            WEB_CONCURRENCY=1,
            GUNICORN_TIMEOUT=2,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/andelis",
            DATABASE_CONNECT_TIMEOUT=20,
        )
        [worker] = server.children()
        started = time.monotonic()
        status, _headers, _body = get(f"{server.url}/sante/", timeout=30)
        elapsed = time.monotonic() - started

    # Cut by the master well before the connect timeout's 20 s (gunicorn checks every second).
    assert elapsed < 10
    assert status in (500, 502) or status is None
    server.wait_for_log("WORKER TIMEOUT")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.children() in (set(), {worker}):
        time.sleep(0.1)
    assert server.children() and worker not in server.children()


# --- The health URL when the database fails (a server with another database address) -----


def test_database_refused_answers_503_naming_the_database(environment, start):
    server = start(
        environment, DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/andelis"
    )

    status, headers, body = get(f"{server.url}/sante/")

    assert status == 503
    assert json.loads(body) == {
        "status": "failed",
        "failed": ["database"],
        "checks": {
            "database": "failed",
            "cache.default": "ok",
            "cache.ratelimit": "ok",
            "storage": "ok",
        },
    }
    assert "no-store" in headers["Cache-Control"]
    # The reason is in the server's log, with the probe's request id; not in the answer.
    assert b"127.0.0.1" not in body
    assert "Health check: database 'default' does not answer" in server.log()


def test_database_hung_answers_503_within_its_connect_timeout(environment, start):
    with hung_server() as port:
        server = start(
            environment,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/andelis?connect_timeout=2",
        )
        started = time.monotonic()
        status, _headers, body = get(f"{server.url}/sante/")
        elapsed = time.monotonic() - started

    assert status == 503
    assert json.loads(body)["failed"] == ["database"]
    assert elapsed < 2 + 3
