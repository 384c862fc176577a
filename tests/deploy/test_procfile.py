"""The Procfile's processes, started as a Procfile runner starts them, come up together.

docs/deployment.md gives these lines (and deploy/systemd/ runs the same commands): this
test starts each through the shell, with the production settings, against the test
database, and stops it as a supervisor does (SIGTERM).
"""

import json
import signal
import time

import pytest
from django.db import connection

from tests.servers import (
    ROOT,
    Gunicorn,
    ServerProcess,
    database_url,
    get,
    procfile,
    production_environment,
)

pytestmark = [pytest.mark.xdist_group("servers"), pytest.mark.django_db]


def test_the_procfile_runs_the_site_and_the_task_worker():
    assert procfile() == {
        "web": "gunicorn --config deploy/gunicorn.conf.py",
        "worker": "python manage.py db_worker",
    }


def test_the_web_and_worker_lines_come_up_and_stop_cleanly(tmp_path):
    media, static = tmp_path / "media", tmp_path / "static"
    media.mkdir()
    static.mkdir()
    environment = production_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        DJANGO_MEDIA_ROOT=media,
        DJANGO_STATIC_ROOT=static,
    )
    web = Gunicorn(environment, tmp_path / "web.log")
    worker = ServerProcess("worker", procfile()["worker"], environment, tmp_path / "worker.log")
    try:
        web.wait_until_up()
        worker.wait_for_log("Starting worker", timeout=60)

        status, _headers, body = get(f"{web.url}/sante/")
        assert status == 200, web.log()
        assert json.loads(body)["status"] == "ok"
        # The worker keeps polling the queue: still running a moment later.
        time.sleep(2)
        assert worker.running(), worker.log()
    finally:
        web_code = web.stop(signal.SIGTERM)
        worker_code = worker.stop(signal.SIGTERM)

    assert web_code == 0, web.log()
    assert worker_code == 0, worker.log()
    assert "Traceback" not in worker.log()


@pytest.mark.parametrize(
    ("unit", "process"), [("andelis-web", "web"), ("andelis-worker", "worker")]
)
def test_the_systemd_units_run_the_procfiles_commands(unit, process):
    """deploy/systemd/ and the Procfile are two ways to run the same, tested, commands."""
    text = (ROOT / "deploy" / "systemd" / f"{unit}.service").read_text()
    service = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    program, _space, arguments = service["ExecStart"].partition(" ")
    command = procfile()[process]

    assert service["WorkingDirectory"] == "/srv/andelis"
    assert program == f"/srv/andelis/.venv/bin/{command.split()[0]}"
    assert arguments == command.split(" ", 1)[1]
    assert service["EnvironmentFile"] == "/etc/andelis/andelis.env"
    assert service["Restart"] == "always"
