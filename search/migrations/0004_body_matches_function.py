"""``search_body_matches(tsquery)``: the documents whose text has every word of a query.

When a word is in most documents PostgreSQL's planner prefers a sequential
scan to the GIN index on ``body``, and a sequential scan detoasts every body
to test it, many times slower than the index for a common word. The function runs its one statement with ``enable_seqscan = off``
(a function's own setting: nothing else is affected). Nothing on SQLite.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION search_body_matches(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$ SELECT document_id FROM search_documentsearchentry WHERE body @@ query $$
"""
DROP = "DROP FUNCTION IF EXISTS search_body_matches(tsquery)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_search_entry")]

    operations = [migrations.RunPython(create, drop)]
