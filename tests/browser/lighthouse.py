"""Lighthouse (npm ``lighthouse``) on Debian's Chromium, offline, mobile profile."""

import json
import os
import subprocess

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES

LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
MINIMUM_SCORE = 95
# On a loaded machine a page may take longer than Lighthouse's default 45 s to settle.
MAX_WAIT_FOR_LOAD_MS = 90_000
# Lighthouse's mobile profile slows the host's CPU down 4 times, which makes a fast
# desktop behave like a low-end phone (a Moto G Power, benchmark index about 264, the
# figure Chrome DevTools' CPU calibration uses). A busy test machine is already that slow:
# slowed 4 times more it stands for a phone that does not exist. The factor is then the
# host's benchmark index over the phone's (at most 4; below 1 when other processes leave
# the browser less CPU than the phone has), as PageSpeed Insights does on its slow hosts.
DEFAULT_CPU_SLOWDOWN = 4
LOW_END_PHONE_BENCHMARK_INDEX = 264
MINIMUM_CPU_SLOWDOWN = 0.25
RUNS_ON_RUNTIME_ERROR = 3


def calibrated_cpu_slowdown(report):
    """The CPU slow-down that emulates Lighthouse's phone on the host of ``report``."""
    host = report["environment"]["benchmarkIndex"] / LOW_END_PHONE_BENCHMARK_INDEX
    return round(min(DEFAULT_CPU_SLOWDOWN, max(MINIMUM_CPU_SLOWDOWN, host)), 2)


def run_lighthouse(url, report_path, categories, cpu_slowdown=DEFAULT_CPU_SLOWDOWN):
    """Lighthouse's JSON report of ``url`` (mobile profile, simulated throttling), also
    written to ``report_path``."""
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: `make browser-deps` (npm install).")
    # Lighthouse sometimes loses the page's trace (NO_NAVSTART, NO_FCP) and says to run it
    # again: a run it reports as its own runtime error is tried up to three times.
    for _attempt in range(RUNS_ON_RUNTIME_ERROR):
        result = _lighthouse(url, report_path, categories, cpu_slowdown)
        if result.returncode == 0 and report_path.exists():
            break
        if "Runtime error encountered" not in result.stdout + result.stderr:
            break
    if result.returncode != 0 or not report_path.exists():
        pytest.fail(f"Lighthouse failed on {url}:\n{result.stdout}\n{result.stderr}")
    return json.loads(report_path.read_text())


def _lighthouse(url, report_path, categories, cpu_slowdown):
    report_path.unlink(missing_ok=True)
    return subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report_path}",
            f"--only-categories={','.join(categories)}",
            "--form-factor=mobile",
            "--throttling-method=simulate",
            f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}",
            f"--max-wait-for-load={MAX_WAIT_FOR_LOAD_MS}",
            "--locale=fr",
            "--quiet",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def scores(report):
    """{category: score out of 100}."""
    return {
        name: round((category["score"] or 0) * 100)
        for name, category in report["categories"].items()
    }


def failing_audits(report, category):
    """The audits that cost the category points: "id (title)", worst first."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            failing.append(
                (audit["score"], f"{ref['id']} ({audit['score']:.2f}: {audit['title']})")
            )
    if report.get("runtimeError"):
        failing.append((0, f"runtime error: {report['runtimeError']}"))
    return [text for _score, text in sorted(failing)]
