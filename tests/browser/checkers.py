"""The two page checkers every browser test uses: the Nu HTML Checker and axe-core."""

import json
import shutil
import subprocess

import pytest

from .conftest import NODE_MODULES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"


def vnu_errors(named_html, artifacts):
    """Nu HTML Checker errors of each (name, html bytes), saved under test-artifacts/html/."""
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: `make browser-deps`.")
    files = []
    for name, content in named_html:
        target = artifacts("html", f"{name}.html")
        target.write_bytes(content)
        files.append(str(target))
    # One call for every file: the checker's JVM start is the slow part.
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]


def axe_violations(page):
    """axe-core's violations on the page as loaded in Chromium, one line each."""
    # Evaluated through the DevTools protocol: an injected inline <script> would be
    # refused by the site's Content-Security-Policy.
    page.evaluate(AXE.read_text() + "\n;undefined")
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} x, e.g. {v['nodes'][0]['html']})"
        for v in results["violations"]
    ]
