"""The search benchmark (``make bench-search``) runs from end to end at a tiny scale."""

import json

import pytest

from bench.content import Scale
from bench.queries import QUERIES
from bench.run import run_benchmark, table, write_results
from core.models import ColloquiumDocument, DocumentPageText
from publications.models import Contribution

SMOKE_QUERIES = [
    ("common", "travail"),
    ("field-unaccented", "ingenierie"),
    ("phrase", '"travail social"'),
    ("name-unaccented", "Laetitia"),
    ("none", "anticonstitutionnellement"),
]


def test_the_fixed_query_set_has_fifty_queries_of_every_kind():
    kinds = {kind.split("-")[0] for kind, _query in QUERIES}
    assert len(QUERIES) == 50
    assert len({query for _kind, query in QUERIES}) == 50
    assert {"common", "field", "rare", "name", "pair", "phrase", "none"} <= kinds


@pytest.mark.django_db
def test_benchmark_runs_at_a_tiny_scale(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    scale = Scale(
        documents=6,
        pages=6,
        min_document_pages=5,
        max_document_pages=7,
        extraction_sample=2,
        repeats=1,
    )

    results = run_benchmark(scale, queries=SMOKE_QUERIES, log=lambda message: None)

    counts = results["generation"]["counts"]
    assert (counts["documents"], counts["pages"], counts["events"]) == (6, 6, 2)
    # The real PDFs are read back by the project's extraction, word for word.
    extraction = results["extraction"]
    assert extraction["documents"] == 2
    assert extraction["pages_with_identical_words"] == extraction["pages"] > 0
    # Every generated talk has its own page, as an editor's would.
    talk = Contribution.objects.order_by("pk").last()
    assert not Contribution.objects.filter(slug="").exists()
    assert client.get(talk.get_url()).status_code == 200
    # Every document's pages are stored, through the same storage.
    for document in ColloquiumDocument.objects.all():
        assert document.extraction_status == ColloquiumDocument.ExtractionStatus.EXTRACTED
        assert DocumentPageText.objects.filter(document=document).count() == document.page_count
    # The index was built and the queries ran through the API and the page.
    assert results["sizes"]["index_entries"] > 6
    by_query = {row["query"]: row for row in results["queries"]}
    assert all(row["status"] == 200 for row in results["queries"])
    assert by_query["travail"]["results"] > 0
    assert by_query["anticonstitutionnellement"]["results"] == 0
    assert results["summary"]["search_ms"]["queries"] == len(SMOKE_QUERIES)
    assert "Execution Time" in results["slowest"]["plan"]
    assert "| Whole `/recherche/` response" in table(results)
    path = write_results(results, tmp_path / "results.json")
    assert json.loads(path.read_text())["scale"]["documents"] == 6

    # Timed again on the kept archive: with the post-index command, or without.
    kept = run_benchmark(scale, queries=SMOKE_QUERIES[:1], build=False, index=False, log=print)
    assert "update_search_entries" in kept["post_index_on_kept_data_s"]
    again = run_benchmark(
        scale, queries=SMOKE_QUERIES[:1], build=False, index=False, complete=False, log=print
    )
    assert "post_index_on_kept_data_s" not in again
    assert again["queries"][0]["results"] == by_query["travail"]["results"]
