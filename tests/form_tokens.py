"""Posting the visitors' forms as a browser does: a token from the endpoint first.

The pages holding the comment and registration forms carry an empty token field;
``static/js/form-token.js`` fills it from ``/formulaires/jeton/<page id>/``. Tests
that post through the Django test client do the same with ``fetch_token``.
"""

import time

import time_machine
from django.urls import reverse


def token_url(page):
    return reverse("form_token", args=[page.pk])


def fetch_token(client, page, seconds_ago=60):
    """A fresh token from the endpoint, as if the page had loaded ``seconds_ago``.

    Forms refuse a post sent sooner than ``FORMS_MIN_SECONDS`` after the page
    loaded; going back in time is quicker than waiting.
    """
    with time_machine.travel(time.time() - seconds_ago, tick=False):
        response = client.get(token_url(page))
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    return response.json()["token"]
