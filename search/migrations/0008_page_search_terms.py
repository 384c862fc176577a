"""Formerly: phrases on word pairs for pages too: ``search_terms`` on Wagtail's index entries.

This changed Wagtail's ``wagtailsearch_indexentry`` table. The search now
reads only tables of its own (search/0010): on a new database this migration
does nothing (either way), and 0010 undoes it on a database migrated before.
``create_on_wagtail_table`` is what it used to run (the migration tests
rebuild such a database with it).
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

def _run(apps, schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        pages = apps.get_model("wagtailcore", "Page")._meta.db_table
        for statement in statements:
            schema_editor.execute(statement.replace("{table}", table).replace("{pages}", pages))


def create_on_wagtail_table(apps, schema_editor):
    _run(apps, schema_editor, CREATE)




class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_drop_document_matches_function"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
