"""Formerly an extra index on Wagtail's ``wagtailsearch_indexentry`` table.

The search now reads only tables of its own (search/0010). On a new database
this migration does nothing (either way); a database migrated before keeps the index until
0010 drops it. ``create_on_wagtail_table`` is what it used to run (the
migration tests rebuild such a database with it)."""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_on_wagtail_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "{table}" USING gin ((title || body))'
    )




class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_french_unaccent"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
