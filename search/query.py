"""The site search: pages and documents, ranked together, with facets.

Python API (the public search page and the benchmark use only these):

``find_hits(query_string) -> list[Hit]``
    The database part: every published, public page and every document
    attached to one that matches, best first. A ``Hit`` is
    ``(kind, object, score)`` with ``kind`` "page" or "document". Pages and
    documents are searched separately with Wagtail's search backend (same
    index table, same ranking formula, so their scores compare) and merged by
    score. Two queries on PostgreSQL (plus one for view restrictions).

``search(query_string, filters=None, page_number=1, per_page=10, request=None) -> SearchResponse``
    Everything the page shows: the hits described (kind, event, year,
    speakers), the facets with their counts, the selected filters applied, one
    page of results with highlighted snippets and, for a document, the page
    number of its best match. Its query count does not depend on the number
    of results (on PostgreSQL, on this thread's connection: view
    restrictions; the settings of a transaction, then one statement that
    ranks and counts the hits and describes the results shown with their
    files and talks; their pages' addresses; their snippets. Meanwhile a
    pool thread counts the facets on its own connection: the settings, one
    statement). Both statements are compiled once per shape of query and
    reused with the visitor's values (``_StatementCache``).

``clean_query(raw) -> str``
    Visitor input made safe for the backends (no control characters, bounded).

Queries: words are all required (AND), with French stemming and accent
folding on PostgreSQL (the ``french_unaccent`` configuration); text between
double quotes is a phrase. On SQLite (``make run``) Wagtail's SQLite backend
does simpler matching and snippets are highlighted in Python.
"""

import json
import logging
import re
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Phrase, PlainText

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_WORDS = 40
# Markers ts_headline puts around matched words; stored text never holds them
# (core/extraction.py drops control characters), so escaping is safe.
START_MARK = "\x02"
STOP_MARK = "\x03"

KIND_EVENT = "colloque"
KIND_TALK = "intervention"
KIND_DOCUMENT = "document"
KIND_ARGUMENT = "argumentaire"
KIND_PROCEEDINGS = "actes"
KIND_PAGE = "page"
KIND_LABELS = {
    KIND_EVENT: _("Colloque"),
    KIND_TALK: _("Intervention"),
    KIND_DOCUMENT: _("Document"),
    KIND_ARGUMENT: _("Argumentaire"),
    KIND_PROCEEDINGS: _("Actes"),
    KIND_PAGE: _("Page"),
}

# Colloquia and speakers listed in their facet at most (the most frequent).
MAX_FACET_VALUES = 20

# Names of the filters in the page's address.
FILTER_YEAR = "annee"
FILTER_EVENT = "colloque"
FILTER_KIND = "type"
FILTER_SPEAKER = "intervenant"
FILTER_NAMES = (FILTER_YEAR, FILTER_EVENT, FILTER_KIND, FILTER_SPEAKER)


def clean_query(raw):
    """Visitor input made safe for the search backends: no control characters, bounded."""
    cleaned = "".join(ch for ch in str(raw) if ch.isprintable())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH].strip()


def is_postgresql():
    return connection.vendor == "postgresql"


def search_config():
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")


# --- Parsing -------------------------------------------------------------------

WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class ParsedQuery:
    """Words typed by the visitor, and the phrases they put between double quotes."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]

    def __bool__(self):
        return bool(self.words or self.phrases)

    @property
    def terms(self):
        """Every word, phrases included, for the Python highlighter."""
        terms = list(self.words)
        for phrase in self.phrases:
            terms.extend(WORD.findall(phrase))
        return terms

    def backend_query(self):
        """The query object for Wagtail's search backend."""
        parts = []
        if self.words:
            parts.append(PlainText(" ".join(self.words), operator="and"))
        parts.extend(Phrase(phrase) for phrase in self.phrases)
        return parts[0] if len(parts) == 1 else And(parts)


def parse_query(query_string):
    """Only words reach the backends: operators, quotes and symbols are dropped."""
    words, phrases = [], []
    for position, part in enumerate(query_string.split('"')):
        found = WORD.findall(part)
        if position % 2 and len(found) > 1:
            phrases.append(" ".join(found))
        else:
            words.extend(found)
    budget = MAX_TERMS
    words = words[:budget]
    budget -= len(words)
    kept_phrases = []
    for phrase in phrases:
        if budget <= 0:
            break
        phrase_words = phrase.split()[:budget]
        budget -= len(phrase_words)
        kept_phrases.append(" ".join(phrase_words))
    return ParsedQuery(tuple(words), tuple(kept_phrases))


# --- Finding -------------------------------------------------------------------


@dataclass
class Hit:
    kind: str  # "page" or "document"
    object: object
    score: float


def private_pages_q():
    """Pages under a view restriction, as one Q usable on any page model (one query)."""
    return Page.objects.all().private_q()


def _published_documents_filter(private):
    """Documents attached to a published, public page: a talk or an event's poster."""
    from events.models import EventPage
    from publications.models import Contribution, ProceedingsPage

    proceedings = ProceedingsPage.objects.live().exclude(private).values("pk")
    events = EventPage.objects.live().exclude(private).exclude(poster=None).values("poster_id")
    talks = Contribution.objects.filter(page__in=proceedings).exclude(document=None)
    return Q(pk__in=talks.values("document_id")) | Q(pk__in=events)


def _run(queryset, parsed, order_by_relevance=True):
    backend = get_search_backend()
    results = backend.search(
        parsed.backend_query(), queryset, order_by_relevance=order_by_relevance
    )
    return results.annotate_score("_search_score")


@dataclass
class PageRow:
    """A matching page as a narrow row (PostgreSQL's search()); ``Page`` objects for those shown."""

    pk: int
    content_type_id: int
    title: str


@dataclass
class DocumentRow:
    """A matching document as its ``DocumentSearchEntry`` describes it (no file, no text)."""

    pk: int
    title: str
    kind: str
    talk_id: int | None
    event_id: int | None
    year: int | None
    speakers: dict  # person id -> name


# What a match in a document's text adds to its score: the rank of a single
# occurrence of a word in a page's index entry, about (docs/search.md).
BODY_MATCH_SCORE = 0.1


def _sql(queryset):
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _tsquery_sql(words, phrases):
    """SQL for a tsquery of ``words`` (all required) and ``phrases``, with its parameters."""
    config = search_config()
    parts, params = [], []
    if words:
        parts.append("plainto_tsquery(%s::regconfig, %s)")
        params += [config, " ".join(words)]
    for phrase in phrases:
        parts.append("phraseto_tsquery(%s::regconfig, %s)")
        params += [config, phrase]
    return "(" + " && ".join(parts) + ")", params


def _terms_tsquery_sql(parsed):
    """SQL for a tsquery of every word and every phrase's word pairs, with its parameters.

    What a vector of words and word pairs without positions must hold (a
    document's ``body``, a page's ``search_terms``): ``search_pairs_query``
    turns a phrase into the AND of its consecutive words' pairs.
    """
    words_sql, words_params = _tsquery_sql(parsed.terms, ())
    parts, params = [words_sql], list(words_params)
    for phrase in parsed.phrases:
        # A phrase of one word (stop words aside) has no pair: its word suffices.
        parts.append(f"coalesce(search_pairs_query(%s::regconfig, %s), {words_sql})")
        params += [search_config(), phrase, *words_params]
    return " && ".join(parts), params


def _document_matches_sql(parsed, published=None, public_pages=None, ranked=True, top=None):
    """The CTEs ``q``, ``body_matched`` and ``matched`` of the documents' query, with their parameters.

    ``q`` holds the tsqueries, built once. ``body_matched``: the documents
    whose ``body`` (the text's words and word pairs, without positions) has
    every word and, for each phrase, every pair of its consecutive words,
    through the body's GIN index (no vector read); they score
    ``BODY_MATCH_SCORE`` plus their header's ``ts_rank`` when it matches. A
    document too long for its pairs (``body_has_pairs`` false, few) has its
    phrases checked on its pages instead. ``matched``: those, and the
    documents whose ``header`` (title and context, with positions) alone
    matches, told from the others by id, ranked with ``ts_rank``. Their
    columns: document id, score, and the entry's narrow columns (kind, talk,
    event, year, speaker ids; the title is read for the rows shown only).

    Only documents in ``published`` (a queryset of their ids: the definition,
    joined at query time) are kept or, with ``public_pages`` (a queryset of
    page ids) instead, only those that one of these pages uses, from the
    ``page_ids`` stored on the entries (search/0006: no join).

    Unless ``ranked``, nothing is ranked: every score is 0 and no header is
    read for a document that its body matches; without phrases, the matches
    of both indexes are then read in one scan (a bitmap ``OR``).

    With ``top`` (ranked, with ``public_pages``), ``matched`` holds only the
    documents that can be among the best ``top`` hits, and the CTE
    ``documents_total`` counts them all (``_top_document_matches_sql``).

    Run it through ``_execute_search`` (no sequential scan: see there).
    """
    from search.models import DocumentSearchEntry

    header_sql, header_params = _tsquery_sql(parsed.words, parsed.phrases)
    words_sql, words_params = _tsquery_sql(parsed.terms, ())
    body_sql, body_params = _terms_tsquery_sql(parsed)
    phrase_sql, phrase_params = "NULL::tsquery", []
    if parsed.phrases:
        phrase_sql, phrase_params = _tsquery_sql((), parsed.phrases)
    if public_pages is not None:
        pages_sql, visible_params = _sql(public_pages)
        # Most documents have one page: a hashed lookup; the others unnest theirs.
        visible_sql = (
            f"public_pages AS MATERIALIZED ({pages_sql}),",
            "e.page_ids[1] IN (SELECT * FROM public_pages) OR (cardinality(e.page_ids) > 1"
            " AND EXISTS (SELECT 1 FROM unnest(e.page_ids) AS page"
            " WHERE page IN (SELECT * FROM public_pages)))",
        )
    else:
        published_sql, visible_params = _sql(published)
        visible_sql = ("", f"e.document_id IN ({published_sql})")
    entries = DocumentSearchEntry._meta.db_table
    columns = "e.kind, e.talk_id, e.event_id, e.year, e.speaker_ids"
    q_sql = f"""
        {visible_sql[0]}
        q AS MATERIALIZED (
            SELECT {header_sql} AS header, {body_sql} AS body,
                   {words_sql} AS words, {phrase_sql} AS phrase
        ),"""
    params = [*header_params, *body_params, *words_params, *phrase_params]
    if top is not None:
        sql, top_params = _top_document_matches_sql(parsed, visible_sql[1], top)
        return q_sql + sql, [*visible_params, *params, *top_params]
    if not ranked and not parsed.phrases and public_pages is not None:
        # Unranked and without phrases (no index condition to recheck, so no
        # body is read): one scan of both indexes' matches, each document once.
        sql = f"""{q_sql}
        matched AS (
            SELECT e.document_id, 0 AS score, {columns}
            FROM {entries} e, q
            WHERE (e.header @@ q.header OR e.body @@ q.body) AND ({visible_sql[1]})
        )
        """  # noqa: S608
        return sql, [*visible_params, *params]
    header_score = "CASE WHEN e.header @@ q.header THEN ts_rank(e.header, q.header) ELSE 0 END"
    header_rank = "ts_rank(e.header, q.header)"
    if not ranked:
        header_score = header_rank = "0"
    # Every word and every phrase's word pairs in the body (and the header, ranked).
    body_matched = f"""
        SELECT e.document_id, %s + {header_score} AS score, {columns}
        FROM {entries} e, q WHERE e.body @@ q.body AND ({visible_sql[1]})
    """  # noqa: S608
    matches_params = [BODY_MATCH_SCORE]
    if parsed.phrases:
        body_matched += _unpaired_phrases_sql(
            f"e.document_id, %s + {header_score}, {columns}", visible_sql[1]
        )
        matches_params.append(BODY_MATCH_SCORE)
    # Then the header alone: those already found are known by their id
    # (testing the body itself would detoast it).
    sql = f"""{q_sql}
        body_matched AS MATERIALIZED ({body_matched}),
        matched AS (
            SELECT * FROM body_matched
            UNION ALL
            SELECT e.document_id, {header_rank}, {columns}
            FROM {entries} e, q
            WHERE e.header @@ q.header
              AND e.document_id NOT IN (SELECT document_id FROM body_matched)
              AND ({visible_sql[1]})
        )
    """  # noqa: S608
    if public_pages is not None:
        return sql, [*visible_params, *params, *matches_params]
    # The published documents' definition is in each branch.
    for score in matches_params:
        params += [score, *visible_params]
    return sql, [*params, *visible_params]


def _unpaired_phrases_sql(columns, visible):
    """A ``UNION ALL`` branch of the body's matches selecting ``columns``: the
    documents too long for their pairs (``body_has_pairs`` false, few) that
    hold every word, with their phrases checked on their pages."""
    from core.models import DocumentPageText
    from search.models import DocumentSearchEntry

    return f"""
        UNION ALL
        SELECT {columns} FROM {DocumentSearchEntry._meta.db_table} e, q
        WHERE NOT e.body_has_pairs AND e.body @@ q.words AND EXISTS (
            SELECT 1 FROM {DocumentPageText._meta.db_table} p
            WHERE p.document_id = e.document_id AND p.search_vector @@ q.phrase
        ) AND ({visible})
    """  # noqa: S608 - constant SQL only


def _top_document_matches_sql(parsed, visible, top):
    """The CTEs after ``q`` of ``_document_matches_sql`` with ``top``, and their parameters.

    Every document that its body matches and its header does not scores
    ``BODY_MATCH_SCORE`` exactly: among them, the latest ``top`` (the ranking
    breaks ties by id, highest first) are the only ones that can be among the
    best ``top`` hits. So the body's matches are only listed by id (through
    its GIN index, as ``body_matched``), the header's matches ranked, and
    ``matched`` is the header's matches (plus ``BODY_MATCH_SCORE`` for those
    the body matches too) and those latest ``top`` of the others: no header
    is tested for every body match, and the ranking sorts ~1,500 documents
    rather than ~10,000 for a common word. ``documents_total`` counts every
    match, as ``matched`` would hold them all. ``matched`` has only the
    documents' ids and scores: the rows shown are described afterwards.
    """
    from search.models import DocumentSearchEntry

    entries = DocumentSearchEntry._meta.db_table
    body_ids = f"SELECT e.document_id FROM {entries} e, q WHERE e.body @@ q.body AND ({visible})"  # noqa: S608
    if parsed.phrases:
        body_ids += _unpaired_phrases_sql("e.document_id", visible)
    sql = f"""
        header_hits AS MATERIALIZED (
            SELECT e.document_id, ts_rank(e.header, q.header) AS rank
            FROM {entries} e, q WHERE e.header @@ q.header AND ({visible})
        ),
        body_ids AS MATERIALIZED ({body_ids}),
        documents_total AS MATERIALIZED (
            SELECT (SELECT count(*) FROM body_ids) + (
                SELECT count(*) FROM header_hits
                WHERE document_id NOT IN (SELECT document_id FROM body_ids)
            ) AS n
        ),
        matched AS (
            SELECT h.document_id,
                   CASE WHEN h.document_id IN (SELECT document_id FROM body_ids)
                        THEN %s + h.rank ELSE h.rank END AS score
            FROM header_hits h
            UNION ALL
            SELECT b.document_id, %s FROM (
                SELECT document_id FROM body_ids
                WHERE document_id NOT IN (SELECT document_id FROM header_hits)
                ORDER BY document_id DESC LIMIT %s
            ) b
        )
    """  # noqa: S608 - constant SQL only
    return sql, [BODY_MATCH_SCORE, BODY_MATCH_SCORE, top]


def _execute_search(sql, params):
    """Run a search statement; its rows (see ``_execute_searches``)."""
    return _execute_searches((sql, params))[0]


def _execute_searches(*statements):
    """Run search statements, ``(sql, params)`` each, one after the other; their rows.

    Without JIT (compiling a statement of this size costs ~100 ms, more than
    it runs) and without sequential scans: when a word is in most documents
    the planner prefers one to the GIN indexes, and it would detoast every
    body to test it (190 ms instead of 15 ms for a common word in 10,000
    documents). Both are set in a transaction (or a savepoint, inside the
    caller's) that is rolled back once the rows are read: the statement
    writes nothing, and the settings end with it, whatever runs next.
    """
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off; SET LOCAL enable_seqscan = off")
        for sql, params in statements:
            cursor.execute(sql, params)
            rows.append(cursor.fetchall())
        transaction.set_rollback(True)
    return rows


# Threads that run a search's second statement beside its first (see
# ``_execute_together``); created on first use, each with its own connection.
_pool = None
_pool_lock = threading.Lock()


def _search_pool():
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.ANDELIS_SEARCH_THREADS, thread_name_prefix="search"
            )
        return _pool


def _execute_in_worker(make_statement):
    """``_execute_search`` of ``make_statement()`` on a pool thread's connection,
    opened and closed as a request thread's is: kept between searches for
    ``CONN_MAX_AGE``, dropped when unusable."""
    close_old_connections()
    try:
        return _execute_search(*make_statement())
    finally:
        close_old_connections()


def _execute_together(make_first, make_second):
    """Two independent search statements: the first one's rows, and a function
    that returns the second one's (waiting for them).

    Each ``make_…()`` returns a statement, ``(sql, params)``. The second is
    built and run on a pool thread's connection while the first runs on this
    one, and while this thread goes on with the first one's rows: a search
    uses both cores of a small server. Inside a transaction (a test's, or a
    view's under ``ATOMIC_REQUESTS``) another connection would not see what
    it wrote, and with ``ANDELIS_SEARCH_THREADS`` at 0 there is no pool: then
    both run here, one after the other, in one transaction.
    """
    if connection.in_atomic_block or settings.ANDELIS_SEARCH_THREADS < 1:
        first_rows, second_rows = _execute_searches(make_first(), make_second())
        return first_rows, lambda: second_rows
    future = _search_pool().submit(_execute_in_worker, make_second)
    try:
        first_rows = _execute_search(*make_first())
    except BaseException:
        future.cancel()  # if it has not started; otherwise it ends on its own
        raise
    return first_rows, future.result


def _live_events_sql(private):
    """Published, public colloquia as SQL: (id, path, title, year in the site's time zone)."""
    from events.models import EventPage

    events = EventPage.objects.live().exclude(private).order_by()
    return _sql(events.values_list("pk", "path", "title", ExtractYear("start")))


def _page_kind_sql():
    """A page's kind from its content type, as a SQL ``CASE`` on ``r.content_type_id``."""
    whens, params = [], []
    for content_type_id, kind in _page_kinds().items():
        whens.append("WHEN %s THEN %s")
        params += [content_type_id, kind]
    return f"CASE r.content_type_id {' '.join(whens)} ELSE %s END", [*params, KIND_PAGE]


# A page's entry whose words and pairs did not fit in ``search_terms`` holds
# this marker instead of its pairs (search/0008).
NO_PAIRS = "' nopairs'"


def _page_matches(pages, parsed, ranked):
    """The search of ``pages`` as SQL selecting ``(id, content_type_id, path)``,
    and the score when ``ranked`` (unranked, pages are only matched: no
    ``ts_rank``); with its parameters.

    Without phrases this is Wagtail's own search: its GIN index on ``title ||
    body`` answers words without reading any vector. Wagtail matches a phrase
    on the positions of that vector, read again for every page holding its
    words (30–40 ms for "travail social" in the benchmark, docs/search.md).
    With phrases, the pages are the entries whose ``search_terms`` (words and
    word pairs, search/0008) hold every word and the phrases' pairs, found by
    their GIN index alone; an entry too long for its pairs has its phrases
    checked on Wagtail's vectors. Ranked, they score as Wagtail scores their
    words: ``ts_rank`` of the title (times its norm) plus that of the body.
    """
    from wagtail.search.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    if not parsed.phrases:
        columns = ("pk", "content_type_id", "path", *(("_search_score",) if ranked else ()))
        found = _run(pages, parsed, order_by_relevance=ranked).get_queryset()
        return _sql(found.order_by().values_list(*columns))
    entries = IndexEntry._meta.db_table
    public_sql, public_params = _sql(pages.values("pk"))
    terms_sql, terms_params = _terms_tsquery_sql(parsed)
    words_sql, words_params = _tsquery_sql(parsed.terms, ())
    phrases_sql, phrases_params = _tsquery_sql((), parsed.phrases)
    score_sql, score_params = "", []
    if ranked:
        weights = get_sql_weights()  # Wagtail's, as its own ranking passes them
        score_sql = (
            ", ts_rank(%s::float4[], e.title, w.q) * e.title_norm"
            " + ts_rank(%s::float4[], e.body, w.q)"
        )
        score_params = [weights, weights]
    sql = f"""
        SELECT p.id, p.content_type_id, p.path{score_sql}
        FROM (
            -- Only pages' entries have terms (their object id is the page's).
            SELECT id, object_id::integer AS page_id FROM {entries}
            WHERE search_terms @@ ({terms_sql})
            UNION
            SELECT id, object_id::integer FROM {entries}
            WHERE search_terms @@ ({words_sql} && %s::tsquery)
              AND (title || body) @@ {phrases_sql}
        ) t
        JOIN {entries} e ON e.id = t.id
        JOIN {Page._meta.db_table} p ON p.id = t.page_id
        CROSS JOIN (SELECT {words_sql} AS q) w
        WHERE p.id IN ({public_sql})
    """  # noqa: S608 - constant SQL only
    params = [
        *score_params,
        *terms_params,
        *words_params,
        NO_PAIRS,
        *phrases_params,
        *words_params,
        *public_params,
    ]
    return sql, params


# How a selected filter tests a hit of ``h`` (the values are parameters).
FILTER_CONDITIONS = {
    FILTER_YEAR: "h.year = %s",
    FILTER_EVENT: "h.event_id = %s",
    FILTER_KIND: "h.kind = %s",
    FILTER_SPEAKER: "%s = ANY(h.speaker_ids)",
}


def _filters_where(filters, skip=None):
    """SQL testing every selected filter but ``skip``, with its parameters."""
    parts, values = ["true"], []
    for name in FILTER_NAMES:
        if name != skip and name in filters:
            parts.append(FILTER_CONDITIONS[name])
            values.append(filters[name])
    return " AND ".join(parts), values


# A page's colloquium: its ancestor (or itself) at each depth where colloquia
# are (usually one), the deepest colloquium first; over the pages of ``ranked``.
PAGE_FACTS_SQL = """
    page_events AS MATERIALIZED (
        SELECT DISTINCT ON (r.id) r.id, e.id AS event_id, e.year
        FROM ranked r,
             (SELECT DISTINCT length(path) AS length FROM live_events) d,
             live_events e
        WHERE e.path = substr(r.path, 1, d.length)
        ORDER BY r.id, d.length DESC
    ),
    page_speakers AS MATERIALIZED (
        SELECT s.page_id, s.speaker_ids FROM {entries} s
        WHERE s.page_id IN (SELECT id FROM ranked)
    ),
"""


def _page_facts_sql():
    """The CTEs ``page_events`` and ``page_speakers`` over the pages of ``ranked``."""
    from search.models import PageSearchEntry

    return PAGE_FACTS_SQL.format(entries=PageSearchEntry._meta.db_table)


# The columns of a document's hit after its id and score (see ``_hits_sql``).
DOCUMENT_COLUMNS = ("kind", "talk_id", "event_id", "year", "speaker_ids")
UNDESCRIBED_DOCUMENT = ("NULL::text", "NULL::int", "NULL::int", "NULL::int", "NULL::int[]")


def _document_facts_sql(entry, event):
    """A document's kind, talk, colloquium (when published and public), year
    and speakers as SQL expressions over its search entry ``entry`` joined to
    ``live_events`` as ``event``; with their parameters."""
    expressions = (
        f"CASE WHEN {entry}.kind = %s THEN %s ELSE %s END",
        f"{entry}.talk_id",
        f"{event}.id",
        f"CASE WHEN {event}.id IS NOT NULL THEN {entry}.year END",
        f"{entry}.speaker_ids",
    )
    return expressions, [KIND_TALK, KIND_TALK, KIND_DOCUMENT]


def _as_document_columns(expressions):
    """``expressions`` (one per ``DOCUMENT_COLUMNS``) as a select list naming them."""
    return ", ".join(
        f"{sql} AS {name}" for sql, name in zip(expressions, DOCUMENT_COLUMNS, strict=True)
    )


def _hits_sql(score, page_facts, documents_described=True):
    """The CTE ``h``: every hit (documents of ``matched``, pages of ``ranked``)
    as ``(hit, id, score, kind, talk id, event id, year, speaker ids)``.

    Unless ``documents_described``, a document's hit is only its id and
    score (``matched`` has no other column): the rows shown are described
    afterwards (``_rows_statement``).

    ``score``: whether ``matched`` and ``ranked`` have scores (0 otherwise);
    ``page_facts``: whether the pages' colloquium, year and speakers are
    known (``_page_facts_sql``; NULL otherwise).
    """
    kind_sql, kind_params = _page_kind_sql()
    scores = ("m.score", "r.score") if score else ("0", "0")
    page_facts_sql = "pe.event_id, pe.year, coalesce(s.speaker_ids, '{}')"
    page_joins = (
        "LEFT JOIN page_events pe ON pe.id = r.id LEFT JOIN page_speakers s ON s.page_id = r.id"
    )
    if not page_facts:
        page_facts_sql, page_joins = "NULL::int, NULL::int, '{}'::int[]", ""
    facts, documents_params = _document_facts_sql("m", "v")
    documents = "matched m LEFT JOIN live_events v ON v.id = m.event_id"
    if not documents_described:
        facts, documents_params = UNDESCRIBED_DOCUMENT, []
        documents = "matched m"
    sql = f"""
        h AS MATERIALIZED (
            SELECT 'document' AS hit, m.document_id AS id, {scores[0]}::float8 AS score,
                   {_as_document_columns(facts)}
            FROM {documents}
            UNION ALL
            SELECT 'page', r.id, {scores[1]}::float8, {kind_sql}, NULL, {page_facts_sql}
            FROM ranked r {page_joins}
        )
    """  # noqa: S608 - constant SQL only
    return sql, [*documents_params, *kind_params]


def _rows_statement(parsed, public_pages, ranked_pages, live_events, filters, limit):
    """The best ``limit`` hits that pass every filter, described (SQL and parameters).

    Pages and documents are ranked together; the pages' colloquium and
    speakers are looked up for every page only when a filter needs them,
    otherwise for the rows returned only. A row is ``(hit, id, score, title,
    document kind, talk id, event id, year, speakers, event title, kind,
    content type id, file, file size, file format, collection id, talk title,
    talk speaker label, talk page id, how many hits pass every filter)``.
    """
    from publications.models import Contribution
    from search.models import DocumentSearchEntry, PageSearchEntry

    documents = get_document_model()
    # Unfiltered, only the documents that can be shown are ranked (and all counted).
    top = None if filters else limit
    matches_sql, matches_params = _document_matches_sql(parsed, public_pages=public_pages, top=top)
    events_sql, events_params = live_events
    pages_sql, pages_params = ranked_pages
    page_facts = any(name in filters for name in (FILTER_YEAR, FILTER_EVENT, FILTER_SPEAKER))
    hits_sql, hits_params = _hits_sql(
        score=True, page_facts=page_facts, documents_described=top is None
    )
    all_where, all_params = _filters_where(filters)
    total_sql, total_params = f"(SELECT count(*) FROM h WHERE {all_where})", all_params  # noqa: S608
    best_sql = f"SELECT * FROM h WHERE {all_where} ORDER BY h.score DESC, h.hit, h.id DESC LIMIT %s"  # noqa: S608
    best_params = [*all_params, limit]
    if top is not None:
        total_sql = "(SELECT n FROM documents_total) + (SELECT count(*) FROM ranked)"
        total_params = []
        # The documents shown get their kind, talk, colloquium and year here.
        (kind, *facts), kind_params = _document_facts_sql("x", "xv")
        best_sql = f"""
            SELECT t.hit, t.id, t.score,
                   {_as_document_columns((f"coalesce(t.kind, {kind})", *facts))}
            FROM ({best_sql}) t
            LEFT JOIN {DocumentSearchEntry._meta.db_table} x
                ON t.hit = 'document' AND x.document_id = t.id
            LEFT JOIN live_events xv ON xv.id = x.event_id
        """  # noqa: S608 - constant SQL only
        best_params = [*kind_params, *best_params]
    sql = f"""
        WITH {matches_sql},
        live_events AS MATERIALIZED (
            SELECT * FROM ({events_sql}) e(id, path, title, year)
        ),
        ranked AS MATERIALIZED (
            SELECT * FROM ({pages_sql}) r(id, content_type_id, path, score)
        ),
        {_page_facts_sql() if page_facts else ""}
        {hits_sql}
        SELECT r.hit, r.id, r.score, coalesce(e.title, p.title), e.kind, r.talk_id,
               coalesce(r.event_id, pe.id), coalesce(r.year, pe.year),
               coalesce(e.speakers, s.speakers)::jsonb, coalesce(v.title, pe.title), r.kind,
               p.content_type_id, d.file, d.file_size, d.file_format, d.collection_id, c.title,
               c.speaker_label, c.page_id, {total_sql}
        FROM ({best_sql}) r
        LEFT JOIN {DocumentSearchEntry._meta.db_table} e
            ON r.hit = 'document' AND e.document_id = r.id
        LEFT JOIN {documents._meta.db_table} d ON r.hit = 'document' AND d.id = r.id
        LEFT JOIN {Contribution._meta.db_table} c ON c.id = r.talk_id
        LEFT JOIN {Page._meta.db_table} p ON r.hit = 'page' AND p.id = r.id
        LEFT JOIN {PageSearchEntry._meta.db_table} s ON r.hit = 'page' AND s.page_id = r.id
        LEFT JOIN live_events v ON v.id = r.event_id
        LEFT JOIN LATERAL (
            SELECT l.id, l.year, l.title FROM live_events l
            WHERE r.hit = 'page' AND r.event_id IS NULL AND starts_with(p.path, l.path)
            ORDER BY length(l.path) DESC LIMIT 1
        ) pe ON true
        ORDER BY r.score DESC, r.hit, r.id DESC
    """  # noqa: S608 - only constant SQL is formatted in; every value is a parameter
    params = [
        *matches_params,
        *events_params,
        *pages_params,
        *hits_params,
        *total_params,
        *best_params,
    ]
    return sql, params


def _facets_statement(parsed, public_pages, matched_pages, live_events, filters):
    """Every hit counted by year, colloquium, kind and speaker (SQL and parameters).

    Nothing is ranked here: documents and pages (``matched_pages``,
    Wagtail's unranked search) are only matched. Each facet is counted under
    the other selected filters; years, colloquia and kinds in one
    ``GROUPING SETS`` pass, speakers by unnesting their ids. The colloquium
    and speaker facets are cut to their most frequent values (label order
    among equals, as in ``_facets``), with the selected one and how many
    values there are in all. A row is ``(tag, value, count, label)``.
    """
    from events.models import Person

    matches_sql, matches_params = _document_matches_sql(
        parsed, public_pages=public_pages, ranked=False
    )
    events_sql, events_params = live_events
    pages_sql, pages_params = matched_pages
    hits_sql, hits_params = _hits_sql(score=False, page_facts=True)
    year_where, year_params = _filters_where(filters, FILTER_YEAR)
    event_where, event_params = _filters_where(filters, FILTER_EVENT)
    kind_where, kind_params = _filters_where(filters, FILTER_KIND)
    speaker_where, speaker_params = _filters_where(filters, FILTER_SPEAKER)
    top_params = {}

    def top(tag, counts, table, label, name):
        """A long facet's most frequent values, the selected one, and how
        many values there are in all. Only the values counted at least as
        often as the last one listed are joined to their labels."""
        top_params[name] = [MAX_FACET_VALUES - 1, MAX_FACET_VALUES, filters.get(name, 0)]
        row = f"'{tag}', c.id::text, c.count, t.{label}"
        joined = f"{counts} c JOIN {table} t ON t.id = c.id"
        return f"""
        (SELECT {row} FROM {joined}
         WHERE c.count >= coalesce(
             (SELECT l.count FROM {counts} l ORDER BY l.count DESC LIMIT 1 OFFSET %s), 0)
         ORDER BY c.count DESC, t.{label} COLLATE "C", c.id LIMIT %s)
        UNION ALL
        SELECT {row} FROM {joined} WHERE c.id = %s
        UNION ALL
        SELECT '{tag.upper()}', '', count(*), NULL FROM {counts}"""  # noqa: S608

    sql = f"""
        WITH {matches_sql},
        live_events AS MATERIALIZED (
            SELECT * FROM ({events_sql}) e(id, path, title, year)
        ),
        ranked AS MATERIALIZED (
            SELECT * FROM ({pages_sql}) r(id, content_type_id, path)
        ),
        {_page_facts_sql()}
        {hits_sql},
        -- GROUPING: 3 for a year, 5 for a colloquium, 6 for a kind.
        facets AS MATERIALIZED (
            SELECT GROUPING(h.year, h.event_id, h.kind) AS grouping,
                   h.year, h.event_id, h.kind,
                   count(*) FILTER (WHERE {year_where}) AS years,
                   count(*) FILTER (WHERE {event_where}) AS events,
                   count(*) FILTER (WHERE {kind_where}) AS kinds
            FROM h GROUP BY GROUPING SETS ((h.year), (h.event_id), (h.kind))
        ),
        events AS MATERIALIZED (
            SELECT f.event_id AS id, f.events AS count FROM facets f
            WHERE f.grouping = 5 AND f.event_id IS NOT NULL AND f.events > 0
        ),
        speakers AS MATERIALIZED (
            SELECT person AS id, count(*) AS count
            FROM (SELECT unnest(h.speaker_ids) AS person FROM h WHERE {speaker_where}) s
            GROUP BY person
        )
        SELECT CASE f.grouping WHEN 3 THEN 'y' ELSE 'k' END,
               CASE f.grouping WHEN 3 THEN f.year::text ELSE f.kind END,
               CASE f.grouping WHEN 3 THEN f.years ELSE f.kinds END,
               NULL::text
        FROM facets f
        WHERE (f.grouping = 3 AND f.year IS NOT NULL AND f.years > 0)
           OR (f.grouping = 6 AND f.kinds > 0)
        UNION ALL
        {top("e", "events", "live_events", "title", FILTER_EVENT)}
        UNION ALL
        {top("s", "speakers", Person._meta.db_table, "name", FILTER_SPEAKER)}
    """  # noqa: S608 - only constant SQL is formatted in; every value is a parameter
    params = [
        *matches_params,
        *events_params,
        *pages_params,
        *hits_params,
        *year_params,
        *event_params,
        *kind_params,
        *speaker_params,
        *top_params[FILTER_EVENT],
        *top_params[FILTER_SPEAKER],
    ]
    return sql, params


def _read_facets(rows):
    """(counts, labels, totals) from the rows of ``_facets_statement``."""
    counts = {name: {} for name in FILTER_NAMES}
    labels = {FILTER_EVENT: {}, FILTER_SPEAKER: {}}
    names = {"y": FILTER_YEAR, "e": FILTER_EVENT, "k": FILTER_KIND, "s": FILTER_SPEAKER}
    totals = {}
    for tag, key, count, label in rows:
        if tag in ("E", "S"):
            totals[names[tag.lower()]] = count
        elif tag == "k":
            counts[FILTER_KIND][key] = count
        else:
            value = int(key)
            counts[names[tag]][value] = count
            if tag in ("e", "s"):
                labels[names[tag]][value] = label
    return counts, labels, totals


def _build_statement(ranked, parsed, private, filters, limit):
    """The ranking statement (``ranked``) or the facets' statement, compiled."""
    pages = Page.objects.live().exclude(private).exclude(depth=1)
    arguments = (parsed, pages.values("pk"), _page_matches(pages, parsed, ranked))
    if ranked:
        return _rows_statement(*arguments, _live_events_sql(private), filters, limit)
    return _facets_statement(*arguments, _live_events_sql(private), filters)


# Words and values that no query, text or filter holds, standing for the
# visitor's in a statement compiled once for every query of its shape.
SENTINEL = "zqxsentinel"
SENTINEL_NUMBER = 2_000_000_000
SENTINEL_FILTERS = {
    FILTER_YEAR: SENTINEL_NUMBER + 1,
    FILTER_EVENT: SENTINEL_NUMBER + 2,
    FILTER_KIND: f"{SENTINEL}kind",
    FILTER_SPEAKER: SENTINEL_NUMBER + 3,
}
SENTINEL_LIMIT = SENTINEL_NUMBER + 4


def _model_query(parsed):
    """A query of the same shape as ``parsed`` (as many words, phrases of as many words)."""
    numbers = iter(range(MAX_TERMS * 2))
    words = tuple(f"{SENTINEL}{next(numbers)}" for _ in parsed.words)
    phrases = tuple(
        " ".join(f"{SENTINEL}{next(numbers)}" for _ in phrase.split()) for phrase in parsed.phrases
    )
    return ParsedQuery(words, phrases)


def _query_values(parsed):
    """The values a statement takes from the query: the strings of our tsqueries
    (``_tsquery_sql``, ``_document_matches_sql``) and, without phrases, of
    Wagtail's (compiled alone, without the rest of its search; with phrases the
    pages are not searched through Wagtail's query, ``_page_matches``)."""
    values = [" ".join(parsed.words), " ".join(parsed.terms), *parsed.phrases]
    if parsed.phrases:
        return values
    backend = get_search_backend()
    pages = Page.objects.all()
    query = parsed.backend_query()
    compiler = backend.query_compiler_class(pages, query)
    tsquery = compiler.build_tsquery(query, config=compiler.get_config(backend))
    _sql_text, params = pages.query.get_compiler(connection.alias).compile(
        tsquery.resolve_expression(pages.query)
    )
    return values + [value for value in params if isinstance(value, str)]


class _StatementCache:
    """The search statements compiled once for every shape of query.

    Compiling Wagtail's search and the querysets of a statement costs ~6 ms
    of Python, twice per search, and both compete for the GIL. A statement is
    compiled once for a model query of the same shape (as many words and
    phrases, the same filters, the same view restrictions, see ``key``) made
    of sentinels; for each search its parameters are the model's with every
    sentinel replaced by the visitor's value. If a sentinel were left over
    (a parameter built from the query in a way not foreseen here), the
    statement is compiled for the query itself instead.
    """

    SIZE = 256

    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def clear(self):
        with self._lock:
            self._entries.clear()

    def key(self, ranked, parsed, private, filters):
        shape = (len(parsed.words), tuple(len(phrase.split()) for phrase in parsed.phrases))
        return (
            ranked,
            shape,
            tuple(sorted(filters)),
            private,
            search_config(),
            settings.TIME_ZONE,
            connection.settings_dict["NAME"],
            tuple(_page_kinds().items()),
        )

    def get(self, ranked, parsed, private, filters, limit):
        key = self.key(ranked, parsed, private, filters)
        with self._lock:
            entry = self._entries.get(key)
        if entry is None:
            model = _model_query(parsed)
            model_filters = {name: SENTINEL_FILTERS[name] for name in filters}
            sql, params = _build_statement(ranked, model, private, model_filters, SENTINEL_LIMIT)
            if SENTINEL in sql:
                return _build_statement(ranked, parsed, private, filters, limit)
            entry = (sql, params, _query_values(model))
            with self._lock:
                if len(self._entries) >= self.SIZE:
                    self._entries.pop(next(iter(self._entries)))
                self._entries[key] = entry
        sql, model_params, model_values = entry
        values = {SENTINEL_LIMIT: limit}
        values.update((SENTINEL_FILTERS[name], value) for name, value in filters.items())
        for model_value, value in zip(model_values, _query_values(parsed), strict=True):
            if values.setdefault(model_value, value) != value:
                return _build_statement(ranked, parsed, private, filters, limit)
        params = [
            values.get(param, param) if type(param) in (str, int) else param
            for param in model_params
        ]
        if any(_is_sentinel(param) for param in params):
            logger.info("A search statement kept a sentinel; compiled for its query instead")
            return _build_statement(ranked, parsed, private, filters, limit)
        return sql, params


def _is_sentinel(value):
    if type(value) is str:
        return SENTINEL in value
    return type(value) is int and SENTINEL_NUMBER <= value <= SENTINEL_LIMIT


_statements = _StatementCache()


def _postgres_ranked_page(parsed, private, filters, limit):
    """Pages and documents ranked together and counted, only the best rows fetched.

    Two statements, run at the same time on two connections
    (``_execute_together``): one ranks every hit, counts those that pass the
    filters and describes the best ``limit`` of them (``_rows_statement``),
    the other counts every hit in the facets (``_facets_statement``). Each
    runs Wagtail's search of the published, public pages (ranked for the
    first, only matched for the second) and matches the documents
    (``_document_matches_sql``) attached to these pages; the colloquia are
    the published, public ones (``_live_events_sql``). A page's kind comes
    from its content type, its colloquium from its path (the nearest
    colloquium among itself and its ancestors), its speakers from
    ``PageSearchEntry``; a document keeps its colloquium only when it is
    published and public, as pages do.

    Returns ``(total, rows, facets)``: ``facets()`` waits for the second
    statement and returns ``(counts, labels, totals)``
    (``_read_facets``).
    """

    def statement(ranked):
        return _statements.get(ranked, parsed, private, filters, limit)

    rows, facet_rows = _execute_together(lambda: statement(True), lambda: statement(False))
    total = rows[0][-1] if rows else 0
    return total, [row[:-1] for row in rows], lambda: _read_facets(facet_rows())


def _postgres_document_rows(parsed, published):
    """Every matching document with its score, best first: two GIN lookups, no text read."""
    matches_sql, params = _document_matches_sql(parsed, published)
    sql = f"""
        WITH {matches_sql}
        SELECT m.document_id, m.score, e.title, m.kind, m.talk_id, m.event_id, m.year, e.speakers
        FROM matched m JOIN search_documentsearchentry e ON e.document_id = m.document_id
        ORDER BY m.score DESC, m.document_id DESC
    """  # noqa: S608
    return [_row(*row) for row in _execute_search(sql, params)]


def _people(speakers):
    """{person id: name} from the JSON of an entry's ``speakers``."""
    if isinstance(speakers, str):
        speakers = json.loads(speakers)
    return {int(person): name for person, name in (speakers or {}).items()}


def _row(pk, score, title, kind, talk_id, event_id, year, speakers):
    people = _people(speakers)
    return Hit("document", DocumentRow(pk, title, kind, talk_id, event_id, year, people), score)


def _sqlite_document_rows(parsed, documents):
    """SQLite: Wagtail's backend on titles and context, plus page texts containing every word."""
    from search.models import DocumentSearchEntry

    scores = {}
    try:
        for document in _run(documents.only("pk"), parsed):
            scores[document.pk] = document._search_score or 0.0
    except DatabaseError:
        logger.info("SQLite search failed; falling back to title matching", exc_info=True)
        condition = Q()
        for term in parsed.terms:
            condition &= Q(title__icontains=term)
        scores.update((pk, 1.0) for pk in documents.filter(condition).values_list("pk", flat=True))
    in_text = documents
    for term in parsed.terms:
        in_text = in_text.filter(page_texts__text__icontains=term)
    for pk in in_text.values_list("pk", flat=True).distinct():
        scores[pk] = scores.get(pk, 0.0) + BODY_MATCH_SCORE
    entries = DocumentSearchEntry.objects.filter(document_id__in=scores.keys()).values_list(
        "document_id", "title", "kind", "talk_id", "event_id", "year", "speakers"
    )
    return [_row(pk, scores[pk], *rest) for pk, *rest in entries]


def find_hits(query_string, private=None):
    """Every matching page and document, best first (see the module docstring)."""
    parsed = query_string if isinstance(query_string, ParsedQuery) else parse_query(query_string)
    if not parsed:
        return []
    if private is None:
        private = private_pages_q()
    pages = Page.objects.live().exclude(private).exclude(depth=1)
    documents = get_document_model().objects.filter(_published_documents_filter(private))
    hits = []
    try:
        hits.extend(Hit("page", page, page._search_score or 0.0) for page in _run(pages, parsed))
    except DatabaseError:
        if is_postgresql():
            raise
        # SQLite builds without FTS5, or a query its parser refuses: titles only.
        logger.info("SQLite search failed; falling back to title matching", exc_info=True)
        hits = _title_hits(pages, parsed)
    if is_postgresql():
        hits.extend(_postgres_document_rows(parsed, documents.values("pk")))
    else:
        hits.extend(_sqlite_document_rows(parsed, documents))
    hits.sort(key=lambda hit: (-hit.score, hit.kind, -hit.object.pk))
    return hits


def _title_hits(pages, parsed):
    condition = Q()
    for term in parsed.terms:
        condition &= Q(title__icontains=term)
    return [Hit("page", p, 1.0) for p in pages.filter(condition)]


# --- Describing ----------------------------------------------------------------


@dataclass
class Result:
    """One line of the results list."""

    kind: str
    title: str
    url: str
    score: float
    event_id: int | None = None
    event_title: str = ""
    event_url: str = ""
    year: int | None = None
    speakers: dict = field(default_factory=dict)  # person id -> name
    speaker_text: str = ""
    snippet: str = ""
    page_number: int | None = None
    file_url: str = ""
    file_label: str = ""
    talk_url: str = ""
    talk_title: str = ""
    hit: Hit | None = None
    event: object = None
    talk_page: object = None
    document: object = None

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""  # set by the view: adds this filter, or removes it when selected


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]  # the most frequent ones (MAX_FACET_VALUES) and the selected one
    hidden: int = 0  # how many values are not listed


@dataclass
class SearchResponse:
    query: str
    results: list[Result]  # this page of results only
    total: int
    page: object  # django.core.paginator.Page
    facets: list[Facet]
    filters: dict


@dataclass
class EventRow:
    pk: int
    path: str
    title: str
    year: int


def _event_for_path(path, events_by_path):
    for end in range(len(path), 0, -Page.steplen):
        event = events_by_path.get(path[:end])
        if event is not None:
            return event
    return None


def _event_rows(private):
    """Published, public events as narrow rows (one query)."""
    from events.models import EventPage

    # The year in the site's time zone, computed by the database (hundreds of
    # events: no datetime parsed in Python).
    return [
        EventRow(*row)
        for row in EventPage.objects.live()
        .exclude(private)
        .values_list("pk", "path", "title", ExtractYear("start"))
    ]


def _describe(hits, private, events=None):
    """Turn hits into results: kind, event, year, speakers. Constant query count.

    Documents are described from their ``DocumentRow``; what only the results
    shown need (file, talk page, speakers' label) comes later, from
    ``_complete_documents``.
    """
    from events.models import EventSpeaker
    from publications.models import Contribution, ProceedingsPage

    if not hits:
        return []
    # Narrow rows, not page objects (there may be hundreds of events); the
    # results shown get their event's page for its address in add_urls().
    if events is None:
        events = _event_rows(private)
    events_by_path = {event.path: event for event in events}
    events_by_id = {event.pk: event for event in events}

    page_hits = [hit for hit in hits if hit.kind == "page"]
    proceedings_types = ContentType_for(ProceedingsPage)
    event_hit_ids = [hit.object.pk for hit in page_hits if hit.object.pk in events_by_id]
    proceedings_hit_ids = [
        hit.object.pk for hit in page_hits if hit.object.content_type_id == proceedings_types
    ]

    speakers_by_proceedings = {}
    if proceedings_hit_ids:
        for row in Contribution.speakers.through.objects.filter(
            contribution__page_id__in=proceedings_hit_ids
        ).values("contribution__page_id", "person_id", "person__name"):
            speakers_by_proceedings.setdefault(row["contribution__page_id"], {})[
                row["person_id"]
            ] = row["person__name"]
    speakers_by_event = {}
    if event_hit_ids:
        for row in EventSpeaker.objects.filter(page_id__in=event_hit_ids).values(
            "page_id", "person_id", "person__name"
        ):
            speakers_by_event.setdefault(row["page_id"], {})[row["person_id"]] = row["person__name"]

    kind_by_ct = _page_kinds()

    results = []
    for hit in hits:
        obj = hit.object
        event = None
        if hit.kind == "page":
            kind = kind_by_ct.get(obj.content_type_id, KIND_PAGE)
            event = _event_for_path(obj.path, events_by_path)
            result = Result(kind=kind, title=obj.title, url="", score=hit.score)
            if kind == KIND_EVENT:
                result.speakers = speakers_by_event.get(obj.pk, {})
            elif kind == KIND_PROCEEDINGS:
                result.speakers = speakers_by_proceedings.get(obj.pk, {})
        else:
            result = Result(
                kind=KIND_TALK if obj.kind == KIND_TALK else KIND_DOCUMENT,
                title=obj.title,
                url="",
                score=hit.score,
                speakers=obj.speakers,
            )
            event = events_by_id.get(obj.event_id) if obj.event_id else None
        result.hit = hit
        if event is not None:
            result.event_id = event.pk
            result.event_title = event.title
            result.year = event.year
        results.append(result)
    return results


def _page_kinds():
    """{content type id: kind} of the page types that have their own kind."""
    from events.models import EventPage
    from publications.models import ArgumentPage, ProceedingsPage

    return {
        ContentType_for(EventPage): KIND_EVENT,
        ContentType_for(ArgumentPage): KIND_ARGUMENT,
        ContentType_for(ProceedingsPage): KIND_PROCEEDINGS,
    }


def ContentType_for(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def _complete(results):
    """Speakers' label for every result shown; file and talk for documents (2 queries).

    A talk's page is only its id here: ``add_urls`` fetches it with the others.
    Documents that already have theirs (the ranking statement of the
    PostgreSQL path reads them) are left as they are.
    """
    from publications.models import Contribution

    document_results = [r for r in results if r.hit.kind == "document" and r.document is None]
    if document_results:
        documents = (
            get_document_model()
            .objects.defer("search_text")
            .in_bulk([r.hit.object.pk for r in document_results])
        )
        talk_ids = [r.hit.object.talk_id for r in document_results if r.hit.object.talk_id]
        talks = {
            pk: (title, speaker_label, page_id)
            for pk, title, speaker_label, page_id in Contribution.objects.filter(
                pk__in=talk_ids
            ).values_list("pk", "title", "speaker_label", "page_id")
        }
        for result in document_results:
            document = documents.get(result.hit.object.pk)
            if document is not None:
                result.url = result.file_url = document.url
                result.document = document
            talk = talks.get(result.hit.object.talk_id)
            if talk is not None:
                result.talk_title, result.speaker_text, result.talk_page = talk
    for result in results:
        if not result.speaker_text:
            result.speaker_text = ", ".join(sorted(result.speakers.values()))


# --- Facets --------------------------------------------------------------------


def _parse_filters(raw):
    """Filters from the address; anything malformed is ignored."""
    raw = raw or {}
    filters = {}

    def first(name):
        value = raw.get(name, "")
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        return str(value).strip()[:40]

    for name in (FILTER_YEAR, FILTER_EVENT, FILTER_SPEAKER):
        value = first(name)
        if value.isdigit() and len(value) < 12:
            filters[name] = int(value)
    kind = first(FILTER_KIND)
    if kind in KIND_LABELS:
        filters[FILTER_KIND] = kind
    return filters


def _matches(result, filters, skip=None):
    for name, value in filters.items():
        if name == skip:
            continue
        if name == FILTER_YEAR and result.year != value:
            return False
        if name == FILTER_EVENT and result.event_id != value:
            return False
        if name == FILTER_KIND and result.kind != value:
            return False
        if name == FILTER_SPEAKER and value not in result.speakers:
            return False
    return True


def _facets(results, filters, extra_counts=None, extra_labels=None, totals=None):
    """Counts for each facet, over the results the other selected filters leave.

    ``extra_counts`` (and the colloquia's and speakers' names in
    ``extra_labels``) are counts made elsewhere (in SQL), added to those of
    ``results``. ``totals`` says how
    many values a long facet has when only its listed values were counted
    (the colloquium and speaker facets of the SQL path).
    """
    counts = {name: {} for name in FILTER_NAMES}
    labels = {name: {} for name in FILTER_NAMES}
    kind_labels = {kind: str(label) for kind, label in KIND_LABELS.items()}
    year_counts, event_counts = counts[FILTER_YEAR], counts[FILTER_EVENT]
    kind_counts, speaker_counts = counts[FILTER_KIND], counts[FILTER_SPEAKER]
    event_labels, speaker_labels = labels[FILTER_EVENT], labels[FILTER_SPEAKER]
    for result in results:
        if filters:
            # Which facets this result counts in: all when it passes every
            # filter; only the failing one's facet when it fails just one.
            failing = [name for name in filters if not _matches(result, {name: filters[name]})]
            if len(failing) > 1:
                continue
            names = failing or FILTER_NAMES
        else:
            names = FILTER_NAMES
        year, event_id, kind = result.year, result.event_id, result.kind
        if year and FILTER_YEAR in names:
            year_counts[year] = year_counts.get(year, 0) + 1
        if event_id and FILTER_EVENT in names:
            event_counts[event_id] = event_counts.get(event_id, 0) + 1
            event_labels[event_id] = result.event_title
        if FILTER_KIND in names:
            kind_counts[kind] = kind_counts.get(kind, 0) + 1
        if FILTER_SPEAKER in names:
            for person, name in result.speakers.items():
                speaker_counts[person] = speaker_counts.get(person, 0) + 1
                speaker_labels[person] = name
    for name, values in (extra_counts or {}).items():
        for value, count in values.items():
            counts[name][value] = counts[name].get(value, 0) + count
    speaker_labels.update((extra_labels or {}).get(FILTER_SPEAKER, {}))
    event_labels.update((extra_labels or {}).get(FILTER_EVENT, {}))
    for event_id in event_counts:
        event_labels.setdefault(event_id, f"n° {event_id}")
    labels[FILTER_YEAR] = {year: str(year) for year in year_counts}
    labels[FILTER_KIND] = {kind: kind_labels[kind] for kind in kind_counts}

    # A selected filter stays visible (and removable) even when nothing matches it.
    for name, value in filters.items():
        if value not in counts[name]:
            counts[name][value] = 0
            fallback = KIND_LABELS.get(value) if name == FILTER_KIND else None
            labels[name][value] = str(fallback or (value if name == FILTER_YEAR else f"n° {value}"))

    def values(name, order):
        items = [
            FacetValue(str(value), labels[name][value], count, filters.get(name) == value)
            for value, count in counts[name].items()
        ]
        return sorted(items, key=order)

    def most_frequent(name, label):
        # Hundreds of colloquia or speakers for a common word: the most
        # frequent are listed (and the selected one), the rest counted.
        items = values(name, lambda v: (-v.count, v.label))
        shown = [v for i, v in enumerate(items) if i < MAX_FACET_VALUES or v.selected]
        # ``totals``: how many values there are, when only the listed ones were counted.
        found = (totals or {}).get(name, sum(1 for v in items if v.count))
        return Facet(name, label, shown, found - sum(1 for v in shown if v.count))

    return [
        Facet(FILTER_YEAR, _("Année"), values(FILTER_YEAR, lambda v: -int(v.value))),
        most_frequent(FILTER_EVENT, _("Colloque")),
        Facet(FILTER_KIND, _("Type"), values(FILTER_KIND, lambda v: (-v.count, v.label))),
        most_frequent(FILTER_SPEAKER, _("Intervenant")),
    ]


# --- Snippets ------------------------------------------------------------------


def _marks_to_html(text):
    """Escape everything, then turn the highlight markers into <mark>."""
    html = escape(text)
    html = html.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above


# What ts_rank gives a text that does not hold a query of several words
# (1e-20; 0 for a single word): a page holding the query ranks far above.
NO_MATCH_RANK = 1e-10

HEADLINE_OPTIONS = (
    f"StartSel='{START_MARK}', StopSel='{STOP_MARK}', MaxWords={SNIPPET_WORDS}, MinWords=15,"
    " MaxFragments=2, FragmentDelimiter=' … '"
)


def _postgres_snippets(results, parsed):
    """Pages' and documents' snippets in one statement; a document's from its best page.

    A document's best page is the one whose vector ranks highest for the
    query (the first among equals); pages extracted before their vector was
    stored are parsed on the fly. When no page holds the whole query (the
    document was found by its title), the page that ranks highest for any
    of its words; a text that does not hold the whole query has those words
    marked.
    """
    from wagtail.search.models import IndexEntry

    from core.models import DocumentPageText

    config = search_config()
    query_sql, query_params = _tsquery_sql(parsed.words, parsed.phrases)
    # Any of the words, for a text that holds only some of the query (the
    # rest in a title, say): ts_headline marks nothing unless its query matches.
    any_sql = " || ".join("plainto_tsquery(%s::regconfig, %s)" for _ in parsed.terms)
    any_params = [value for term in parsed.terms for value in (config, term)]
    pages = {
        (r.hit.object.content_type_id, str(r.hit.object.pk)): r
        for r in results
        if r.hit.kind == "page"
    }
    documents = {r.hit.object.pk: r for r in results if r.hit.kind == "document"}
    texts = DocumentPageText._meta.db_table
    vector = "coalesce(p.search_vector, to_tsvector(%s::regconfig, p.text))"
    sql = f"""
        WITH q AS MATERIALIZED (SELECT {query_sql} AS query, ({any_sql}) AS any),
        best AS MATERIALIZED (
            SELECT DISTINCT ON (p.document_id) p.id, p.document_id,
                   ts_rank({vector}, q.query) AS rank
            FROM {texts} p, q WHERE p.document_id = ANY(%s)
            ORDER BY p.document_id, rank DESC, p.page_number
        ),
        -- The documents none of whose pages holds the whole query (found by
        -- their title, say): the page that holds most of its words.
        partial AS (
            SELECT DISTINCT ON (b.document_id) b.id FROM (
                SELECT p.id, p.document_id, p.page_number, ts_rank({vector}, q.any) AS rank
                FROM {texts} p, q
                WHERE p.document_id IN (SELECT document_id FROM best WHERE rank <= %s)
            ) b
            WHERE b.rank > 0
            ORDER BY b.document_id, b.rank DESC, b.page_number
        )
        SELECT s.hit, s.content_type_id, s.object_id, s.page_number,
               CASE WHEN strpos(s.headline, %s) > 0 THEN s.headline
                    ELSE ts_headline(%s::regconfig, s.text, q.any, %s) END
        FROM q, (
            SELECT 'page' AS hit, e.content_type_id, e.object_id,
                   NULL::integer AS page_number, e.body_text AS text,
                   ts_headline(%s::regconfig, e.body_text, q.query, %s) AS headline
            FROM {IndexEntry._meta.db_table} e, q
            WHERE e.content_type_id = ANY(%s) AND e.object_id = ANY(%s)
            UNION ALL
            SELECT 'document', NULL, t.document_id::text, t.page_number, t.text,
                   ts_headline(%s::regconfig, t.text, q.query, %s)
            FROM {texts} t, q
            WHERE t.id IN (SELECT id FROM best WHERE rank > %s UNION ALL SELECT id FROM partial)
        ) s
    """  # noqa: S608 - table names from the models, values as parameters
    params = [
        *query_params,
        *any_params,
        config,
        list(documents),
        config,
        NO_MATCH_RANK,
        START_MARK,
        config,
        HEADLINE_OPTIONS,
        config,
        HEADLINE_OPTIONS,
        list({key[0] for key in pages}),
        [key[1] for key in pages],
        config,
        HEADLINE_OPTIONS,
        NO_MATCH_RANK,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for hit, content_type_id, object_id, page_number, headline in rows:
        if hit == "page":
            result = pages.get((content_type_id, object_id))
            if result is not None and headline and START_MARK in headline:
                result.snippet = _marks_to_html(headline)
        else:
            result = documents[int(object_id)]
            result.page_number = page_number
            result.snippet = _marks_to_html(headline)


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def highlight(text, terms, words=SNIPPET_WORDS):
    """A window of ``text`` around the first matched word, with matches in <mark>.

    Accent- and case-insensitive; a word matches when it starts with a term
    (a crude stand-in for stemming, used where PostgreSQL is not).
    """
    tokens = re.split(r"(\w+)", text)
    folded_terms = [_fold(term) for term in terms if term]
    marked = []
    first = None
    for index, token in enumerate(tokens):
        is_match = index % 2 == 1 and any(_fold(token).startswith(t) for t in folded_terms)
        if is_match and first is None:
            first = index
        marked.append((token, is_match))
    if first is None:
        return ""
    start = max(0, first - words // 2)
    window = marked[start : start + words * 2]
    html = "".join(
        f"<mark>{escape(token)}</mark>" if is_match else escape(token) for token, is_match in window
    )
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words * 2 < len(marked) else ""
    return mark_safe(prefix + html.strip() + suffix)  # noqa: S308 - every token escaped


def _python_snippets(results, parsed):
    from wagtail.search.models import IndexEntry

    from core.models import DocumentPageText

    terms = parsed.terms
    # The SQLite index keeps plain text in ``body``; PostgreSQL's in ``body_text``.
    body_field = "body_text"
    if not any(f.name == body_field for f in IndexEntry._meta.fields):
        body_field = "body"
    page_results = [r for r in results if r.hit.kind == "page"]
    document_results = [r for r in results if r.hit.kind == "document"]
    if page_results:
        keys = {(r.hit.object.content_type_id, str(r.hit.object.pk)): r for r in page_results}
        for content_type_id, object_id, body in IndexEntry.objects.filter(
            object_id__in=[key[1] for key in keys], content_type_id__in={k[0] for k in keys}
        ).values_list("content_type_id", "object_id", body_field):
            result = keys.get((content_type_id, object_id))
            if result is not None:
                result.snippet = highlight(body or "", terms)
    if document_results:
        by_id = {r.hit.object.pk: r for r in document_results}
        # Every page of the shown documents: SQLite's icontains does not fold
        # accents, the highlighter does. Development-sized data only.
        for document_id, page_number, text in (
            DocumentPageText.objects.filter(document_id__in=by_id.keys())
            .order_by("document_id", "page_number")
            .values_list("document_id", "page_number", "text")
        ):
            result = by_id[document_id]
            if result.page_number is None:
                snippet = highlight(text, terms)
                if snippet:
                    result.page_number = page_number
                    result.snippet = snippet


def add_snippets(results, parsed):
    """Highlighted snippets (and documents' best page) for the results shown."""
    if not results or not parsed:
        return
    if is_postgresql():
        _postgres_snippets(results, parsed)
    else:
        _python_snippets(results, parsed)
    for result in results:
        if result.page_number and result.file_url:
            result.file_url = f"{result.file_url}#page={result.page_number}"


def add_urls(results, request):
    """Page addresses, for the results shown only (Wagtail computes them one by one).

    Pages, talks' pages and colloquia are fetched together (one query); a
    talk's page may be given as its id (``_complete``).
    """
    wanted = {r.hit.object.pk for r in results if isinstance(r.hit.object, PageRow)}
    wanted |= {r.event_id for r in results if r.event_id is not None}
    wanted |= {r.talk_page for r in results if isinstance(r.talk_page, int)}
    pages = Page.objects.in_bulk(wanted)

    def url(page):
        if isinstance(page, PageRow):
            page = page.pk
        if isinstance(page, int):
            page = pages.get(page)
        return (page.get_url(request) or "") if page is not None else ""

    for result in results:
        if result.hit.kind == "page":
            result.url = url(result.hit.object)
        if result.talk_page is not None:
            result.talk_url = url(result.talk_page) + "#interventions"
        if result.event_id is not None:
            result.event_url = url(result.event_id)


# --- The whole search ----------------------------------------------------------


class _Ranked:
    """The ranked results for the paginator: ``total`` of them, the first ones in ``results``."""

    def __init__(self, results, total):
        self.results = results
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.results[index]


# More than any archive holds: bounds the rows asked for a far page number.
MAX_RANKED_ROWS = 1_000_000


def _rows_needed(page_number, per_page):
    """How many ranked rows the paginator may show for ``page_number`` (at most)."""
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        number = 1
    return min(MAX_RANKED_ROWS, max(1, number) * per_page)


def _postgres_search(query, parsed, filters, page_number, per_page, request):
    """search() on PostgreSQL: hits counted and ranked in SQL, only the shown rows described.

    Two statements (``_postgres_ranked_page``) run Wagtail's search of the
    pages and match the documents: one returns the best ``page_number ×
    per_page`` rows, already described (kind, colloquium, year, speakers), the
    other the facets of every hit, counted meanwhile on another connection:
    no page or document of the others reaches Python.
    """
    total, rows, facets = _postgres_ranked_page(
        parsed, private_pages_q(), filters, _rows_needed(page_number, per_page)
    )
    document_model = get_document_model()
    results = []
    for row in rows:
        hit, pk, score, title, document_kind, talk_id, event_id, year, speakers, *rest = row
        event_title, kind, content_type_id, file, size, file_format, collection, *talk = rest
        if hit == "page":
            hit = Hit("page", PageRow(pk, content_type_id, title), score or 0.0)
        else:
            hit = _row(pk, score, title, document_kind, talk_id, event_id, year, speakers)
        result = Result(kind=kind, title=title, url="", score=hit.score, hit=hit)
        result.speakers = _people(speakers)
        if event_id is not None:
            result.event_id, result.event_title, result.year = event_id, event_title, year
        if file is not None:
            # What the link and its label need (``document.url`` is the serve
            # view's address, from the id and the file name): no query.
            result.document = document_model(
                pk=pk,
                title=title,
                file=file,
                file_size=size,
                file_format=file_format,
                collection_id=collection,
            )
            result.url = result.file_url = result.document.url
        if talk[0] is not None:
            result.talk_title, result.speaker_text, result.talk_page = talk
        results.append(result)

    def counted_facets():
        counts, labels, totals = facets()
        return _facets([], filters, counts, labels, totals)

    ranked = _Ranked(results, total)
    return _response(query, parsed, filters, counted_facets, ranked, page_number, per_page, request)


def search(query_string, filters=None, page_number=1, per_page=10, request=None):
    """Everything the search page shows (see the module docstring)."""
    query = clean_query(query_string)
    parsed = parse_query(query)
    filters = _parse_filters(filters)
    if parsed and is_postgresql():
        return _postgres_search(query, parsed, filters, page_number, per_page, request)
    return _python_search(query, parsed, filters, page_number, per_page, request)


def _python_search(query, parsed, filters, page_number, per_page, request):
    """search() describing every hit in Python (SQLite; the reference for the SQL path's tests)."""
    described = []
    if parsed:
        private = private_pages_q()
        described = _describe(find_hits(parsed, private), private)
    facets = _facets(described, filters)
    selected = [result for result in described if _matches(result, filters)]
    return _response(query, parsed, filters, facets, selected, page_number, per_page, request)


def _response(query, parsed, filters, facets, results, page_number, per_page, request):
    """One page of ``results``; only the results shown get their links and snippets.

    ``facets`` may be a function that returns them: it is called last, once
    the results shown are complete (the PostgreSQL path counts them meanwhile).
    """
    paginator = Paginator(results, per_page)
    page = paginator.get_page(page_number)
    shown = list(page.object_list)
    _complete(shown)
    add_urls(shown, request)
    add_snippets(shown, parsed)
    if callable(facets):
        facets = facets()
    return SearchResponse(
        query=query,
        results=shown,
        total=paginator.count,
        page=page,
        facets=facets,
        filters=filters,
    )
