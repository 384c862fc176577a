"""``make bench-pages`` runs from end to end with a tiny duration and leaves nothing running."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(
    r"event page: via front cache \d+\.\d\d× nginx static; "
    r"uncached \d+\.\d ms CPU/request = \d+× minimal Django view"
)


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.xdist_group("bench-pages")
def test_the_page_benchmark_runs_and_stops_everything_it_started(tmp_path):
    database = settings.DATABASES["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = (
        f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/andelis_bench_pages_smoke_{worker}"
    )
    output = tmp_path / "pages.json"

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.pages",
            "--seconds",
            "1",
            "--sizes",
            "2",
            "4",
            "--database-url",
            url,
            "--output",
            str(output),
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert LAST_LINE.fullmatch(lines[-1]), lines[-1]
    results = json.loads(output.read_text())
    served = {row["name"]: row for row in results["rows"]}
    for name in ("home", "event", "argument", "proceedings", "search"):
        assert served[name]["requests"] > 0
        assert served[name]["non_2xx"] == 0
        assert served[f"{name}-front"]["requests"] > 0
    assert served["nginx"]["req_per_s"] > 0
    assert served["minimal"]["cpu_ms_per_request"] > 0
    assert [size["size"] for size in results["sizes"]] == [2, 4]
    # gunicorn and its workers, nginx and its workers, varnishd and its child.
    assert len(results["processes"]) >= 7
    assert [pid for pid in results["processes"] if alive(pid)] == []
