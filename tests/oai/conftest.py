"""A small archive to harvest: colloquia with published proceedings and their talks."""

import pytest

from publications.models import Contribution, ProceedingsPage
from tests.factories import (
    ColloquiumDocumentFactory,
    EventPageFactory,
    PersonFactory,
    ProceedingsPageFactory,
    VenueFactory,
    paris,
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): …`` runs, at the end of the block, what was left for after the
    commit (the records' upkeep), as a request's commit does in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish_talks(proceedings, *talks):
    """Write talks in the proceedings as an editor does, then publish the page.
    Each talk: a dict of Contribution fields, with ``speakers`` a list of people."""
    for order, fields in enumerate(talks):
        fields = dict(fields)
        speakers = fields.pop("speakers", [])
        talk = Contribution(sort_order=order, **fields)
        proceedings.contributions.add(talk)
        talk.speakers.set(speakers)
    proceedings.save_revision().publish()
    # The page as published, its talks saved (the object above holds them in memory).
    return ProceedingsPage.objects.get(pk=proceedings.pk)


def make_colloquium(title, city, year, talks):
    """A colloquium in ``city`` on 12 May of ``year`` with its proceedings and talks."""
    event = EventPageFactory(
        title=title,
        venue=VenueFactory(city=city),
        start=paris(year, 5, 12, 9),
        end=paris(year, 5, 12, 17),
    )
    proceedings = ProceedingsPageFactory(parent=event)
    return publish_talks(proceedings, *talks)


@pytest.fixture
def marseille(db, committed):
    """The 2017 colloquium: three talks, one with an abstract, a PDF and a video."""
    lafore = PersonFactory(name="Robert Lafore", affiliation="Professeur de droit public")
    naud = PersonFactory(name="Laëtitia Naud", affiliation="Doctorante")
    with committed():
        return make_colloquium(
            "Colloque de Marseille",
            "Marseille",
            2017,
            [
                {
                    "title": "Évolution des politiques publiques",
                    "speakers": [lafore],
                    "document": ColloquiumDocumentFactory(title="Intervention Lafore"),
                    "video_url": "https://video.example.org/lafore",
                    "abstract": "Trente ans de politiques sociales.",
                },
                {
                    "title": "Ingénierie et recherche",
                    "speakers": [naud],
                    "video_url": "https://video.example.org/naud",
                },
                {
                    "title": "Paroles d’étudiants",
                    "speaker_label": "Les étudiants DEIS",
                    "video_url": "https://video.example.org/etudiants",
                },
            ],
        )


@pytest.fixture
def lyon(db, committed):
    """A second colloquium, 2019, two talks."""
    with committed():
        return make_colloquium(
            "Colloque de Lyon",
            "Lyon",
            2019,
            [
                {"title": "Territoires et ingénierie", "video_url": "https://v.example.org/1"},
                {"title": "Le DEIS dix ans après", "video_url": "https://v.example.org/2"},
            ],
        )
