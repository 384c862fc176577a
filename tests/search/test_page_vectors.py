"""A page's vectors stay in its row of Wagtail's index table (search/0009), and still rank it."""

import random

from django.db import connection
from wagtail.rich_text import RichText
from wagtail.search.models import IndexEntry

from search.query import search
from tests.factories import ArgumentPageFactory

# Words enough for a body vector of a few kilobytes (above the 2 kB at which
# PostgreSQL moves a value out of its row by default).
WORDS = [f"notion{number}" for number in range(300)]


def _essay(archive, publish, title, text):
    return publish(
        ArgumentPageFactory(
            parent=archive["event"], title=title, body=[("paragraph", RichText(f"<p>{text}</p>"))]
        )
    )


def test_the_vectors_ranked_are_kept_in_the_row_while_they_fit(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attname IN ('title', 'body', 'search_terms')",
            [IndexEntry._meta.db_table],
        )
        storage = dict(cursor.fetchall())
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [IndexEntry._meta.db_table]
        )
        [options] = cursor.fetchone()
    # Ranked vectors stay in the row (MAIN); the pairs, read through their
    # index only, leave it first (EXTENDED).
    assert storage == {"title": "m", "body": "m", "search_terms": "x"}
    assert "toast_tuple_target=8160" in options


def test_a_long_essay_is_ranked_by_its_words(archive, publish):
    words = random.Random(3).sample(WORDS, len(WORDS))
    _essay(archive, publish, "Argumentaire de Lyon", " ".join(words) + " laïcité laïcité laïcité.")
    _essay(archive, publish, "Argumentaire de Lille", " ".join(words[:150]) + " laïcité.")

    entry = IndexEntry.objects.get(title_text="Argumentaire de Lyon")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(body) FROM wagtailsearch_indexentry WHERE id = %s", [entry.pk]
        )
        assert cursor.fetchone()[0] > 2000
    # The essay that says it three times first.
    titles = [r.title for r in search("laicite").results if r.hit.kind == "page"]
    assert titles[:2] == ["Argumentaire de Lyon", "Argumentaire de Lille"]
