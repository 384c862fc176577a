"""Varnish for tests and benchmarks: the project's VCL, started on a free local port.

    from tests.varnish import running_varnish

    with running_varnish(["127.0.0.1:8001", "127.0.0.1:8002"]) as varnish:
        response = varnish.get("/")            # response.status, .headers, .text
        assert response.headers["X-Cache"] == "MISS"

or, in a test (transactional: the live server answers from its own thread)::

    from tests.varnish import varnish  # noqa: F401  (the fixture)

    @pytest.mark.django_db(transaction=True)
    def test_something(varnish): ...

The ``varnish`` fixture puts Varnish in front of pytest-django's live server and points
Wagtail's frontend-cache purges at it (``WAGTAILFRONTENDCACHE``) for the test.
"""

import contextlib
import http.client
import runpy
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
render_vcl = runpy.run_path(str(ROOT / "deploy" / "varnish" / "render.py"))["render_vcl"]


# varnishd's parameters: the one place the tests and the benchmark take them from
# (docs/front-cache.md). The shared-memory log keeps no per-request records (the
# request and response lines, headers, timestamps, VCL calls): nothing reads it here,
# and writing some forty records per request is a measurable part of a cache hit's cost
# (nginx, the benchmark's reference, runs with access_log off).
QUIET_LOG = "vsl_mask=" + ",".join(
    "-" + tag
    for tag in (
        "Begin", "End", "Link", "ReqStart", "ReqMethod", "ReqURL", "ReqProtocol",
        "ReqHeader", "ReqUnset", "RespProtocol", "RespStatus", "RespReason",
        "RespHeader", "RespUnset", "Timestamp", "ReqAcct", "VCL_call", "VCL_return",
        "VCL_acl", "Hit", "Storage",
    )
)  # fmt: skip
# Frugal for a test: one pool, few threads.
TEST_PARAMS = ("thread_pools=1", "thread_pool_min=10", QUIET_LOG)
# For load (bench/pages.py): Varnish's default two pools, threads started in advance.
BENCH_PARAMS = ("thread_pools=2", "thread_pool_min=50", QUIET_LOG)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def cache(self):
        """``"HIT"`` or ``"MISS"`` (Varnish's X-Cache header)."""
        return self.headers.get("X-Cache")


class Varnish:
    """A running varnishd; ``url`` is its address (``http://127.0.0.1:PORT``)."""

    def __init__(self, process, port, workdir, vcl):
        self.process = process
        self.port = port
        self.workdir = workdir
        self.vcl = vcl
        self.url = f"http://127.0.0.1:{port}"

    def request(self, method, path, headers=None, body=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def purge(self, path):
        return self.request("PURGE", path)

    def adm(self, *command):
        """Run a ``varnishadm`` command (``"ban.list"``, ``"param.show", "default_ttl"``)."""
        return subprocess.run(
            [VARNISHADM, "-n", str(self.workdir), *command],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout


def _wait_until_running(process, workdir, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        status = subprocess.run(
            [VARNISHADM, "-n", str(workdir), "status"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if "running" in status.stdout:
            return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def running_varnish(backends, purgers=(), *, params=TEST_PARAMS, storage="malloc,64m", timeout=30):
    """Start ``varnishd -F`` with the project's VCL for ``backends`` ("host:port" strings),
    wait until its child answers, yield a :class:`Varnish`, then stop it.

    ``params``: the ``-p name=value`` strings (:data:`TEST_PARAMS`, or :data:`BENCH_PARAMS`).
    """
    if not Path(VARNISHD).exists():
        pytest.fail(f"{VARNISHD} is missing: run `make browser-deps` (apt-get install varnish).")
    workdir = Path(tempfile.mkdtemp(prefix="andelis-varnish-"))
    # Started as root, varnishd drops to its own user, which must read the VCL.
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(render_vcl(backends, purgers))
    log = workdir / "varnishd.log"
    # A port probed free may be taken before varnishd binds it: try another.
    for _attempt in range(5):
        port = free_port()
        command = [
            VARNISHD,
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(workdir / "n"),
            "-s",
            storage,
            *[arg for param in params for arg in ("-p", param)],
        ]
        with open(log, "ab") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        if _wait_until_running(process, workdir / "n", time.monotonic() + timeout):
            break
        _stop(process)
    else:
        message = log.read_text(errors="replace")[-3000:]
        shutil.rmtree(workdir, ignore_errors=True)
        raise RuntimeError(f"varnishd did not start:\n{message}")
    try:
        yield Varnish(process, port, workdir / "n", vcl)
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def varnish(live_server, settings):
    """Varnish in front of the live server; Wagtail purges it while the test runs."""
    address = urlsplit(live_server.url).netloc
    with running_varnish([address]) as cache:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": cache.url,
            }
        }
        yield cache
