"""Each talk of a colloquium's proceedings has a page of its own, linked from everywhere."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import Contribution, talk_slug
from tests.factories import (
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventPageFactory,
    PersonFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
    VenueFactory,
)


def add_talk(proceedings, **fields):
    """A talk written as an editor writes it: in the proceedings page, then published."""
    speakers = fields.pop("speakers", [])
    talk = Contribution(**fields)
    proceedings.contributions.add(talk)
    talk.speakers.set(speakers)
    proceedings.save_revision().publish()
    return proceedings.contributions.get(title=fields["title"])


@pytest.fixture
def proceedings(db):
    venue = VenueFactory(city="Marseille")
    event = EventPageFactory(title="Colloque de Marseille", venue=venue)
    return ProceedingsPageFactory(parent=event)


def test_a_talk_page_shows_its_speakers_colloquium_document_and_video(client, proceedings):
    lafore = PersonFactory(name="Robert Lafore", affiliation="Professeur de droit public")
    document = ColloquiumDocumentFactory(title="Intervention Lafore")
    talk = add_talk(
        proceedings,
        title="Évolution des politiques publiques",
        speakers=[lafore],
        document=document,
        video_url="https://video.example.org/lafore",
        abstract="Trente ans de politiques sociales.",
    )

    response = client.get(f"{proceedings.url}evolution-des-politiques-publiques/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Évolution des politiques publiques</h1>" in html
    assert "Robert Lafore" in html and "Professeur de droit public" in html
    event = proceedings.get_parent()
    assert f'<a href="{event.url}">Colloque de Marseille</a>' in html
    assert "Marseille" in html
    assert "Trente ans de politiques sociales." in html
    assert f'href="{document.url}"' in html
    assert re.search(r"\(PDF – [^)]*\)", html)
    assert 'href="https://video.example.org/lafore"' in html
    # Its own address in the title, the description and the canonical link.
    assert "<title>Évolution des politiques publiques – " in html
    assert f'<link rel="canonical" href="http://testserver{proceedings.url}{talk.slug}/">' in html


def test_the_affiliation_shown_is_the_one_at_the_time_of_the_talk(client, proceedings):
    naud = PersonFactory(name="Laëtitia Naud", affiliation="Doctorante")
    add_talk(
        proceedings,
        title="Ingénierie et recherche",
        speakers=[naud],
        video_url="https://v.example.org/",
    )

    naud.affiliation = "Maîtresse de conférences"
    naud.save()
    proceedings.save_revision().publish()

    html = client.get(f"{proceedings.url}ingenierie-et-recherche/").content.decode()
    assert "Doctorante" in html
    assert "Maîtresse de conférences" not in html


def test_proceedings_link_each_talk_and_keep_their_anchors(client, proceedings):
    add_talk(proceedings, title="Le mot du président", video_url="https://v.example.org/")

    html = client.get(proceedings.url).content.decode()

    assert f'<a href="{proceedings.url}le-mot-du-president/">Le mot du président</a>' in html
    # The anchor older links and the search used keeps its place.
    assert 'id="interventions"' in html
    assert 'id="intervention-le-mot-du-president"' in html


def test_the_programme_links_each_talk_that_has_a_page(client, proceedings):
    event = proceedings.get_parent().specific
    alcaras = PersonFactory(name="Jean-Robert Alcaras")
    ProgrammeItemFactory(page=event, title="L’ingénierie sociale en France", speakers=[alcaras])
    ProgrammeItemFactory(page=event, title="Table ronde de l’après-midi", speakers=[alcaras])
    ProgrammeItemFactory(page=event, title="Accueil café", kind="break")
    add_talk(
        proceedings,
        title="L'Ingénierie  sociale en France",  # straight apostrophe, another case
        speakers=[alcaras],
        video_url="https://v.example.org/",
    )
    event.save_revision().publish()

    html = client.get(event.url).content.decode()

    talk_url = f"{proceedings.url}l-ingenierie-sociale-en-france/"
    assert f'<a href="{talk_url}">L’ingénierie sociale en France</a>' in html
    # Same speaker, but another title: the title decided; a break has no trace.
    assert html.count(f'href="{talk_url}"') == 1
    assert '<p class="programme__title">Accueil café</p>' in html


def test_an_unknown_talk_address_is_not_found(client, proceedings):
    add_talk(proceedings, title="Une intervention", video_url="https://v.example.org/")

    assert client.get(f"{proceedings.url}une-autre/").status_code == 404


def test_the_sitemap_lists_every_talk(client, proceedings):
    add_talk(proceedings, title="Première", video_url="https://v.example.org/1")
    add_talk(proceedings, title="Seconde", video_url="https://v.example.org/2")

    xml = client.get("/sitemap.xml").content.decode()

    for talk in proceedings.contributions.all():
        assert f"<loc>{talk.get_full_url()}</loc>" in xml
        assert talk.get_full_url().endswith(f"{proceedings.url}{talk.slug}/")


def test_talk_addresses_come_from_titles_and_stay_distinct(proceedings):
    assert talk_slug("Œuvrer à la professionnalisation du DEIS") == (
        "oeuvrer-a-la-professionnalisation-du-deis"
    )
    long_title = "L’ingénierie sociale en France : " + "le paradoxe de la pertinence " * 4
    slug = talk_slug(long_title)
    assert len(slug) <= 80 and not slug.endswith("-") and long_title.count(" ") > 20
    assert slug.split("-")[-1] in long_title.replace("’", " ").split()

    first = add_talk(proceedings, title="Table ronde", video_url="https://v.example.org/1")
    second = add_talk(proceedings, title="Table ronde ", video_url="https://v.example.org/2")
    assert (first.slug, second.slug) == ("table-ronde", "table-ronde-2")
    # Once given, an address does not follow a new title: it is cited.
    first.title = "Table ronde finale"
    first.save()
    first.refresh_from_db()
    assert first.slug == "table-ronde"


def test_a_talk_page_costs_the_same_queries_with_2_or_20_talks(client, db):
    def build(size):
        page = ProceedingsPageFactory(parent=EventPageFactory(title=f"Colloque {size}"))
        for _ in range(size):
            ContributionFactory(page=page, speakers=PersonFactory.create_batch(2))
        return page, page.contributions.first()

    counts = []
    for size in (2, 20):
        page, talk = build(size)
        url = f"{page.url}{talk.slug}/"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<li><a href=") >= size - 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
