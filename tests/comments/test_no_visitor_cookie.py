"""The privacy notice says the site sets no cookie for its visitors: reading pages,
commenting and registering leave none."""

import pytest

from tests.factories import EventPageFactory
from tests.registrations.registration_helpers import register

from .conftest import post

pytestmark = pytest.mark.django_db


def test_reading_commenting_and_registering_set_no_cookie(client, proceedings):
    event = EventPageFactory(registration_open=True, registration_capacity=10)
    responses = [
        client.get("/"),
        client.get(proceedings.url),
        client.get(event.url),
        client.get(event.url + event.reverse_subpage("registration")),
        client.get("/recherche/", {"q": "colloque"}),
        post(client, proceedings),
        register(client, event, follow=False),
    ]
    assert event.registrations.count() == 1

    for response in responses:
        assert response.status_code in (200, 302), response
        assert response.cookies == {}, response.cookies
    assert client.cookies == {}
