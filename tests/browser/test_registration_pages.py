"""The registration pages are valid HTML, have no axe-core violation, and work in Chromium.

The form (empty and with errors), the confirmation, the waiting list, the
cancellation question and the cancelled registration, plus the event page with
its registration box. Screenshots go to test-artifacts/screens/registration-*.png.
"""

import re

import pytest
from django.core import mail

from registrations.models import Registration
from tests.factories import EventPageFactory
from tests.form_tokens import fetch_token

from .checkers import axe_violations, vnu_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def event(db):
    return EventPageFactory(
        title="Colloque de Lyon",
        registration_open=True,
        registration_capacity=1,
        registration_asks_role=True,
        registration_asks_accessibility=True,
    )


def registration_pages(client, event):
    """(name, html) of every registration page, rendered through the test client."""
    pages = [("registration-event", client.get(event.url))]
    form_url = event.url + "inscription/"
    post_url = f"/inscriptions/{event.pk}/"
    pages.append(("registration-form", client.get(form_url)))
    errors = {"email": "faux", "started": fetch_token(client, event)}
    pages.append(("registration-form-errors", client.post(post_url, errors)))
    pages.append(("registration-form-no-token", client.post(post_url, {"email": "a@b.org"})))
    data = {"name": "Alice Aubert", "email": "alice@example.org", "consent": "on"}
    data["started"] = fetch_token(client, event)
    pages.append(("registration-confirmed", client.post(post_url, data, follow=True)))
    pages.append(("registration-form-full", client.get(form_url)))
    data = {"name": "Bruno Blanc", "email": "bruno@example.org", "consent": "on"}
    data["started"] = fetch_token(client, event)
    pages.append(("registration-waitlisted", client.post(post_url, data, follow=True)))
    alice = Registration.objects.get(email="alice@example.org")
    cancel_url = f"{event.url}inscription/{alice.token}/annuler/"
    pages.append(("registration-cancel", client.get(cancel_url)))
    pages.append(("registration-cancelled", client.post(cancel_url, follow=True)))
    refused = ("registration-form-errors", "registration-form-no-token")
    for name, response in pages:
        assert response.status_code == (400 if name in refused else 200), (name, response)
    return [(name, response.content) for name, response in pages]


def test_registration_pages_are_valid_html(client, event, artifacts):
    assert vnu_errors(registration_pages(client, event), artifacts) == []


def check_axe(page, name, artifacts, failures):
    for width, label in ((1280, "desktop"), (390, "mobile")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts("screens", f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    violations = axe_violations(page)
    if violations:
        failures[name] = violations


def test_a_visitor_registers_and_cancels_in_chromium(event, live_server, page, artifacts, settings):
    # The live server runs in this process; Playwright fills a form faster than people.
    settings.FORMS_MIN_SECONDS = 0
    failures = {}
    page.goto(live_server.url + event.url)
    check_axe(page, "registration-event", artifacts, failures)

    page.get_by_role("link", name="S'inscrire au colloque Colloque de Lyon").click()
    page.wait_for_url("**/inscription/")
    # form-token.js fills the form's empty token field from the endpoint.
    page.wait_for_function(
        "() => document.querySelector('form[data-form-token] input[name=started]').value !== ''"
    )
    check_axe(page, "registration-form", artifacts, failures)

    # Sent empty: French messages, a summary that links to each field.
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    assert "Le formulaire contient 3 erreurs" in summary.inner_text()
    assert "Indiquez votre adresse e-mail." in summary.inner_text()
    check_axe(page, "registration-form-errors", artifacts, failures)

    page.get_by_label("Nom et prénom").fill("Alice Aubert")
    page.get_by_label("Adresse e-mail").fill("alice@example.org")
    page.get_by_label("Fonction").fill("Formatrice")
    page.get_by_label("J'accepte que l'association").check()
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    check_axe(page, "registration-confirmed", artifacts, failures)
    assert Registration.objects.get().role == "Formatrice"
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]

    page.get_by_role("link", name="Annuler mon inscription").click()
    page.wait_for_load_state()
    check_axe(page, "registration-cancel", artifacts, failures)
    page.get_by_role("button", name="Confirmer l'annulation").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est annulée"
    check_axe(page, "registration-cancelled", artifacts, failures)
    assert Registration.objects.get().status == Registration.Status.CANCELLED

    assert failures == {}


def test_a_moderator_deletes_a_registration_in_the_admin(
    event, live_server, page, artifacts, client, moderator
):
    Registration.objects.create(event=event, name="Alice Aubert", email="alice@example.org")
    client.force_login(moderator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    registration = Registration.objects.get()
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/admin/registrations/delete/{registration.pk}/")
    assert page.get_by_text("Supprimer définitivement l'inscription de Alice Aubert").is_visible()
    page.screenshot(path=artifacts("screens", "registration-admin-delete.png"), full_page=True)
    page.get_by_role("button", name=re.compile("supprimer", re.IGNORECASE)).click()
    page.wait_for_load_state()

    assert page.get_by_text("Inscription supprimée.").is_visible()
    page.screenshot(path=artifacts("screens", "registration-admin-deleted.png"), full_page=True)
    assert Registration.objects.count() == 0
