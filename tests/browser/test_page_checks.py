"""Every page type is valid HTML (Nu HTML Checker) and has no axe-core violation."""

import json
import shutil
import subprocess

import pytest

from .conftest import NODE_MODULES
from .pages import demo_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"


def test_every_page_type_is_valid_html(demo_content, client, artifacts):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: `make browser-deps`.")
    files = []
    for name, path in demo_pages():
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        target = artifacts("html", f"{name}.html")
        target.write_bytes(response.content)
        files.append(str(target))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    assert errors == []


def test_every_page_type_has_no_axe_violation(demo_content, live_server, page, artifacts):
    axe_source = AXE.read_text()
    failures = {}
    for name, path in demo_pages():
        for width, label in ((1280, "desktop"), (390, "mobile")):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            page.screenshot(path=artifacts("screens", f"{name}-{label}.png"), full_page=True)
            if label == "desktop":
                page.add_script_tag(content=axe_source)
                results = page.evaluate("async () => await axe.run(document)")
                violations = [
                    f"{v['id']}: {v['help']} ({len(v['nodes'])} x, e.g. {v['nodes'][0]['html']})"
                    for v in results["violations"]
                ]
                if violations:
                    failures[name] = violations
    assert failures == {}


def test_search_page_finds_words_inside_the_demo_documents(demo_content, client):
    """The demo PDFs are read when the demo content is loaded: search works in `make run`."""
    html = client.get("/recherche/", {"q": "ingenierie"}).content.decode()

    assert '<nav class="search-layout__facets search-facets"' in html
    assert "Intervention (" in html
    assert "2017 (" in html
    assert "Ouvrir le document à la page" in html
    assert "<mark>" in html
