"""What a browser tab, a bookmark, a phone's home screen and a search engine read from
every page's <head>: the title, the meta description and the icons."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from wagtail.rich_text import RichText

from core.metadata import DESCRIPTION_LENGTH
from core.models import SiteSettings
from events.models import EventPage
from tests.factories import (
    ArgumentPageFactory,
    EventPageFactory,
    HomePageFactory,
    ProceedingsPageFactory,
    PublicationIndexPageFactory,
    StandardPageFactory,
    VenueFactory,
    paris,
)

pytestmark = pytest.mark.django_db


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    soup = BeautifulSoup(response.content, "html.parser")
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) <= 1, descriptions
    description = descriptions[0]["content"] if descriptions else None
    return soup.title.get_text(), description, soup


@pytest.fixture
def tagline(db):
    site_settings = SiteSettings.load()
    site_settings.tagline = "Association nationale des ingénieurs sociaux"
    site_settings.save()
    return site_settings.tagline


# --- Titles ------------------------------------------------------------------------


def test_home_page_title_is_the_site_name_once(client, db):
    home = HomePageFactory()
    title, _description, _soup = head(client, home.url)
    assert title == "ANDELIS"


def test_home_page_seo_title_is_used_alone_when_it_names_the_site(client, db):
    home = HomePageFactory()
    home.seo_title = "ANDELIS, les colloques des ingénieurs sociaux"
    home.save_revision().publish()
    title, _description, _soup = head(client, home.url)
    assert title == "ANDELIS, les colloques des ingénieurs sociaux"


def test_other_pages_are_titled_page_then_site(client, db):
    event = EventPageFactory(title="Colloque de Marseille 2017")
    pages = {
        event: "Colloque de Marseille 2017 – ANDELIS",
        event.get_parent().specific: "Colloques – ANDELIS",
        ArgumentPageFactory(parent=event): "Argumentaire – ANDELIS",
        ProceedingsPageFactory(parent=event): "Traces du colloque – ANDELIS",
        PublicationIndexPageFactory(): "Publications – ANDELIS",
        StandardPageFactory(title="Mentions légales"): "Mentions légales – ANDELIS",
        StandardPageFactory(title="Contact", seo_title="Écrire à l'association"): (
            "Écrire à l'association – ANDELIS"
        ),
    }
    for page, expected in pages.items():
        title, _description, _soup = head(client, page.url)
        assert title == expected, page


def test_search_and_error_pages_titles_do_not_repeat(client, db):
    HomePageFactory()
    assert head(client, "/recherche/")[0] == "Recherche – ANDELIS"
    assert head(client, "/recherche/?q=dipl%C3%B4me")[0] == "Recherche : diplôme – ANDELIS"
    assert head(client, "/nulle-part/", status=404)[0] == "Page introuvable – ANDELIS"


def test_title_follows_the_association_name_in_the_settings(client, db):
    home = HomePageFactory()
    site_settings = SiteSettings.load()
    site_settings.association_name = "Les ingénieurs sociaux"
    site_settings.save()
    page = StandardPageFactory(title="Contact")
    assert head(client, home.url)[0] == "Les ingénieurs sociaux"
    assert head(client, page.url)[0] == "Contact – Les ingénieurs sociaux"


# --- Meta descriptions ---------------------------------------------------------------


def test_search_description_is_the_meta_description(client, db):
    event = EventPageFactory(search_description="Une journée d'étude à Marseille.")
    assert head(client, event.url)[1] == "Une journée d'étude à Marseille."


def test_event_without_search_description_gives_its_date_place_and_introduction(client, db):
    event = EventPageFactory(
        start=paris(2017, 11, 20, 9),
        end=paris(2017, 11, 20, 16, 30),
        venue=VenueFactory(name="Institut méditerranéen de formation", city="Marseille"),
        introduction="<p>L'ingénierie sociale, <b>dix ans</b> après la création du DEIS.</p>",
    )
    assert head(client, event.url)[1] == (
        "Lundi 20 novembre 2017, Institut méditerranéen de formation, Marseille. "
        "L'ingénierie sociale, dix ans après la création du DEIS."
    )


def test_event_over_several_days_without_venue(client, db):
    event = EventPageFactory(
        start=paris(2030, 6, 13, 9), end=paris(2030, 6, 14, 17), venue=None, introduction=""
    )
    assert head(client, event.url)[1] == (
        "Du jeudi 13 juin 2030 au vendredi 14 juin 2030. L'ingénierie sociale en question"
    )
    assert EventPage.objects.get(pk=event.pk).meta_description_fallback()


def test_other_pages_without_search_description_start_with_their_text(client, db):
    event = EventPageFactory()
    argument = ArgumentPageFactory(parent=event, body=[])
    argument.body = [
        ("heading", {"text": "Dix ans après"}),
        ("paragraph", RichText('<p>Le DEIS<footnote id="abc">[1]</footnote> a dix ans.</p>')),
    ]
    argument.save()
    home = event.get_parent().get_parent().specific
    home.introduction = "<p>L'ANDELIS réunit les ingénieurs sociaux.</p>"
    home.save()
    expected = {
        argument: "Dix ans après Le DEIS a dix ans.",
        ProceedingsPageFactory(parent=event): "Merci aux intervenants.",
        PublicationIndexPageFactory(): "Argumentaires et traces des colloques.",
        StandardPageFactory(title="Contact", introduction=""): (
            "L'ANDELIS réunit les ingénieurs sociaux."
        ),
        StandardPageFactory(listing_summary="Qui publie ce site."): "Qui publie ce site.",
        home: "L'ANDELIS réunit les ingénieurs sociaux.",
    }
    for page, description in expected.items():
        assert head(client, page.url)[1] == description, page


def test_a_long_text_is_cut_at_a_word(client, db):
    words = "ingénierie sociale et territoires " * 20
    page = StandardPageFactory(introduction=words)
    description = head(client, page.url)[1]
    assert len(description) <= DESCRIPTION_LENGTH
    assert description.endswith("…")
    assert words.startswith(description[:-1].rstrip())
    assert description[:-1].rstrip().split()[-1] in words.split()


def test_a_page_with_no_text_and_other_views_fall_back_to_the_tagline(client, tagline):
    HomePageFactory()
    page = StandardPageFactory(introduction="", body=[])
    expected = f"ANDELIS – {tagline}"
    assert head(client, page.url)[1] == expected
    assert head(client, "/recherche/?q=colloque")[1] == expected
    assert head(client, "/nulle-part/", status=404)[1] == expected


def test_description_is_escaped(client, db):
    page = StandardPageFactory(search_description='Le "DEIS" <b>& après</b>')
    response = client.get(page.url).content.decode()
    assert 'content="Le &quot;DEIS&quot; &lt;b&gt;&amp; après&lt;/b&gt;"' in response


# --- Icons -------------------------------------------------------------------------


def test_every_page_links_its_icons_and_they_exist(client, db):
    page = StandardPageFactory()
    _title, _description, soup = head(client, page.url)
    links = {
        (tuple(link["rel"]), link.get("type"), link.get("sizes")): link["href"]
        for link in soup.find_all("link", rel=["icon", "apple-touch-icon", "manifest"])
    }
    assert links == {
        (("icon",), "image/png", "32x32"): "/static/icons/favicon-32.png",
        (("icon",), "image/svg+xml", None): "/static/icons/favicon.svg",
        (("apple-touch-icon",), None, None): "/static/icons/icon-180.png",
        (("manifest",), None, None): "/site.webmanifest",
    }
    for href in links.values():
        if href.startswith("/static/"):
            assert finders.find(href.removeprefix("/static/")), href


@pytest.mark.parametrize(
    ("path", "content_type", "size"),
    [
        ("icons/favicon.svg", "image/svg+xml", None),
        ("icons/favicon-32.png", "image/png", 32),
        ("icons/icon-180.png", "image/png", 180),
        ("icons/icon-192.png", "image/png", 192),
        ("icons/icon-512.png", "image/png", 512),
        ("favicon.ico", "image/vnd.microsoft.icon", None),
    ],
)
def test_icons_are_served_with_their_type_and_size(client, path, content_type, size):
    from PIL import Image

    response = client.get(f"/static/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] in (content_type, "image/x-icon")
    body = b"".join(response.streaming_content)
    if size:
        from io import BytesIO

        assert Image.open(BytesIO(body)).size == (size, size)
    if path.endswith(".svg"):
        assert body.startswith(b"<svg") and b"#1d4f7a" in body


def test_favicon_ico_at_the_root_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico", follow=True)
    assert response.redirect_chain == [("/static/favicon.ico", 302)]
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_web_manifest_names_the_association_and_its_icons(client, db):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "ANDELIS"
    assert manifest["lang"] == "fr"
    assert [(icon["src"], icon["sizes"]) for icon in manifest["icons"]] == [
        ("/static/icons/icon-192.png", "192x192"),
        ("/static/icons/icon-512.png", "512x512"),
    ]
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
