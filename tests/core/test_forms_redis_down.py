"""With Redis down, the visitors' forms answer 503 with the visitor's text, never a 500.

The test points the "ratelimit" cache (counters and used tokens) at a local port
nobody listens on: a socket bound, then closed.
"""

import html
import socket
import time

import pytest
from django.core import mail
from django.test import Client

from comments.models import Comment
from core.forms_protection import issue_token
from registrations.models import Registration
from tests.factories import EventPageFactory
from tests.form_tokens import token_url

pytestmark = pytest.mark.django_db

TRY_AGAIN = "réessayez dans quelques minutes"


@pytest.fixture
def redis_down(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **settings.CACHES["ratelimit"],
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
    }


@pytest.fixture
def event(db):
    return EventPageFactory(registration_open=True)


@pytest.fixture
def browser():
    # A 500 would be raised here rather than answered: the test would fail loudly.
    return Client(raise_request_exception=True)


def token(page):
    return issue_token(page.pk, time.time() - 60)


def test_a_comment_comes_back_with_its_text_and_a_french_503(redis_down, event, browser):
    response = browser.post(
        f"/commentaires/{event.pk}/",
        {
            "author_name": "Marion",
            "email": "m@example.org",
            "text": "Mon texte",
            "started": token(event),
        },
    )

    assert response.status_code == 503
    assert response["Retry-After"]
    assert response["Cache-Control"] == "private, no-store"
    page = html.unescape(response.content.decode())
    assert TRY_AGAIN in page
    assert "Mon texte</textarea>" in page
    assert 'value="Marion"' in page
    assert Comment.objects.count() == 0


def test_a_registration_comes_back_with_its_text_and_a_french_503(redis_down, event, browser):
    response = browser.post(
        f"/inscriptions/{event.pk}/",
        {
            "name": "Camille Martin",
            "email": "camille@example.org",
            "consent": "on",
            "started": token(event),
        },
    )

    assert response.status_code == 503
    assert response["Cache-Control"] == "private, no-store"
    page = html.unescape(response.content.decode())
    assert TRY_AGAIN in page
    assert 'value="Camille Martin"' in page
    assert 'value="camille@example.org"' in page
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_the_token_endpoint_answers_a_json_503(redis_down, event, browser):
    response = browser.get(token_url(event))

    assert response.status_code == 503
    assert response["Cache-Control"] == "private, no-store"
    assert response["Retry-After"]
    assert TRY_AGAIN in response.json()["error"]


def test_the_pages_holding_the_forms_still_show(redis_down, event, browser):
    assert browser.get(event.url).status_code == 200
    assert browser.get(event.url + "inscription/").status_code == 200
