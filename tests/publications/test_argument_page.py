"""An argument essay numbers its footnotes, links them both ways, at a fixed query cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from tests.factories import ArgumentPageFactory, FootnoteFactory


def build_essay(size):
    essay = ArgumentPageFactory(title=f"Argumentaire à {size}", body=[])
    notes = [FootnoteFactory(page=essay, text=f"<p>Source {n}.</p>") for n in range(size)]
    # Referenced in reverse order of creation: numbering follows the text, not the admin.
    essay.body = [
        (
            "paragraph",
            RichText(f'<p>Paragraphe {n}<footnote id="{note.uuid}">[x]</footnote>.</p>'),
        )
        for n, note in enumerate(reversed(notes))
    ]
    essay.save_revision().publish()
    return essay


def visit(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_footnotes_are_numbered_in_reading_order_and_link_both_ways(client):
    essay = build_essay(3)

    _, html = visit(client, essay)

    references = re.findall(r'<a [^>]*href="#footnote-(\d+)"[^>]*>', html)
    assert references == ["1", "2", "3"]
    assert html.count('role="doc-noteref"') == 3
    assert 'role="doc-endnotes"' in html
    notes = re.findall(r'<li id="footnote-(\d+)".*?<p>(Source \d)\.</p>', html, re.S)
    # The last-created note is referenced first, so it is note 1.
    assert notes == [("1", "Source 2"), ("2", "Source 1"), ("3", "Source 0")]
    for number in ("1", "2", "3"):
        assert f'id="footnote-source-{number}-1"' in html
        assert f'href="#footnote-source-{number}-1"' in html
    assert "Retour au texte (note 1)" in html
    assert "<footnote" not in html


@pytest.mark.django_db
def test_essay_queries_do_not_grow_with_paragraphs_and_notes(client):
    small, large = build_essay(2), build_essay(12)
    visit(client, small)

    small_count, _ = visit(client, small)
    large_count, html = visit(client, large)

    assert html.count('role="doc-noteref"') == 12
    assert large_count == small_count


@pytest.mark.django_db
def test_a_preview_shows_the_footnote_being_edited_not_the_stored_one():
    essay = build_essay(1)
    note = essay.footnotes.get()
    # What the editor has typed and not saved: modelcluster holds it in memory.
    note.text = "<p>Source corrigée.</p>"
    essay.footnotes = [note]

    html = essay.make_preview_request().content.decode()

    assert "Source corrigée." in html
    assert "Source 0." not in html
