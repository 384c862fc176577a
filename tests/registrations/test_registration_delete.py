"""A moderator deletes one person's registration; the deletion is logged, nameless."""

import html

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from registrations.models import Registration
from tests.factories import EventPageFactory
from tests.registrations.registration_helpers import register, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory(
        title="Colloque de Lyon", registration_open=True, registration_capacity=1
    )


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def delete_url(registration):
    return reverse("registrations:delete", args=[registration.pk])


def test_a_moderator_deletes_a_registration_after_a_french_question(
    client, event, moderator, committed, admin_client
):
    register(client, event, name="Alice Aubert", email="alice@example.org")
    register(client, event, name="Bruno Blanc", email="bruno@example.org")  # waiting
    alice = Registration.objects.get(email="alice@example.org")
    mail.outbox.clear()
    staff = logged_in(moderator)

    question = staff.get(delete_url(alice))
    assert question.status_code == 200
    page = html.unescape(question.content.decode())
    assert "Supprimer définitivement l'inscription de Alice Aubert (alice@example.org)" in page
    assert "au colloque « Colloque de Lyon »" in page
    assert Registration.objects.filter(pk=alice.pk).exists()  # asking deletes nothing

    with committed():
        done = staff.post(delete_url(alice))

    assert done.status_code == 302
    assert not Registration.objects.filter(pk=alice.pk).exists()
    # The seat went to the person waiting, who is told; Alice is not e-mailed.
    assert statuses(event) == {"bruno@example.org": Registration.Status.CONFIRMED}
    assert [m.to for m in mail.outbox] == [["bruno@example.org"]]
    listing = html.unescape(staff.get(done["Location"]).content.decode())
    assert "Inscription supprimée." in listing

    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(alice.pk))
    assert entry.user_id == moderator.pk
    assert entry.deleted
    assert entry.label == f"Inscription n° {alice.pk} – Colloque de Lyon"
    assert "Alice" not in entry.label and "alice@" not in str(entry.data)
    # An administrator finds it in the site's history.
    history = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    assert f"Inscription n° {alice.pk} – Colloque de Lyon" in html.unescape(
        history.content.decode()
    )


def test_an_editor_cannot_delete_a_registration(client, event, editor):
    register(client, event)
    registration = Registration.objects.get()
    staff = logged_in(editor)

    assert staff.get(delete_url(registration)).status_code in (302, 403)
    assert staff.post(delete_url(registration)).status_code in (302, 403)
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_an_anonymous_visitor_cannot_delete_a_registration(client, event):
    register(client, event)
    registration = Registration.objects.get()
    assert Client().post(delete_url(registration)).status_code == 302  # to the login page
    assert Registration.objects.filter(pk=registration.pk).exists()
