"""What calendars, search engines, feed readers and social networks read from the site."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import extruct
import feedparser
import pytest
from icalendar import Calendar
from wagtail.models import Page, PageViewRestriction

from events.models import EventPage, EventPartner
from tests.factories import (
    ArgumentPageFactory,
    EventImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    PartnerFactory,
    PersonFactory,
    ProceedingsPageFactory,
    PublicationIndexPageFactory,
    StandardPageFactory,
    paris,
)

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def event(db):
    event = EventPageFactory(
        title="Colloque de Marseille",
        subtitle="L'ingénierie sociale en question",
        start=paris(2030, 6, 14, 9),
        end=paris(2030, 6, 14, 16, 30),
        search_description="Une journée d'étude sur l'ingénierie sociale.",
        is_free=True,
    )
    EventSpeakerFactory(page=event, person=PersonFactory(name="Robert Lafore"))
    EventSpeakerFactory(page=event, person=PersonFactory(name="Marcel Jaeger"))
    EventPartnerFactory(
        page=event,
        partner=PartnerFactory(name="IMF", website="https://imf.example.org/"),
        role=EventPartner.Role.ORGANISER,
    )
    EventPartnerFactory(page=event, partner=PartnerFactory(name="Soutien"), role="supporter")
    EventImageFactory(page=event)
    return event


def ics(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


# --- Calendars -----------------------------------------------------------------


def test_event_ics_is_rfc5545_in_paris_time(client, event):
    calendar = ics(client, f"/agenda/{event.slug}.ics")

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Paris"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.start == datetime.datetime(2030, 6, 14, 9, tzinfo=PARIS)
    assert vevent.end == datetime.datetime(2030, 6, 14, 16, 30, tzinfo=PARIS)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(vevent["SUMMARY"]) == "Colloque de Marseille"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == event.full_url
    venue = event.venue
    assert str(vevent["LOCATION"]) == (f"{venue.name}, 4 rue des Consuls, 13002 Marseille")
    assert vevent["DTSTAMP"]
    assert str(vevent["UID"]) == f"{event.translation_key}@andelis"
    # The calendar data round-trips: what icalendar writes back is what we served.
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()


def test_uid_is_stable_and_a_cancelled_event_says_so(client, event):
    before = ics(client, f"/agenda/{event.slug}.ics").walk("VEVENT")[0]
    event.status = EventPage.Status.CANCELLED
    event.start = paris(2030, 6, 15, 10)
    event.end = paris(2030, 6, 15, 17)
    event.save_revision().publish()

    after = ics(client, f"/agenda/{event.slug}.ics").walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.start == datetime.datetime(2030, 6, 15, 10, tzinfo=PARIS)


def test_calendar_feed_lists_every_published_event_once(client, event):
    other = EventPageFactory(title="Colloque de Lille", venue=None)
    draft = EventPageFactory(title="Brouillon", live=False)
    private = EventPageFactory(title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    calendar = ics(client, "/agenda/colloques.ics")

    summaries = sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT"))
    assert summaries == ["Colloque de Lille", "Colloque de Marseille"]
    uids = {str(v["UID"]) for v in calendar.walk("VEVENT")}
    assert uids == {f"{event.translation_key}@andelis", f"{other.translation_key}@andelis"}
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert client.get(f"/agenda/{draft.slug}.ics").status_code == 404
    assert client.get(f"/agenda/{private.slug}.ics").status_code == 404


def test_event_page_links_to_its_calendar(client, event):
    html = client.get(event.url).content.decode()
    assert f'href="/agenda/{event.slug}.ics"' in html
    assert "Ajouter à mon agenda" in html


# --- JSON-LD ---------------------------------------------------------------------


def event_json_ld(client, page):
    response = client.get(page.url)
    data = extruct.extract(
        response.content.decode(), base_url=page.full_url, syntaxes=["json-ld"], uniform=True
    )
    events = [item for item in data["json-ld"] if item.get("@type") == "Event"]
    assert len(events) == 1, data
    return events[0]


def test_event_json_ld_has_every_field_search_engines_use(client, event):
    data = event_json_ld(client, event)

    assert data["@context"] in ("https://schema.org", "http://schema.org")
    assert data["name"] == "Colloque de Marseille"
    assert data["description"] == "Une journée d'étude sur l'ingénierie sociale."
    assert data["startDate"] == "2030-06-14T09:00:00+02:00"
    assert data["endDate"] == "2030-06-14T16:30:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert data["url"] == event.full_url
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["name"] == event.venue.name
    assert location["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4 rue des Consuls",
        "postalCode": "13002",
        "addressLocality": "Marseille",
        "addressCountry": "FR",
    }
    assert data["organizer"] == [
        {"@type": "Organization", "name": "IMF", "url": "https://imf.example.org/"}
    ]
    assert [p["name"] for p in data["performer"]] == ["Robert Lafore", "Marcel Jaeger"]
    assert all(p["@type"] == "Person" for p in data["performer"])
    (image,) = data["image"]
    assert image.startswith("http://testserver/media/images/")
    assert "offers" not in data


def test_json_ld_of_a_cancelled_paying_event_without_organiser(client, db):
    event = EventPageFactory(
        title="Colloque annulé", status=EventPage.Status.CANCELLED, is_free=False, price="30 €"
    )
    data = event_json_ld(client, event)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["description"] == "30 €"
    # No partner is the organiser: the association is.
    assert data["organizer"][0]["name"] == "ANDELIS"


def test_json_ld_cannot_be_broken_out_of_by_page_text(client, db):
    event = EventPageFactory(title="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(script.group(1))["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


# --- OpenGraph -------------------------------------------------------------------


def opengraph(client, url):
    response = client.get(url)
    data = extruct.extract(response.content.decode(), syntaxes=["opengraph"], uniform=True)
    assert len(data["opengraph"]) == 1, data
    return data["opengraph"][0], response


def test_every_page_type_has_opengraph_tags(client, event):
    pages = [
        event.get_parent().get_parent().specific,
        event.get_parent().specific,
        event,
        ArgumentPageFactory(parent=event),
        ProceedingsPageFactory(parent=event),
        PublicationIndexPageFactory(),
        StandardPageFactory(title="Mentions légales"),
    ]
    for page in pages:
        og, _response = opengraph(client, page.url)
        assert og["og:title"] == (page.seo_title or page.title)
        assert og["og:url"] == page.full_url
        assert og["og:site_name"] == "ANDELIS"
        assert og["og:locale"] == "fr_FR"
        assert og["@type"] == "website"  # extruct's name for og:type
    og, _ = opengraph(client, event.url)
    assert og["og:description"] == "Une journée d'étude sur l'ingénierie sociale."
    assert og["og:image"].startswith("http://testserver/media/images/")
    # Pages that are not Wagtail pages have them too.
    og, _ = opengraph(client, "/recherche/?q=colloque")
    assert og["og:title"] == "Recherche"
    og, response = opengraph(client, "/nulle-part/")
    assert response.status_code == 404
    assert og["og:title"] == "Page introuvable"


# --- Feeds -------------------------------------------------------------------------


def published(page):
    """Published the way the admin does it, with its publication dates."""
    page.save_revision().publish()
    return page


def test_atom_feed_of_events_parses_without_error(client, event):
    published(event)
    published(EventPageFactory(title="Colloque annulé", status=EventPage.Status.CANCELLED))
    EventPageFactory(title="Brouillon", live=False)

    response = client.get("/flux/colloques/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)

    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "ANDELIS – colloques"
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == ["Colloque de Marseille", "[Annulé] Colloque annulé"]
    entry = next(e for e in feed.entries if e.title == "Colloque de Marseille")
    assert entry.link == event.full_url.replace("http://localhost", "http://testserver")
    assert "Le vendredi 14 juin 2030" in entry.summary
    assert entry.id == f"urn:uuid:{event.translation_key}"
    assert entry.updated_parsed


def test_atom_feed_of_publications_parses_without_error(client, event):
    argument = published(ArgumentPageFactory(parent=event, title="Argumentaire"))
    published(ProceedingsPageFactory(parent=event, title="Traces du colloque"))
    ArgumentPageFactory(parent=EventPageFactory(), title="Brouillon", live=False)

    feed = feedparser.parse(client.get("/flux/publications/").content)

    assert feed.bozo == 0, feed.bozo_exception
    assert sorted(entry.title for entry in feed.entries) == [
        "Argumentaire – Colloque de Marseille",
        "Traces du colloque – Colloque de Marseille",
    ]
    assert any(entry.link.endswith(argument.url) for entry in feed.entries)


def test_every_page_advertises_both_feeds(client, event):
    html = client.get(event.url).content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/flux/colloques/"' in html
    assert 'href="/flux/publications/"' in html


# --- Sitemap and robots.txt -----------------------------------------------------------


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return sorted(re.findall(r"<loc>(.*?)</loc>", response.content.decode()))


def test_sitemap_lists_every_public_page_and_nothing_else(client, event):
    ArgumentPageFactory(parent=event)
    ProceedingsPageFactory(parent=event)
    PublicationIndexPageFactory()
    StandardPageFactory(title="L'association")
    draft = EventPageFactory(title="Brouillon", live=False)
    private = StandardPageFactory(title="Réservé aux membres")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    under_private = StandardPageFactory(title="Sous-page réservée", parent=private)
    # A page outside the site (another tree) is not this site's.
    outside = EventIndexPageFactory.build(title="Ailleurs", slug="ailleurs")
    Page.get_first_root_node().add_child(instance=outside)

    urls = sitemap_urls(client)

    home = event.get_parent().get_parent()
    public = list(home.get_descendants(inclusive=True).live().public())
    assert urls == sorted(p.full_url for p in public)
    assert len(urls) == 7
    for hidden in (draft, private, under_private):
        assert not [u for u in urls if u.endswith(hidden.url)], hidden
    assert not [u for u in urls if "ailleurs" in u]


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_events_index_offers_the_calendar_subscription_and_the_feed(client, event):
    html = client.get(event.get_parent().url).content.decode()
    assert 'href="/agenda/colloques.ics"' in html
    assert "S'abonner à l'agenda des colloques" in html
    assert 'href="/flux/colloques/"' in html


def test_a_past_event_offers_no_calendar_link(client, db):
    event = EventPageFactory(start=paris(2017, 11, 20, 9), end=paris(2017, 11, 20, 16, 30))
    html = client.get(event.url).content.decode()
    assert "Ajouter à mon agenda" not in html
    # Its .ics stays available, for the archive.
    assert client.get(f"/agenda/{event.slug}.ics").status_code == 200


def test_a_unicode_slug_gets_its_calendar_too(client, db):
    event = EventPageFactory(title="Colloque d'été", slug="colloque-été")
    html = client.get(event.url).content.decode()
    assert 'href="/agenda/colloque-%C3%A9t%C3%A9.ics"' in html
    calendar = ics(client, "/agenda/colloque-%C3%A9t%C3%A9.ics")
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Colloque d'été"
