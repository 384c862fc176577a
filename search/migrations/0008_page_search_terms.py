"""Phrases on word pairs for pages too: ``search_terms`` on Wagtail's index entries.

Wagtail matches a phrase with ``(title || body) @@ phraseto_tsquery(…)``.
Its GIN index only knows the words, so every page holding them is read again
for their positions: ~1,450 pages' vectors detoasted and joined for
"travail social" in the benchmark's archive, 30–40 ms in each of a search's
two statements. A document's ``body`` already holds its word pairs, so that
its phrases are answered by its GIN index alone (0006).

``search_terms`` (PostgreSQL only; not a model field: the table is
Wagtail's) holds every word of a page's entry (title and body) and every pair
of consecutive words (``search_word_pairs``), without positions, with a GIN
index. A trigger keeps it whenever Wagtail writes the entry (``update_index``
or a page saved), for pages only: a document's entry holds its whole text,
and the public search reads documents from ``DocumentSearchEntry``. A page
whose terms would not fit in a ``tsvector`` keeps its words and the marker
``' nopairs'`` (no text yields a lexeme starting with a space): its phrases
are checked on Wagtail's vectors. Existing entries are filled here.
"""

from django.db import migrations

# Bytes of lexemes a tsvector may hold, with a margin (the limit is 1 MB).
MAX_TERMS_BYTES = 900_000
NO_PAIRS = " nopairs"
INDEX_NAME = "search_indexentry_terms_gin"

CREATE = [
    "ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_terms tsvector",
    f"""
CREATE OR REPLACE FUNCTION search_entry_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  vector tsvector;
  words text[];
  terms text[];
BEGIN
  IF NEW.object_id !~ '^[0-9]+$' OR NOT EXISTS (
    SELECT 1 FROM {{pages}} p
    WHERE p.id = NEW.object_id::integer AND p.content_type_id = NEW.content_type_id
  ) THEN
    NEW.search_terms := NULL;
    RETURN NEW;
  END IF;
  vector := coalesce(NEW.title, ''::tsvector) || coalesce(NEW.body, ''::tsvector);
  words := tsvector_to_array(vector);
  terms := words || search_word_pairs(vector);
  IF coalesce((SELECT sum(octet_length(t) + 4) FROM unnest(terms) AS t), 0)
     > {MAX_TERMS_BYTES} THEN
    terms := words || ARRAY['{NO_PAIRS}'];
  END IF;
  NEW.search_terms := array_to_tsvector(terms);
  RETURN NEW;
END
$$
""",
    "DROP TRIGGER IF EXISTS search_entry_terms ON {table}",
    "CREATE TRIGGER search_entry_terms"
    " BEFORE INSERT OR UPDATE OF title, body, object_id, content_type_id"
    " ON {table} FOR EACH ROW EXECUTE FUNCTION search_entry_terms()",
    # Fires the trigger on every existing entry.
    "UPDATE {table} SET title = title",
    f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {{table}}"
    " USING gin (search_terms)",
]

DROP = [
    f"DROP INDEX IF EXISTS {INDEX_NAME}",
    "DROP TRIGGER IF EXISTS search_entry_terms ON {table}",
    "DROP FUNCTION IF EXISTS search_entry_terms()",
    "ALTER TABLE {table} DROP COLUMN IF EXISTS search_terms",
]


def _run(apps, schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        pages = apps.get_model("wagtailcore", "Page")._meta.db_table
        for statement in statements:
            schema_editor.execute(statement.replace("{table}", table).replace("{pages}", pages))


def create(apps, schema_editor):
    _run(apps, schema_editor, CREATE)


def drop(apps, schema_editor):
    _run(apps, schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_drop_document_matches_function"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
