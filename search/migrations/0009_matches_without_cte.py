"""``search_document_matches`` without a materialized CTE (same results, ~6 ms less).

The body matches were materialized with their header to be scanned twice (to
score them, and to leave them out of the header-only matches): for a common
word that copied 9,000 rows. The body's GIN index is cheap to read again
(~2.5 ms), so the header-only branch now asks it directly.
"""

from django.db import migrations

SIGNATURE = "search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)"

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
  -- Every word and every phrase's word pairs in the body (and the header, ranked).
  SELECT e.document_id,
         body_score + CASE WHEN e.header @@ header_query
                      THEN ts_rank(e.header, header_query) ELSE 0 END,
         e.kind, e.talk_id, e.event_id, e.year, e.speaker_ids, e.page_ids
  FROM search_documentsearchentry e WHERE e.body @@ body_query
  UNION ALL
  -- A document too long for its pairs: its phrases checked on its pages.
  SELECT e.document_id,
         body_score + CASE WHEN e.header @@ header_query
                      THEN ts_rank(e.header, header_query) ELSE 0 END,
         e.kind, e.talk_id, e.event_id, e.year, e.speaker_ids, e.page_ids
  FROM search_documentsearchentry e
  WHERE phrase_query IS NOT NULL AND NOT e.body_has_pairs AND e.body @@ words_query
    AND EXISTS (
      SELECT 1 FROM core_documentpagetext p
      WHERE p.document_id = e.document_id AND p.search_vector @@ phrase_query
    )
  UNION ALL
  -- The header alone.
  SELECT e.document_id, ts_rank(e.header, header_query), e.kind, e.talk_id, e.event_id,
         e.year, e.speaker_ids, e.page_ids
  FROM search_documentsearchentry e
  WHERE e.header @@ header_query
    AND e.document_id NOT IN (
      SELECT b.document_id FROM search_documentsearchentry b WHERE b.body @@ body_query
    )
    AND NOT (
      phrase_query IS NOT NULL AND NOT e.body_has_pairs AND e.body @@ words_query
      AND EXISTS (
        SELECT 1 FROM core_documentpagetext p
        WHERE p.document_id = e.document_id AND p.search_vector @@ phrase_query
      )
    )
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
        schema_editor.execute(MATCHES)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        previous = import_module("search.migrations.0007_document_page_ids")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
        schema_editor.execute(previous.MATCHES)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_page_search_entry")]

    operations = [migrations.RunPython(create, drop)]
