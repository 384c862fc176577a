"""Real server processes for tests: the Procfile's lines, run as production runs them.

The tests start what docs/deployment.md describes (gunicorn with ``deploy/gunicorn.conf.py``,
the task worker) as subprocesses on 127.0.0.1, with the production settings and an
environment of their own, and stop them. Each process runs in its own session so that
stopping it stops its children (gunicorn's workers) too. Faults (a refused port, a server
that accepts and never answers) are made here too, always on the loopback interface.
"""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PROCFILE = ROOT / "Procfile"


def free_port():
    """A port nothing listens on now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Connecting to a port nobody listens on is refused at once.
closed_port = free_port


@contextmanager
def hung_server():
    """A port that accepts connections and never answers: a hung database or Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def procfile():
    """The Procfile's process types and their commands."""
    processes = {}
    for line in PROCFILE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _colon, command = line.partition(":")
            processes[name.strip()] = command.strip()
    return processes


def database_url(settings_dict):
    """The URL of a database Django is connected to (the test database, for servers)."""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def production_environment(**variables):
    """The production settings with the environment docs/deployment.md lists."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "ANDELIS_", "REDIS_URL", "AWS_", "GUNICORN_", "PYTEST_")
        )
        and key not in ("WEB_CONCURRENCY", "PORT", "WAGTAILADMIN_BASE_URL")
    }
    environment.update(
        {
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "VIRTUAL_ENV": str(ROOT / ".venv"),
            "DJANGO_SETTINGS_MODULE": "andelis.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-servers-of-the-tests",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            # The tests speak plain HTTP to the app servers, as Varnish does.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "WEB_CONCURRENCY": "2",
            "PYTHONUNBUFFERED": "1",
        }
    )
    environment.update({name: str(value) for name, value in variables.items()})
    return environment


class ServerProcess:
    """One Procfile process, started through the shell as a Procfile runner does."""

    def __init__(self, name, command, environment, log_path):
        self.name = name
        self.command = command
        self.log_path = Path(log_path)
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {command}"],
            cwd=ROOT,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self):
        return self.process.pid

    def log(self):
        return self.log_path.read_text(errors="replace")

    def running(self):
        return self.process.poll() is None

    def children(self):
        """The ids of this process's direct children (gunicorn's workers)."""
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        try:
            return {int(pid) for pid in path.read_text().split()}
        except FileNotFoundError:
            return set()

    def wait_for_log(self, text, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if not self.running():
                raise AssertionError(f"{self.name} stopped:\n{self.log()}")
            time.sleep(0.1)
        raise AssertionError(f"{self.name}: no {text!r} within {timeout} s:\n{self.log()}")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.running():
            os.killpg(self.pid, sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()
        return self.process.returncode


class Gunicorn(ServerProcess):
    """The Procfile's ``web`` line on a port of its own."""

    def __init__(self, environment, log_path, port=None, command=None):
        self.port = port or free_port()
        environment = {**environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        super().__init__("web", command or procfile()["web"], environment, log_path)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self, timeout=60):
        """Until a worker answers HTTP. robots.txt needs neither the database nor Redis
        nor the storage, which some tests have made fail on purpose."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise AssertionError(f"gunicorn stopped:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=30):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer within {timeout} s:\n{self.log()}")


def get(url, headers=None, timeout=30):
    """Status, headers and body of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
