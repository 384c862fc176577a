"""The admin login, dashboard and editors' guide as an editor sees them in Chromium.

Screenshots go to test-artifacts/admin-french/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import EventPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_logs_in_and_opens_the_guide_from_the_help_menu(
    live_server, page, editor, artifacts
):
    EventPageFactory(title="Colloque national 2027")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("label[for=id_password]")).to_contain_text("Mot de passe")
    page.screenshot(path=artifacts("admin-french", "01-connexion.png"))

    page.fill("input[name=username]", "edith")
    page.fill("input[name=password]", "mot-de-passe-de-test")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("#andelis-colloques-section")).to_contain_text("Prochains colloques")
    page.screenshot(path=artifacts("admin-french", "02-tableau-de-bord.png"), full_page=True)
    body = page.inner_text("body")
    assert "Password" not in body and "0 minute" not in body

    page.get_by_role("button", name="Aide").click()
    page.get_by_role("link", name="Guide des éditeurs").click()
    page.wait_for_url(re.compile(r"/admin/guide/$"))
    expect(page.locator("h1")).to_contain_text("Guide des éditeurs")
    page.screenshot(path=artifacts("admin-french", "03-guide.png"))
    page.get_by_role("link", name="Préparer le colloque suivant").first.click()
    expect(page.locator("main")).to_contain_text("Préparer l'édition suivante")
    page.screenshot(path=artifacts("admin-french", "04-guide-edition-suivante.png"))
