"""Unfiltered, only the documents that can be shown are ranked: the same pages as ranking every hit.

Documents that their text matches and their title does not all score the
same: the ranking statement keeps only the latest of them (ties are broken
by id), as many as the page shows (search.query._top_document_matches_sql).
"""

import pytest
from wagtail.rich_text import RichText

from search.query import _parse_filters, _python_search, clean_query, parse_query, search
from tests.factories import ArgumentPageFactory, ContributionFactory
from tests.search.conftest import document_with_pages


@pytest.fixture
def many_talks(archive, publish):
    """Twelve talks whose document holds "médiation" in its text only, three in
    their title too, and an essay that says it: ranked together."""
    proceedings = archive["proceedings"]
    for number in range(12):
        title = f"Médiation {number}" if number % 4 == 0 else f"Atelier {number}"
        document = document_with_pages(
            title, "Introduction.", f"La médiation sociale, cas {number}."
        )
        ContributionFactory(page=proceedings, title=title, document=document)
    publish(proceedings)
    publish(
        ArgumentPageFactory(
            parent=archive["event"],
            title="Argumentaire de la médiation",
            body=[("paragraph", RichText("<p>La médiation, la médiation et la médiation.</p>"))],
        )
    )
    return archive


@pytest.mark.parametrize("query", ["mediation", "médiation sociale", '"médiation sociale"'])
def test_every_page_of_results_is_the_one_ranking_every_hit_gives(many_talks, query):
    cleaned = clean_query(query)
    reference_total = None
    for per_page, page_number in ((10, 1), (10, 2), (3, 1), (3, 2), (3, 4), (3, 9), (1, 5)):
        fast = search(query, page_number=page_number, per_page=per_page)
        reference = _python_search(
            cleaned, parse_query(cleaned), _parse_filters({}), page_number, per_page, None
        )
        assert fast.total == reference.total
        assert [(r.kind, r.title) for r in fast.results] == [
            (r.kind, r.title) for r in reference.results
        ]
        reference_total = reference.total
    # The twelve talks' documents at least: more than a page of three shows.
    assert reference_total >= 12
