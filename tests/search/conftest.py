"""A small archive to search: two colloquia, their proceedings and the talks' PDFs."""

import pytest
from django.core.files.base import ContentFile

from core.extraction import store_extraction
from tests.factories import (
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventPageFactory,
    PersonFactory,
    ProceedingsPageFactory,
    paris,
)
from tests.pdfs import pages_pdf


def document_with_pages(title, *page_texts):
    """A document whose text has been extracted, as the background task does."""
    document = ColloquiumDocumentFactory(
        title=title,
        file=ContentFile(pages_pdf(*page_texts), name=f"{title.lower().replace(' ', '-')}.pdf"),
    )
    store_extraction(document)
    return document


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page the way the admin does (revision, then publish), commit included."""

    def publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


@pytest.fixture
def archive(db, publish):
    event = EventPageFactory(
        title="Colloque de Marseille 2017",
        subtitle="Le DEIS a dix ans",
        start=paris(2017, 11, 20, 9),
        end=paris(2017, 11, 20, 17),
    )
    proceedings = ProceedingsPageFactory(parent=event, title="Traces du colloque de Marseille")
    speaker = PersonFactory(name="Laëtitia Fontaine")
    talk_document = document_with_pages(
        "Diaporama Fontaine",
        "Introduction générale.",
        "Les hétérotopies de l'ingénierie sociale en Méditerranée.",
        "Conclusion.",
    )
    talk = ContributionFactory(
        page=proceedings,
        title="Ingénierie sociale et territoires",
        document=talk_document,
        speakers=[speaker],
    )
    other_event = EventPageFactory(
        title="Colloque de Lyon 2019",
        subtitle="Participation des habitants",
        start=paris(2019, 6, 3, 9),
        end=paris(2019, 6, 3, 17),
    )
    other_proceedings = ProceedingsPageFactory(
        parent=other_event, title="Traces du colloque de Lyon"
    )
    other_document = document_with_pages("Synthèse Lyon", "La participation des habitants.")
    ContributionFactory(
        page=other_proceedings, title="Synthèse des ateliers", document=other_document
    )
    for page in (event, proceedings, other_event, other_proceedings):
        publish(page)
    return {
        "event": event,
        "proceedings": proceedings,
        "talk": talk,
        "talk_document": talk_document,
        "speaker": speaker,
        "other_event": other_event,
        "other_document": other_document,
    }
