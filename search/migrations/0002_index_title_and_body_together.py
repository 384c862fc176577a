"""Wagtail's PostgreSQL backend matches ``(title || body) @@ query``; its own GIN
indexes are on each column alone, so every search read the whole index table.
An index on the concatenation serves that condition. Nothing on SQLite."""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "{table}" USING gin ((title || body))'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_french_unaccent"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
