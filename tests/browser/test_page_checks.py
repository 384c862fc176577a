"""Every page type is valid HTML (Nu HTML Checker), has no axe-core violation, and is
saved as a full-page screenshot at 1366 and 390 px (test-artifacts/screenshots/)."""

import re

import pytest

from .checkers import axe_violations, vnu_errors
from .pages import demo_pages

SCREENSHOT_WIDTHS = (1366, 390)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_every_page_type_is_valid_html(demo_content, client, artifacts):
    named_html = []
    for name, path in demo_pages():
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        named_html.append((name, response.content))
    assert vnu_errors(named_html, artifacts) == []


def test_every_page_type_has_no_axe_violation_and_no_security_policy_violation(
    demo_content, live_server, page, artifacts, security_policy_violations
):
    failures = {}
    for name, path in demo_pages():
        # A desktop and a phone: the suite keeps both screenshots of every page type.
        for width in SCREENSHOT_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            page.screenshot(path=artifacts("screenshots", f"{name}-{width}.png"), full_page=True)
            if width == SCREENSHOT_WIDTHS[0]:
                violations = axe_violations(page)
                if violations:
                    failures[name] = violations
    assert failures == {}
    # The pages really ran under the strict public policy, and nothing broke it.
    assert (
        "script-src 'self';"
        in page.goto(live_server.url + "/").headers["content-security-policy"] + ";"
    )
    assert security_policy_violations == []


def test_search_page_finds_words_inside_the_demo_documents(demo_content, client):
    """The demo PDFs are read when the demo content is loaded: search works in `make run`."""
    html = client.get("/recherche/", {"q": "ingenierie"}).content.decode()

    assert '<nav class="search-layout__facets search-facets"' in html
    assert "Intervention (" in html
    assert "2017 (" in html
    assert "Ouvrir le document à la page" in html
    assert "<mark>" in html


def test_every_page_type_has_a_description_and_a_title_naming_the_site_once(demo_content, client):
    for name, path in demo_pages():
        html = client.get(path).content.decode()
        (title,) = re.findall(r"<title>(.*?)</title>", html, re.S)
        descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert title.count("ANDELIS") == 1, (name, title)
        assert len(descriptions) == 1 and descriptions[0].strip(), (name, descriptions)
