"""The demo's 2017 colloquium, copied and unzipped, opened by Chromium from file:// with no
server: valid HTML (Nu), no axe violation, no console error, and a reader finds the talks.
Screenshots of the copy's index and of a talk page at 1366 and 390 px go to
test-artifacts/export/."""

import re

import pytest
from django.core.management import call_command

from tests.browser.checkers import axe_violations, vnu_errors
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

from .copies import export

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]

WIDTHS = (1366, 390)
FONT_LOADED = """async () => {
    await document.fonts.ready;
    return Array.from(document.fonts).some(
        (font) => font.family.replaceAll('"', "") === "Source Sans 3" && font.status === "loaded"
    );
}"""


@pytest.fixture
def demo_copy(db, tmp_path):
    call_command("load_demo_content", verbosity=0)
    folder, manifest, _ = export("colloque-2017-marseille", tmp_path)
    return folder, manifest


@pytest.fixture
def artifacts():
    def path(*parts):
        target = ARTIFACTS.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    return path


@pytest.fixture
def tab():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = chromium.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        page = context.new_page()
        page.problems = []
        page.on(
            "console",
            lambda message: (
                message.type in ("error", "warning") and page.problems.append(message.text)
            ),
        )
        page.on("requestfailed", lambda request: page.problems.append(request.url))
        yield page
        chromium.close()


def test_every_page_of_the_copy_is_valid_html(demo_copy, artifacts):
    folder, manifest = demo_copy
    named = [
        (f"export-{page['path'].replace('/', '-')}", (folder / page["path"]).read_bytes())
        for page in manifest["pages"]
    ]
    assert len(named) == 9
    assert vnu_errors(named, artifacts) == []


def test_every_page_of_the_copy_opens_from_file_with_no_axe_violation(demo_copy, tab):
    folder, manifest = demo_copy
    problems = {}
    for page in manifest["pages"]:
        tab.goto((folder / page["path"]).as_uri())
        tab.wait_for_load_state("load")
        # The styles and fonts came from the folder, with no error on the way.
        assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith(
            '"Source Sans 3"'
        )
        assert tab.evaluate(FONT_LOADED)
        if tab.problems:
            problems[page["path"]] = list(tab.problems)
            tab.problems.clear()
    assert problems == {}

    # Then axe, which reads the stylesheets again with requests that file:// refuses
    # (its own console messages, not the page's).
    failures = {}
    for page in manifest["pages"]:
        tab.goto((folder / page["path"]).as_uri())
        violations = axe_violations(tab)
        if violations:
            failures[page["path"]] = violations
    assert failures == {}


def test_a_reader_goes_from_the_index_to_the_proceedings_and_a_talk(demo_copy, tab, artifacts):
    folder, _ = demo_copy
    index = (folder / "index.html").as_uri()

    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(index)
        tab.screenshot(path=artifacts("export", f"index-{width}.png"), full_page=True)
    assert tab.locator("h1").inner_text() == "Colloque national sur l’ingénierie sociale"
    # The poster is shown from the folder.
    assert tab.evaluate(
        "Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"
    )

    tab.get_by_role("link", name="Traces du colloque", exact=True).click()
    assert tab.url.endswith("/traces-du-colloque/index.html")
    talks = tab.locator(".contribution__title a")
    assert talks.count() == 6
    assert "Le mot du président" in talks.all_inner_texts()

    tab.get_by_role("link", name="Le mot du président", exact=True).click()
    assert tab.url.endswith("/traces-du-colloque/le-mot-du-president/index.html")
    assert tab.locator("h1").inner_text() == "Le mot du président"
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=artifacts("export", f"talk-{width}.png"), full_page=True)

    # The document opens from the folder: the stored PDF, not a page of the site.
    download = tab.locator("a.download").first.get_attribute("href")
    assert re.fullmatch(r"\.\./\.\./documents/\d+/mot-du-president[\w-]*\.pdf", download)
    pdf = folder / "traces-du-colloque" / "le-mot-du-president" / download
    assert pdf.resolve().read_bytes()[:5] == b"%PDF-"
    assert tab.problems == []
