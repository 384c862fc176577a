"""Which pages use each document, stored on its entry: the public check costs no join.

The public search shows a document only when a published page outside any
view restriction uses it (a talk of proceedings, an event's poster). Checking
that at query time by joining every published talk cost ~13 ms per search at
10,000 documents, whatever the query. ``page_ids integer[]`` (PostgreSQL only,
not a model field: SQLite has no arrays; SQLite keeps the join) lists the
pages using the document, whatever their state; ``search/documents.py`` keeps
it true; the query checks it against the live, public pages (a hashed set of
about 2,000 ids). ``search_document_matches`` returns it, and no longer the
title (read for the rows shown only).
"""

from django.db import migrations

MATCHES = """
CREATE FUNCTION search_document_matches(
    header_query tsquery, body_query tsquery, words_query tsquery, phrase_query tsquery,
    body_score float8
) RETURNS TABLE (
    document_id bigint, score float8, kind varchar, talk_id integer, event_id integer,
    year integer, speaker_ids integer[], page_ids integer[]
)
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$
  WITH body AS MATERIALIZED (
    SELECT e.document_id, e.header, e.kind, e.talk_id, e.event_id, e.year, e.speaker_ids,
           e.page_ids
    FROM search_documentsearchentry e WHERE e.body @@ body_query
    UNION ALL
    SELECT e.document_id, e.header, e.kind, e.talk_id, e.event_id, e.year, e.speaker_ids,
           e.page_ids
    FROM search_documentsearchentry e
    WHERE phrase_query IS NOT NULL AND NOT e.body_has_pairs AND e.body @@ words_query
      AND EXISTS (
        SELECT 1 FROM core_documentpagetext p
        WHERE p.document_id = e.document_id AND p.search_vector @@ phrase_query
      )
  )
  SELECT b.document_id,
         body_score + CASE WHEN b.header @@ header_query
                      THEN ts_rank(b.header, header_query) ELSE 0 END,
         b.kind, b.talk_id, b.event_id, b.year, b.speaker_ids, b.page_ids
  FROM body b
  UNION ALL
  SELECT e.document_id, ts_rank(e.header, header_query), e.kind, e.talk_id, e.event_id,
         e.year, e.speaker_ids, e.page_ids
  FROM search_documentsearchentry e
  WHERE e.header @@ header_query AND e.document_id NOT IN (SELECT document_id FROM body)
$$
"""
SIGNATURE = "search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)"

CREATE = [
    "ALTER TABLE search_documentsearchentry"
    " ADD COLUMN IF NOT EXISTS page_ids integer[] NOT NULL DEFAULT '{}'",
    "UPDATE search_documentsearchentry e SET page_ids = ARRAY("
    " SELECT c.page_id FROM publications_contribution c WHERE c.document_id = e.document_id"
    " UNION SELECT v.page_ptr_id FROM events_eventpage v WHERE v.poster_id = e.document_id"
    " ORDER BY 1)",
    f"DROP FUNCTION IF EXISTS {SIGNATURE}",
    MATCHES,
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Back to search/0006's function.
        from importlib import import_module

        previous = import_module("search.migrations.0006_word_pairs_and_speaker_ids")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
        schema_editor.execute(
            next(sql for sql in previous.CREATE if "FUNCTION search_document_matches" in sql)
        )
        schema_editor.execute("ALTER TABLE search_documentsearchentry DROP COLUMN page_ids")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_word_pairs_and_speaker_ids"),
        ("publications", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
