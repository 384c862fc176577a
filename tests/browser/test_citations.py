"""A visitor cites a talk: copies its reference with the "Citer" box's button, or
downloads its file; without JavaScript the reference is still there to select."""

import re

import pytest
from playwright.sync_api import expect

from publications.models import Contribution

from .conftest import watch_security_policies

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def lafore_talk_url(live_server):
    return live_server.url + Contribution.objects.get(speakers__name="Robert Lafore").get_url()


def test_a_visitor_copies_the_reference_and_downloads_its_file(
    demo_content, live_server, browser, artifacts, security_policy_violations
):
    context = browser.new_context(locale="fr-FR", permissions=["clipboard-read", "clipboard-write"])
    watch_security_policies(context, security_policy_violations)
    tab = context.new_page()
    tab.goto(lafore_talk_url(live_server))
    box = tab.get_by_role("region", name="Citer cette intervention")
    reference = box.locator(".cite__text").inner_text()
    assert reference.startswith("LAFORE, Robert, 2017. Évolution des politiques publiques")

    box.get_by_role("button", name="Copier la référence").click()

    expect(box.get_by_role("status")).to_have_text("Référence copiée.")
    assert tab.evaluate("navigator.clipboard.readText()") == reference
    box.screenshot(path=artifacts("screenshots", "intervention-citer-copie.png"))

    with tab.expect_download() as download:
        box.get_by_role("link", name=re.compile(r"^BibTeX")).click()
    assert download.value.suggested_filename == (
        "evolution-des-politiques-publiques-et-ingenierie-sociale.bib"
    )
    assert "@inproceedings{andelis-" in download.value.path().read_text(encoding="utf-8")
    assert security_policy_violations == []
    context.close()


def test_without_javascript_the_reference_is_shown_and_no_button(
    demo_content, live_server, browser
):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(lafore_talk_url(live_server))

    box = tab.get_by_role("region", name="Citer cette intervention")
    expect(box.locator(".cite__text")).to_contain_text("Disponible à l’adresse")
    expect(box.get_by_role("button")).to_have_count(0)
    expect(box.get_by_role("link", name=re.compile(r"^RIS"))).to_be_visible()
    context.close()
