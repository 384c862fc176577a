"""A visitor posts the comment form and the registration form in Chromium on the first try.

The pages come with an empty token field (the same HTML for everyone, so that a
front cache can serve them); static/js/form-token.js fetches the token when the
page loads. No CSRF cookie is involved. A strict CSP forbids inline scripts:
the script is an external file, and the pages hold no inline script of ours.
"""

import time

import pytest

from comments.models import Comment
from registrations.models import Registration
from tests.browser.visitor_forms import TOKEN, TOKEN_FILLED, send_comment, send_registration
from tests.factories import EventPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def event(db):
    return EventPageFactory(title="Colloque de Lyon", registration_open=True)


@pytest.fixture
def quick_forms(settings):
    # The live server runs in this process: one second is the minimum a person takes here.
    settings.FORMS_MIN_SECONDS = 1


def token_requests(page):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/formulaires/jeton/" in r.url else None)
    return requests


def test_a_visitor_comments_on_the_first_try(event, live_server, page, artifacts, quick_forms):
    requests = token_requests(page)
    page.goto(live_server.url + event.url)
    page.wait_for_function(TOKEN_FILLED)
    assert requests == [f"{live_server.url}/formulaires/jeton/{event.pk}/"]
    assert page.context.cookies() == []

    send_comment(page)

    assert page.url.endswith(f"{event.url}?commentaire=merci#ajouter-un-commentaire")
    assert page.get_by_text("Merci, votre commentaire sera publié après modération.").is_visible()
    page.locator("#commentaires").screenshot(path=artifacts("screens", "jeton-commentaire.png"))
    assert Comment.objects.get().text == "Les vidéos seront-elles en ligne ?"
    # Not even a CSRF cookie: nothing personal was handed out.
    assert page.context.cookies() == []


def test_a_visitor_registers_on_the_first_try(event, live_server, page, artifacts, quick_forms):
    page.goto(live_server.url + event.url + "inscription/")
    page.wait_for_function(TOKEN_FILLED)

    send_registration(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    page.screenshot(path=artifacts("screens", "jeton-inscription.png"), full_page=True)
    assert Registration.objects.get().email == "alice@example.org"


def test_without_javascript_the_second_post_goes_through(
    browser, event, live_server, artifacts, quick_forms
):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + event.url + "inscription/")
    assert page.locator(TOKEN).input_value() == ""

    page.get_by_label("Nom et prénom").fill("Bruno Blanc")
    page.get_by_label("Adresse e-mail").fill("bruno@example.org")
    page.get_by_label("J'accepte que l'association").check()
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()

    assert "vérifiez-le, puis envoyez-le à nouveau" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Nom et prénom").input_value() == "Bruno Blanc"
    assert page.locator(TOKEN).input_value() != ""
    page.screenshot(path=artifacts("screens", "jeton-sans-javascript.png"), full_page=True)
    assert Registration.objects.count() == 0

    time.sleep(1.2)
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    assert Registration.objects.get().email == "bruno@example.org"
    context.close()
