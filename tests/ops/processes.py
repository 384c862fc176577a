"""Real processes (``manage.py db_worker``) on the test's own database and media."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def database_url():
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def environment(**extra):
    """What a process needs to work on this test's database and media, with the queue."""
    env = dict(os.environ)
    env.pop("ANDELIS_TEST_TEMPLATE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="andelis.settings.test",
        DATABASE_URL=database_url(),
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        DJANGO_TASKS_BACKEND=DATABASE_BACKEND,
        ANDELIS_WORKER_RECOVERY_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class Worker:
    """``manage.py db_worker`` in a process of its own, as production runs it."""

    def __init__(self, log_path, **extra_env):
        self.log_path = log_path
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=environment(**extra_env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self):
        return Path(self.log_path).read_text(errors="replace")


def wait_for(condition, timeout, what, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if worker is not None and worker.process.poll() is not None:
            raise AssertionError(f"the worker stopped: {worker.output()}")
        time.sleep(0.2)
    log = worker.output() if worker is not None else ""
    raise AssertionError(f"{what}: not after {timeout} s\n{log}")
