"""``SearchEntry.terms``: what the search matches on PostgreSQL (see the model).

On PostgreSQL the column is filled from ``body`` for the entries already
there, then GIN-indexed in place of ``body``, which is now read only to check
the rare phrase that is more than a sequence of words, among the entries
whose ``terms`` match.

The column keeps no planner statistics (``SET STATISTICS 0``). A vector that
holds a document's every word is stored compressed out of line, and the
planner counts none of the work of reading it back: from statistics that
say a word is in most entries it would read every entry's ``terms`` rather
than the index, which answers exactly without reading them. Without
statistics it estimates every word rare and reads the index.
"""

import django.contrib.postgres.search
from django.db import migrations

TERMS_INDEX = "search_entry_terms_gin"
BODY_INDEX = "search_entry_body_gin"
# A copy of search.entries.TERMS_SQL as it is at this migration, for every entry.
FILL_TERMS = """
UPDATE search_searchentry AS entry SET terms = strip(entry.body) || (
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT
        'p' || left(md5(pair.before || ' ' || pair.gap || ' ' || pair.lexeme), 12))), '')
    FROM (
        SELECT word.lexeme, lag(word.lexeme) OVER w AS before, at - lag(at) OVER w AS gap
        FROM unnest(entry.body) AS word, unnest(word.positions) AS at
        WINDOW w AS (ORDER BY at)
    ) AS pair
    WHERE pair.before IS NOT NULL
)
"""


def index_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE search_searchentry ALTER COLUMN terms SET STATISTICS 0")
    execute(FILL_TERMS)
    execute(f"CREATE INDEX IF NOT EXISTS {TERMS_INDEX} ON search_searchentry USING gin (terms)")
    execute(f"DROP INDEX IF EXISTS {BODY_INDEX}")


def index_body(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TERMS_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {BODY_INDEX} ON search_searchentry USING gin (body)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_search_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="terms",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(index_terms, index_body),
    ]
