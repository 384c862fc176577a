"""Login pages a visitor or an editor meets, locked out included, seen in Chromium.

The private pages' login and the password form are valid HTML with no axe
violation; an editor locked out of the admin reads why on the login page, an
administrator unlocks her with the mouse, and she logs in.
"""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

from .checkers import axe_violations, vnu_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-de-test"
LOCKED = "Trop de tentatives ont échoué"


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "KEY_PREFIX": uuid.uuid4().hex},
    }


@pytest.fixture
def protected(home_page):
    page = StandardPageFactory(parent=home_page, title="Compte rendu du bureau", slug="bureau")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return page, f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def test_visitors_login_and_password_pages_are_valid_html_locked_out_too(
    client, editor, protected, settings, artifacts
):
    page, password_url = protected
    wrong_login = {"username": "edith", "password": "pas-le-bon"}
    wrong_password = {"password": "pas-le-bon", "return_url": page.url}
    responses = {"connexion": client.get("/_util/login/?next=/bureau/")}
    responses["connexion-erreur"] = client.post("/_util/login/", wrong_login)
    responses["mot-de-passe"] = client.get(page.url)
    responses["mot-de-passe-erreur"] = client.post(password_url, wrong_password)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        responses["connexion-bloquee"] = client.post("/_util/login/", wrong_login)
        responses["mot-de-passe-bloque"] = client.post(password_url, wrong_password)

    assert [r.status_code for r in responses.values()] == [200, 200, 200, 200, 429, 429]
    assert LOCKED in responses["connexion-bloquee"].content.decode()
    assert LOCKED in responses["mot-de-passe-bloque"].content.decode()
    named_html = [(name, response.content) for name, response in responses.items()]
    assert vnu_errors(named_html, artifacts) == []


def test_a_locked_out_login_form_has_no_axe_violation(
    editor, protected, live_server, page, artifacts, settings
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/_util/login/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Nom d’utilisateur").fill("edith")
        page.get_by_label("Mot de passe").fill("pas-le-bon")
        page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text(LOCKED)
    page.screenshot(path=artifacts("screens", "connexion-bloquee.png"), full_page=True)
    assert axe_violations(page) == []

    page.goto(live_server.url + "/bureau/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Mot de passe").fill("pas-le-bon")
        page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_contain_text(LOCKED)
    page.screenshot(path=artifacts("screens", "mot-de-passe-bloque.png"), full_page=True)
    assert axe_violations(page) == []


def test_an_administrator_unlocks_a_locked_out_editor(
    editor, live_server, browser, page, artifacts, settings
):
    def log_in(tab, username, password):
        tab.fill("input[name=username]", username)
        tab.fill("input[name=password]", password)
        tab.click("button[type=submit]")
        tab.wait_for_load_state()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, "edith", "pas-le-bon")
    log_in(page, "edith", PASSWORD)
    expect(page.locator(".messages")).to_contain_text(LOCKED)
    assert page.url.endswith("/admin/login/")
    page.screenshot(path=artifacts("screens", "admin-connexion-bloquee.png"), full_page=True)

    get_user_model().objects.create_superuser("admin", "admin@andelis.example", "admin-pass")
    admin = browser.new_context(locale="fr-FR").new_page()
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto(live_server.url + "/admin/login/")
    log_in(admin, "admin", "admin-pass")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.get_by_role("button", name="Paramètres").click()
    admin.get_by_role("link", name="Connexions bloquées").click()
    expect(admin.get_by_role("cell", name="Compte « edith »")).to_be_visible()
    admin.screenshot(path=artifacts("screens", "admin-connexions-bloquees.png"), full_page=True)
    admin.get_by_role("button", name="Débloquer").click()
    expect(admin.get_by_text("Compte « edith » débloqué pour l'adresse 127.0.0.1.")).to_be_visible()
    admin.context.close()

    log_in(page, "edith", PASSWORD)
    page.wait_for_url(re.compile(r"/admin/$"))
