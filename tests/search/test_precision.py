"""Precision and recall of the shipped search on a small labelled set (tests/search/labelled.py)."""

import pytest

from search.query import search
from tests.factories import ContributionFactory, EventPageFactory, ProceedingsPageFactory
from tests.search.conftest import document_with_pages
from tests.search.labelled import QUERIES, TALKS, TYPO_QUERIES, precision_recall


@pytest.fixture
def labelled_talks(db, publish):
    # The talks' event adds its own words to each document: keep them neutral.
    event = EventPageFactory(title="Rencontres 2020", subtitle="Journée annuelle")
    proceedings = ProceedingsPageFactory(parent=event, title="Traces")
    documents = {}
    for key, text in TALKS.items():
        document = document_with_pages(f"Support {key}", text)
        ContributionFactory(page=proceedings, title=f"Intervention {key}", document=document)
        documents[document.pk] = key
    publish(proceedings)
    return documents


def found_talks(documents, query):
    results = search(query, per_page=len(documents) + 10).results
    return {documents[r.document_id] for r in results if r.document_id}


def test_every_answer_is_relevant_and_almost_every_relevant_talk_is_found(labelled_talks):
    found = {query: found_talks(labelled_talks, query) for query in QUERIES}

    precision, recall = precision_recall(found, QUERIES)

    assert precision == 1.0, found
    assert recall == 1.0, found


def test_typing_mistakes_bring_no_noise(labelled_talks):
    """No typo tolerance (docs/search.md): a misspelt word finds its talk only when
    stemming happens to reduce it to the right stem ("ingeniere"), never a wrong one."""
    found = {query: found_talks(labelled_talks, query) for query in TYPO_QUERIES}

    precision, recall = precision_recall(found, TYPO_QUERIES)

    assert precision == 1.0, found
    assert recall < 0.5, found
