"""A programme moment whose time is not known shows no time."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError

from events.models import ProgrammeItem
from tests.factories import EventPageFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db


def programme_items(client, event):
    page = html.unescape(client.get(event.url).content.decode())
    return re.findall(r'<li class="programme__item[^"]*">(.*?)</li>', page, re.S)


def test_a_moment_without_a_time_shows_its_title_and_no_time(client):
    event = EventPageFactory()
    ProgrammeItemFactory(page=event, start_time=datetime.time(9, 0), end_time=None, title="Accueil")
    ProgrammeItemFactory(page=event, start_time=None, end_time=None, title="Le mot du président")

    welcome, talk = programme_items(client, event)

    assert '<time datetime="09:00">9h00</time>' in welcome
    assert "Le mot du président" in talk
    assert "<time" not in talk
    assert "programme__time" not in talk


def test_an_end_time_needs_a_start_time():
    item = ProgrammeItem(title="Table ronde", start_time=None, end_time=datetime.time(11, 0))

    with pytest.raises(ValidationError) as error:
        item.clean()

    assert error.value.message_dict == {
        "start_time": ["Indiquez l'heure de début, ou retirez l'heure de fin."]
    }
