"""Relevance on the demo content: fixed queries and the results a visitor expects first.

A page whose title holds the whole query comes before the documents that only
mention it, and the demo PDFs' placeholder notice never shows in a snippet.
"""

import io

from django.core.management import call_command

from search.query import search

# The notice printed on the generated demo PDFs (DEMO_NOTICE in the demo content).
NOTICE = "Document de démonstration"

EXPECTED_FIRST = {
    "ingénierie sociale": [
        ("colloque", "Colloque national sur l’ingénierie sociale"),
        ("argumentaire", "Argumentaire du colloque"),
    ],
    '"paradoxe de la pertinence"': [
        (
            "intervention",
            "L’ingénierie sociale en France : le paradoxe de la pertinence et de l’insuccès",
        ),
    ],
}


def test_fixed_queries_give_their_expected_first_results_and_clean_snippets(db):
    call_command("load_demo_content", stdout=io.StringIO())

    for query, expected in EXPECTED_FIRST.items():
        results = search(query).results
        first = [(r.kind, r.title) for r in results[: len(expected)]]
        assert first == expected, (query, [(r.kind, r.title, r.score) for r in results])

    response = search("ingénierie sociale", per_page=50)
    documents = [r for r in response.results if r.document_id]
    assert documents
    assert not [r.title for r in response.results if NOTICE in r.snippet]
