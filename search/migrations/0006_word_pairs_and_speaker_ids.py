"""Phrases matched on a document's word pairs; speakers as an array; one function for matches.

``search_word_pairs(tsvector)``: each lexeme with the next one in the text
(stop words skipped), as ``'protect enfanc'``. A document's ``body`` holds its
pages' pairs next to its words, so a phrase is an AND of pairs that the GIN
index on ``body`` answers without reading any vector (before, every page
holding the phrase's words was re-read for positions: ~330 ms for
"travail social" in 10,000 documents). ``search_pairs_query(regconfig,
text)`` turns a phrase into that AND (NULL for a single word).

``search_document_matches(...)`` returns the matching documents' narrow
columns and score in one call (no join back to the entries); it runs with
``enable_seqscan = off`` for the reason given in ``0004``. A document whose
pairs did not fit in its ``body`` (``body_has_pairs`` false: hundreds of
pages) has its phrases checked on its pages' vectors instead.

The column ``speaker_ids integer[]`` (PostgreSQL only, not a model field:
SQLite has no arrays) lets the speaker facet be counted with ``unnest``
instead of ``jsonb_each_text``. Nothing on SQLite; bodies are rebuilt by
``manage.py update_document_search``.
"""

from django.db import migrations, models

CREATE = [
    "ALTER TABLE search_documentsearchentry"
    " ADD COLUMN IF NOT EXISTS speaker_ids integer[] NOT NULL DEFAULT '{}'",
    "UPDATE search_documentsearchentry SET speaker_ids ="
    " ARRAY(SELECT jsonb_object_keys(speakers::jsonb)::integer ORDER BY 1)",
    r"""
CREATE OR REPLACE FUNCTION search_word_pairs(vector tsvector) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
    SELECT u.lexeme || ' ' || lead(u.lexeme) OVER (ORDER BY pos, u.lexeme) AS pair
    FROM unnest(vector) AS u, unnest(u.positions) AS pos
  ) pairs WHERE pair IS NOT NULL
$$
""",
    r"""
CREATE OR REPLACE FUNCTION search_pairs_query(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT string_agg(
           '''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & '
         )::tsquery
  FROM unnest(search_word_pairs(to_tsvector(config, phrase))) AS pair
$$
""",
    """
CREATE OR REPLACE FUNCTION search_document_matches(
    header_query tsquery, body_query tsquery, words_query tsquery, phrase_query tsquery,
    body_score float8
) RETURNS TABLE (
    document_id bigint, score float8, title varchar, kind varchar, talk_id integer,
    event_id integer, year integer, speaker_ids integer[]
)
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$
  WITH body AS MATERIALIZED (
    SELECT e.document_id, e.header, e.title, e.kind, e.talk_id, e.event_id, e.year,
           e.speaker_ids
    FROM search_documentsearchentry e WHERE e.body @@ body_query
    UNION ALL
    SELECT e.document_id, e.header, e.title, e.kind, e.talk_id, e.event_id, e.year,
           e.speaker_ids
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
         b.title, b.kind, b.talk_id, b.event_id, b.year, b.speaker_ids
  FROM body b
  UNION ALL
  SELECT e.document_id, ts_rank(e.header, header_query), e.title, e.kind, e.talk_id,
         e.event_id, e.year, e.speaker_ids
  FROM search_documentsearchentry e
  WHERE e.header @@ header_query AND e.document_id NOT IN (SELECT document_id FROM body)
$$
""",
    "DROP FUNCTION IF EXISTS search_body_matches(tsquery)",
    "CREATE INDEX IF NOT EXISTS search_documentsearchentry_without_pairs"
    " ON search_documentsearchentry (document_id) WHERE NOT body_has_pairs",
]

DROP = [
    "DROP INDEX IF EXISTS search_documentsearchentry_without_pairs",
    "DROP FUNCTION IF EXISTS search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)",
    "DROP FUNCTION IF EXISTS search_pairs_query(regconfig, text)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
    "ALTER TABLE search_documentsearchentry DROP COLUMN IF EXISTS speaker_ids",
    """
CREATE OR REPLACE FUNCTION search_body_matches(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$ SELECT document_id FROM search_documentsearchentry WHERE body @@ query $$
""",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_page_text_vector_index")]

    operations = [
        migrations.AddField(
            model_name="documentsearchentry",
            name="body_has_pairs",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(create, drop),
    ]
