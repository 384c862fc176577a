"""Pages' vectors kept in their row of Wagtail's index table, not in its TOAST table.

Ranking a page reads its ``title`` and ``body`` vectors (``ts_rank``, in the
ranking statement). A page's body vector is a few kilobytes (3.7 kB for a
colloquium, 5.3 kB for its argument essay in the benchmark's archive):
above the 2 kB at which PostgreSQL moves a value to the table's TOAST table
(uncompressed there, since a tsvector hardly compresses), so each page ranked
cost an index lookup and three chunk reads. For "politique" (1,492 pages)
reading the bodies took ~10.7 ms, against ~3.7 ms kept in the row.

PostgreSQL only, on Wagtail's table (no model of ours): ``STORAGE MAIN``
keeps ``title`` and ``body`` in the row while it fits in the 8 kB page
(``toast_tuple_target``), and still moves a longer one out. Existing
entries are rewritten so that they move back into their rows (the same
values: ``|| ''`` makes a new one; the 0008 trigger recomputes the same
terms).
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

BACKWARD = [
    "ALTER TABLE {table} RESET (toast_tuple_target)",
    "ALTER TABLE {table} ALTER COLUMN title SET STORAGE EXTENDED,"
    " ALTER COLUMN body SET STORAGE EXTENDED",
]


def _run(apps, schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        for statement in statements:
            schema_editor.execute(statement.replace("{table}", table))


def forward(apps, schema_editor):
    _run(apps, schema_editor, FORWARD)


def backward(apps, schema_editor):
    _run(apps, schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_page_search_terms")]

    operations = [migrations.RunPython(forward, backward)]
