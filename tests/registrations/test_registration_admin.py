"""Editors open registration from the event's "Inscriptions" tab in the admin."""

import html

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from events.models import EventPage
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Inscriptions" in content
    return querydict_from_html(content, form_id="page-edit-form")


def post_data(querydict):
    return {key: values if len(values) > 1 else values[0] for key, values in querydict.lists()}


def test_an_editor_opens_registration_with_a_capacity(admin_client):
    event = EventPageFactory()
    data = edit_form(admin_client, event)
    data["registration_open"] = "on"
    data["registration_capacity"] = "80"
    data["registration_closes_at"] = "2030-03-10 18:00"
    data["registration_asks_accessibility"] = "on"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url(event), post_data(data))

    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    event = EventPage.objects.get(pk=event.pk)
    assert event.registration_open
    assert event.registration_capacity == 80
    assert event.registration_asks_accessibility
    assert not event.registration_asks_role


def test_zero_seats_is_refused_in_french_and_nothing_changes(admin_client):
    event = EventPageFactory(registration_open=True, registration_capacity=30)
    data = edit_form(admin_client, event)
    data["registration_capacity"] = "0"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url(event), post_data(data))

    assert response.status_code == 200
    assert "Indiquez au moins une place" in html.unescape(response.content.decode())
    assert EventPage.objects.get(pk=event.pk).registration_capacity == 30
