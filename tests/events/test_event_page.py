"""What a visitor reads on a colloquium's page: status, dates, venue, entry."""

import html
import re

import pytest
import time_machine

from events.models import EventPage
from tests.factories import EventPageFactory, VenueFactory, paris


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def words(markup):
    """The text as read on screen: no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split()).replace(" ,", ",")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "banner"),
    [
        (EventPage.Status.CANCELLED, "Ce colloque n'aura pas lieu aux dates indiquées."),
        (EventPage.Status.POSTPONED, "les nouvelles dates seront annoncées sur cette page"),
    ],
)
def test_cancelled_or_postponed_event_says_so_on_its_page_and_in_the_list(client, status, banner):
    event = EventPageFactory(title="Colloque de Lyon", status=status)

    page_text = read(client, event)
    index_text = read(client, event.get_parent())

    assert banner in page_text
    label = str(EventPage.Status(status).label)
    assert f"<strong>{label}</strong>" in page_text
    card = index_text[index_text.index("Colloque de Lyon") - 400 :]
    assert label in card


@pytest.mark.django_db
def test_one_day_event_reads_as_a_french_date_with_hours(client):
    event = EventPageFactory(start=paris(2027, 3, 18, 9), end=paris(2027, 3, 18, 16, 30))

    assert "Jeudi 18 mars 2027, de 9h00 à 16h30" in words(read(client, event))


@pytest.mark.django_db
def test_multi_day_event_reads_from_first_to_last_day(client):
    event = EventPageFactory(start=paris(2027, 6, 30, 14), end=paris(2027, 7, 1, 12, 30))

    text = words(read(client, event))

    assert "Du mercredi 30 juin 2027 à 14h00 au jeudi 1 juillet 2027 à 12h30" in text


@pytest.mark.django_db
@time_machine.travel(paris(2027, 6, 30, 18), tick=False)
def test_event_running_today_is_marked_current(client):
    event = EventPageFactory(start=paris(2027, 6, 29, 9), end=paris(2027, 7, 1, 17))

    assert "Ce colloque a lieu aujourd'hui." in read(client, event)
    assert "En cours" in read(client, event.get_parent())


@pytest.mark.django_db
def test_paid_entry_shows_its_price(client):
    event = EventPageFactory(is_free=False, price="30 € ; 10 € pour les étudiants")

    text = read(client, event)

    assert "30 € ; 10 € pour les étudiants" in text
    assert "Entrée gratuite" not in text


@pytest.mark.django_db
def test_map_link_uses_coordinates_or_else_the_address(client):
    placed = EventPageFactory(venue=VenueFactory(latitude="43.2983", longitude="5.3706"))
    unplaced = EventPageFactory(
        venue=VenueFactory(name="Maison des associations", latitude=None, longitude=None)
    )

    assert "https://www.openstreetmap.org/?mlat=43.298300&mlon=5.370600" in read(client, placed)
    assert (
        "https://www.openstreetmap.org/search?query=Maison+des+associations%2C+4+rue+des+Consuls"
        in read(client, unplaced)
    )
