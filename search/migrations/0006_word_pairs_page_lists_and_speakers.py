"""Phrases on word pairs, stored page lists and speakers: the public search without joins.

- ``search_word_pairs(tsvector)``: each lexeme with the next one in the text
  (stop words skipped), as ``'protect enfanc'``. A document's ``body`` holds
  its pages' pairs next to its words, so a phrase is an AND of pairs that the
  GIN index on ``body`` answers without reading any vector (before, every
  page holding the phrase's words was re-read for positions). ``search_pairs_query(regconfig,
  text)`` turns a phrase into that AND (NULL for a single word). A document
  whose pairs did not fit in its ``body`` (``body_has_pairs`` false: hundreds
  of pages) has its phrases checked on its pages' vectors.
- ``search_document_matches(...)`` returns the matching documents' score and
  narrow columns in one call; it runs with ``enable_seqscan = off`` for the
  reason given in ``0004`` (whose ``search_body_matches`` it replaces).
- On the document entries, PostgreSQL only (not model fields: SQLite has no
  arrays): ``speaker_ids integer[]`` (the speaker facet counted with
  ``unnest``, not ``jsonb_each_text``) and ``page_ids integer[]``, the pages
  using the document whatever their state, so that the public check is a
  hashed lookup of the live, public pages instead of a join over every
  published talk.
- ``PageSearchEntry``: the speakers of each colloquium and proceedings page,
  with ``speaker_ids integer[]`` on PostgreSQL, for the speaker facet of
  pages.

Existing rows are filled here; ``manage.py update_document_search`` rebuilds
the bodies with their pairs. Nothing but the tables on SQLite.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

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
  -- The header alone (the body's GIN index is cheap to read again).
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

CREATE = [
    "ALTER TABLE search_documentsearchentry"
    " ADD COLUMN IF NOT EXISTS speaker_ids integer[] NOT NULL DEFAULT '{}',"
    " ADD COLUMN IF NOT EXISTS page_ids integer[] NOT NULL DEFAULT '{}'",
    "UPDATE search_documentsearchentry e SET"
    " speaker_ids = ARRAY(SELECT jsonb_object_keys(e.speakers::jsonb)::integer ORDER BY 1),"
    " page_ids = ARRAY("
    "  SELECT c.page_id FROM publications_contribution c WHERE c.document_id = e.document_id"
    "  UNION SELECT v.page_ptr_id FROM events_eventpage v WHERE v.poster_id = e.document_id"
    "  ORDER BY 1)",
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
    MATCHES,
    "DROP FUNCTION IF EXISTS search_body_matches(tsquery)",
    "CREATE INDEX IF NOT EXISTS search_documentsearchentry_without_pairs"
    " ON search_documentsearchentry (document_id) WHERE NOT body_has_pairs",
    "ALTER TABLE search_pagesearchentry ADD COLUMN speaker_ids integer[] NOT NULL DEFAULT '{}'",
    # The speakers of every colloquium (its EventSpeaker rows) and of every
    # proceedings page (its talks' speakers); search/documents.py keeps them.
    """
INSERT INTO search_pagesearchentry (page_id, speakers, speaker_ids)
SELECT page_id, jsonb_object_agg(person_id::text, name), array_agg(person_id ORDER BY person_id)
FROM (
    SELECT s.page_id, s.person_id, p.name
    FROM events_eventspeaker s JOIN events_person p ON p.id = s.person_id
    UNION
    SELECT c.page_id, t.person_id, p.name
    FROM publications_contribution c
    JOIN publications_contribution_speakers t ON t.contribution_id = c.id
    JOIN events_person p ON p.id = t.person_id
) speakers
GROUP BY page_id
""",
]

DROP = [
    "DROP INDEX IF EXISTS search_documentsearchentry_without_pairs",
    "DROP FUNCTION IF EXISTS search_document_matches(tsquery, tsquery, tsquery, tsquery, float8)",
    "DROP FUNCTION IF EXISTS search_pairs_query(regconfig, text)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
    "ALTER TABLE search_documentsearchentry DROP COLUMN IF EXISTS speaker_ids,"
    " DROP COLUMN IF EXISTS page_ids",
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
    dependencies = [
        ("events", "0001_initial"),
        ("publications", "0001_initial"),
        ("search", "0005_page_text_vector_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentsearchentry",
            name="body_has_pairs",
            field=models.BooleanField(default=True),
        ),
        migrations.CreateModel(
            name="PageSearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                ("speakers", models.JSONField(default=dict, verbose_name="intervenants")),
            ],
            options={
                "verbose_name": "entrée de recherche d'une page",
                "verbose_name_plural": "entrées de recherche des pages",
            },
        ),
        migrations.RunPython(create, drop),
    ]
