"""What a visitor sees of the layout: the key facts, the partners, the home page's
first screen, one search box, fonts from the site itself (docs/design.md)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories import (
    EventPageFactory,
    EventPartnerFactory,
    HomePageFactory,
    PartnerFactory,
    VenueFactory,
)


def _between(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


@pytest.mark.django_db
def test_the_event_key_facts_are_in_the_side_panel_before_the_programme(client):
    event = EventPageFactory(venue=VenueFactory(name="Cité des métiers", city="Marseille"))
    html = client.get(event.url).content.decode()
    panel = _between(html, '<div class="event__aside">', '<div class="event__body">')
    assert "<dt>Date</dt>" in panel
    assert "Cité des métiers" in panel
    assert "<dt>Entrée</dt>" in panel
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_partners_show_their_logo_or_a_tile_with_their_initials(client):
    event = EventPageFactory()
    EventPartnerFactory(page=event, partner=PartnerFactory(name="IMF (Institut méditerranéen)"))
    EventPartnerFactory(
        page=event, partner=PartnerFactory(name="Collège coopératif PAM", logo=None)
    )
    html = client.get(event.url).content.decode()
    assert re.search(r'<div class="partner__logo"><img alt="Logo de IMF', html)
    assert (
        '<div class="partner__logo partner__logo--initials"><span aria-hidden="true">CCP</span>'
        in html
    )
    assert "Collège coopératif PAM</h4>" in html


@pytest.mark.django_db
def test_the_home_page_first_screen_shows_the_next_colloquium_and_what_to_do(client):
    home = HomePageFactory()
    event = EventPageFactory(
        parent=home, title="Colloque de Lyon", venue=VenueFactory(name="Salle A", city="Lyon")
    )
    html = client.get("/").content.decode()
    hero = _between(html, '<div class="home-hero">', '<footer class="site-footer">')
    assert "Prochain colloque</h2>" in hero
    assert f'<a href="{event.url}">Colloque de Lyon</a>' in hero
    assert "Salle A, Lyon" in hero
    assert "<dt>Date</dt>" in hero
    assert 'class="button-link"' in hero


@pytest.mark.django_db
def test_the_search_page_has_one_search_box(client, home_page):
    html = client.get("/recherche/?q=colloque").content.decode()
    assert html.count('type="search"') == 1
    assert 'id="recherche-page"' in html


@pytest.mark.django_db
def test_other_pages_keep_the_search_box_in_the_header(client):
    event = EventPageFactory()
    html = client.get(event.url).content.decode()
    assert html.count('type="search"') == 1
    assert 'id="recherche-entete"' in html


@pytest.mark.django_db
def test_fonts_come_from_the_site_and_the_main_one_is_preloaded(client):
    event = EventPageFactory()
    html = client.get(event.url).content.decode()
    assert (
        '<link rel="preload" href="/static/fonts/source-sans-3-latin-wght-normal.woff2" '
        'as="font" type="font/woff2" crossorigin>'
    ) in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    css = Path(finders.find("css/site.css")).read_text()
    for url in re.findall(r"url\(\"?([^\")]+)", css):
        assert url.startswith("../fonts/"), url
        assert finders.find(url.removeprefix("../")), url
    assert css.count("font-display: swap;") == css.count("@font-face")
    fonts = settings.BASE_DIR / "static" / "fonts"
    assert (fonts / "OFL-source-sans-3.txt").read_text().count("SIL Open Font License") >= 1
    assert (fonts / "OFL-source-serif-4.txt").exists()


def test_the_print_stylesheet_prints_link_addresses_and_hides_the_chrome():
    css = Path(finders.find("css/print.css")).read_text()
    assert 'content: " <" attr(href) ">";' in css
    for selector in (".site-nav", ".site-search", ".comments", ".footnote__back"):
        assert selector in css
    assert ".footnote-ref a::after" in css
