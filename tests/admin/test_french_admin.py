"""The admin login and dashboard speak French only, and say "à l'instant" for what just happened."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from events.next_edition import prepare_next_edition
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Password",
    "Sign in",
    "Log in",
    "Forgotten",
    "Forgot",
    "Username",
    "Remember me",
    "Dashboard",
    "minute ago",
    "minutes ago",
    "Welcome",
    "Your most recent edits",
    "Pages awaiting",
    "Edit",
]


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<svg\b.*?</svg>", " ", html, flags=re.S)
    text = unescape(strip_tags(html))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def english_in(text):
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]


def test_the_admin_login_is_in_french(client):
    text = visible_text(client.get(reverse("wagtailadmin_login")))

    assert english_in(text) == []
    assert "Mot de passe" in text
    assert "Mot de passe oublié" in text


def test_the_dashboard_is_in_french_and_says_a_linstant(client, editor):
    event = EventPageFactory(title="Colloque national 2017")
    prepare_next_edition(event, editor)
    client.force_login(editor)
    # A page just edited: Wagtail's "recent edits" panel dates it.
    client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))

    text = visible_text(client.get(reverse("wagtailadmin_home")))

    assert english_in(text) == []
    assert not re.search(r"\b0 minute", text), text
    assert "Prochains colloques" in text
