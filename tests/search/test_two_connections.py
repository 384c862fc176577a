"""A search's two statements at once, on two connections (outside any transaction).

The other search tests run inside a test's transaction, where the two
statements run one after the other on one connection. Here the data is
committed (``transaction=True``), so the facets are counted on a pool
thread's connection while this one ranks the results: the visitor must read
the same page either way, and no connection may be left open.
"""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import query as site_search
from tests.factories import ContributionFactory, PersonFactory
from tests.search.conftest import document_with_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _page(response):
    """What the visitor reads of a search response."""
    return {
        "total": response.total,
        "results": [
            (r.kind, r.title, r.event_title, r.year, r.page_number) for r in response.results
        ],
        "snippets": [str(r.snippet) for r in response.results],
        "facets": [
            (f.name, f.hidden, [(v.value, v.label, v.count, v.selected) for v in f.values])
            for f in response.facets
        ],
    }


def _other_connections(settle=5.0):
    """Connections to this database other than this one, once the closed ones
    are gone: a server process leaves ``pg_stat_activity`` a little after its
    client has closed the connection, so a closed one is waited for (up to
    ``settle`` seconds) while one left open is counted."""
    deadline = time.monotonic() + settle
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            count = cursor.fetchone()[0]
        if count == 0 or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def test_facets_counted_on_another_connection_match_one_connection(archive, publish, settings):
    speaker = PersonFactory(name="Odile Marchand")
    for number in range(3):
        ContributionFactory(
            page=archive["proceedings"],
            title=f"Atelier {number}",
            speakers=[speaker],
            document=document_with_pages(f"Atelier {number}", "L'ingénierie des territoires."),
        )
    publish(archive["proceedings"])
    event_id = archive["event"].pk
    queries = [
        ("ingenierie", {}),
        ("ingénierie", {"colloque": str(event_id), "type": "intervention"}),
    ]
    settings.ANDELIS_SEARCH_THREADS = 2

    together = []
    for text, filters in queries:
        with CaptureQueriesContext(connection) as captured:
            together.append(_page(site_search.search(text, filters)))
        statements = [q["sql"] for q in captured.captured_queries]
        # The facets were not counted on this connection.
        assert not any("GROUPING SETS" in sql for sql in statements)
        assert any("ORDER BY h.score DESC" in sql for sql in statements)
    assert _other_connections() == 0  # the pool's connection is closed (CONN_MAX_AGE 0)

    settings.ANDELIS_SEARCH_THREADS = 0
    alone = []
    for text, filters in queries:
        with CaptureQueriesContext(connection) as captured:
            alone.append(_page(site_search.search(text, filters)))
        assert any("GROUPING SETS" in q["sql"] for q in captured.captured_queries)

    assert together == alone
    everything, filtered = together
    # The four talks' documents and the proceedings that list them.
    assert everything["total"] == 5
    speakers = {label: count for _value, label, count, _selected in everything["facets"][3][2]}
    assert speakers == {"Odile Marchand": 4, "Laëtitia Fontaine": 2}
    assert filtered["total"] == 4
    assert {kind for kind, *_rest in filtered["results"]} == {"intervention"}
