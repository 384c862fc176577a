"""The search on a table of its own: ``SearchEntry`` replaces the two entry tables.

On a database migrated by earlier versions, what they added to Wagtail's
``wagtailsearch_indexentry`` table (an index on ``title || body``, the
``search_terms`` column with its trigger and index, the storage settings of
``title`` and ``body``) and their SQL functions are removed; on a new
database there is nothing to remove. Then ``manage.py update_search_entries``
fills the new table. The GIN index on ``body`` is PostgreSQL's only.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FUNCTIONS = [
    "search_entry_terms()",
    "search_pairs_query(regconfig, text)",
    "search_word_pairs(tsvector)",
    "search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)",
    "search_body_matches(tsquery)",
]
BODY_INDEX = "search_entry_body_gin"


def _has_toast_target(cursor, table):
    cursor.execute(
        "SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE oid = %s::regclass",
        [table],
    )
    return "toast_tuple_target" in cursor.fetchone()[0]


def undo_wagtail_table_changes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    execute = schema_editor.execute
    execute("DROP INDEX IF EXISTS search_indexentry_title_body_gin")
    execute("DROP INDEX IF EXISTS search_indexentry_terms_gin")
    execute(f'DROP TRIGGER IF EXISTS search_entry_terms ON "{table}"')
    execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS search_terms')
    with schema_editor.connection.cursor() as cursor:
        if _has_toast_target(cursor, table):
            execute(f'ALTER TABLE "{table}" RESET (toast_tuple_target)')
            execute(
                f'ALTER TABLE "{table}" ALTER COLUMN title SET STORAGE EXTENDED,'
                " ALTER COLUMN body SET STORAGE EXTENDED"
            )
    for function in FUNCTIONS:
        execute(f"DROP FUNCTION IF EXISTS {function}")


def create_body_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {BODY_INDEX} ON search_searchentry USING gin (body)"
        )


def drop_body_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {BODY_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_page_search_vector"),
        ("search", "0009_page_vectors_inline"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(undo_wagtail_table_changes, migrations.RunPython.noop),
        migrations.DeleteModel(name="DocumentSearchEntry"),
        migrations.DeleteModel(name="PageSearchEntry"),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20, verbose_name="type")),
                ("title", models.CharField(max_length=255, verbose_name="titre")),
                ("text", models.TextField(blank=True, verbose_name="texte")),
                ("talk_id", models.IntegerField(blank=True, null=True, verbose_name="intervention")),
                ("event_id", models.IntegerField(blank=True, null=True, verbose_name="colloque")),
                ("year", models.IntegerField(blank=True, null=True, verbose_name="année")),
                ("speakers", models.JSONField(blank=True, default=dict, verbose_name="intervenants")),
                ("title_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("header", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("body", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("words", models.TextField(blank=True, verbose_name="mots (SQLite)")),
                (
                    "document",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.colloquiumdocument",
                        verbose_name="document",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "verbose_name": "entrée de recherche",
                "verbose_name_plural": "entrées de recherche",
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("document", None)),
                        fields=("page",),
                        name="search_entry_one_per_page",
                    )
                ],
            },
        ),
        migrations.RunPython(create_body_index, drop_body_index),
    ]
