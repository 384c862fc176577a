"""``search_document_matches()`` dropped: the ranking statement matches the documents itself.

search/query.py now runs the match inline, in the ranking statement's own
transaction with ``enable_seqscan = off`` (what the function's setting was
for), so that its header-only branch reuses the body's matches instead of
reading the body's GIN index twice, and the function's plan is not made again
at every call. Nothing on SQLite.
"""

import importlib

from django.db import migrations

SIGNATURE = "search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        previous = importlib.import_module(
            "search.migrations.0006_word_pairs_page_lists_and_speakers"
        )
        schema_editor.execute(previous.MATCHES)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_pairs_page_lists_and_speakers")]

    operations = [migrations.RunPython(drop, restore)]
