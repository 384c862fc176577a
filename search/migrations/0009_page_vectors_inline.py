"""Formerly: pages' vectors kept in their row of Wagtail's index table, not in its TOAST table.

This changed Wagtail's ``wagtailsearch_indexentry`` table. The search now
reads only tables of its own (search/0010): on a new database this migration
does nothing (either way), and 0010 undoes it on a database migrated before.
``create_on_wagtail_table`` is what it used to run (the migration tests
rebuild such a database with it).
"""

from django.db import migrations

# Bytes a row may take before its values are compressed or moved out: nearly
# a whole 8 kB page (the default is 2 kB).
ROW_TARGET = 8160
# Entries whose vectors may be out of their row (smaller ones never are).
OUT_OF_ROW_SIZE = 2000

FORWARD = [
    f"ALTER TABLE {{table}} SET (toast_tuple_target = {ROW_TARGET})",
    "ALTER TABLE {table} ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN body SET STORAGE MAIN",
    "UPDATE {table} SET title = title || ''::tsvector, body = body || ''::tsvector"
    f" WHERE pg_column_size(title) + pg_column_size(body) > {OUT_OF_ROW_SIZE}",
]

def _run(apps, schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        for statement in statements:
            schema_editor.execute(statement.replace("{table}", table))


def create_on_wagtail_table(apps, schema_editor):
    _run(apps, schema_editor, FORWARD)




class Migration(migrations.Migration):
    dependencies = [("search", "0008_page_search_terms")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
