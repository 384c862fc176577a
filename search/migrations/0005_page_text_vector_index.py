"""A GIN index on each document page's ``search_vector``, for phrases.

A phrase cannot be checked on a document's stripped body vector, so it is
checked on its pages' vectors (with positions). Without an index that read the
pages of every document having the phrase's words; with it only the pages
having all the words are read. Nothing on SQLite.
"""

from django.db import migrations

INDEX_NAME = "core_documentpagetext_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("core", "DocumentPageText")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "{table}" USING gin (search_vector)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_body_matches_function"), ("core", "0004_page_search_vector")]

    operations = [migrations.RunPython(create, drop)]
