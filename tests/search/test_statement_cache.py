"""Search statements compiled once per shape of query (``search.query._StatementCache``).

A statement compiled for one query is reused, with its values replaced, for
every query of the same shape: the visitor must read what a statement
compiled for their own query gives, whatever was searched before.
"""

import pytest

from search import query as site_search
from tests.factories import ContributionFactory, PersonFactory
from tests.search.conftest import document_with_pages


def _page(response):
    """What the visitor reads of a search response."""
    return {
        "total": response.total,
        "results": [(r.kind, r.title, r.page_number, str(r.snippet)) for r in response.results],
        "facets": [
            (f.name, [(v.value, v.label, v.count, v.selected) for v in f.values])
            for f in response.facets
        ],
    }


@pytest.fixture
def talks(archive, publish):
    speaker = PersonFactory(name="Odile Marchand")
    for number, text in enumerate(
        (
            "La protection de l'enfance en Provence.",
            "L'aide sociale à l'enfance et les jeunes majeurs.",
            "Travail social et protection des jeunes.",
        )
    ):
        ContributionFactory(
            page=archive["proceedings"],
            title=f"Atelier {number}",
            speakers=[speaker] if number else [],
            document=document_with_pages(f"Atelier {number}", text),
        )
    publish(archive["proceedings"])
    return {"speaker": speaker, "event": archive["event"]}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # One word, then another.
        (("habitants", {}), ("ingénierie", {})),
        # Words with apostrophes (doubled in Wagtail's tsquery), with a filter.
        (("participation habitants", {"annee": "2019"}), ("l'enfance jeunes", {"annee": "2017"})),
        # A phrase and a word, filtered by kind and speaker.
        (
            ('"territoires urbains sociaux" synthese', {"type": "document", "intervenant": "S"}),
            ('"protection des jeunes" travail', {"type": "intervention", "intervenant": "S"}),
        ),
        # Two phrases, and the colloquium's filter.
        (
            ('"a b" "c d"', {"colloque": "E"}),
            ('"aide sociale" "jeunes majeurs"', {"colloque": "E"}),
        ),
    ],
)
def test_a_query_reads_what_its_own_statements_give_after_another_of_its_shape(
    talks, first, second, monkeypatch
):
    values = {"S": str(talks["speaker"].pk), "E": str(talks["event"].pk)}

    def run(query, filters, **options):
        filters = {name: values.get(value, value) for name, value in filters.items()}
        return _page(site_search.search(query, filters, **options))

    # The reference: statements compiled for the query itself, no cache.
    with monkeypatch.context() as patched:
        patched.setattr(site_search._statements, "get", site_search._build_statement)
        own = run(*second)
        own_second_page = run(*second, page_number=2, per_page=1)
    assert own["total"] > 0

    site_search._statements.clear()
    run(*first)
    assert len(site_search._statements._entries) == 2  # the ranking and the facets
    assert run(*second) == own
    assert run(*second, page_number=2, per_page=1) == own_second_page
    assert len(site_search._statements._entries) == 2  # reused, not compiled again


def test_a_query_made_of_the_sentinel_word_is_still_found(archive, publish):
    ContributionFactory(
        page=archive["proceedings"],
        title="Atelier",
        document=document_with_pages("Atelier", f"Le mot {site_search.SENTINEL}0 seul."),
    )
    publish(archive["proceedings"])
    site_search.search("habitants")  # a statement of the same shape, compiled

    response = site_search.search(f"{site_search.SENTINEL}0")

    assert [r.title for r in response.results] == ["Atelier"]
    assert response.total == 1
