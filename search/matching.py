"""Finding entries, scoring them, and their snippets: one class per database.

``matcher_for(parsed)`` returns the current database's matcher. Each has
``match(entries)`` (the entries holding every word and phrase of the query),
``scored(entries)`` (the same with their ``score``), ``speaker_counts(entries)``
(``{person id: entries}``) and ``snippets(entry ids, document ids)`` (``{entry
id: snippet}`` of pages, ``{document id: (page number, snippet)}`` from each
document's best page).

Score: ``MATCH_SCORE``; a page, ``PAGE_SCORE`` more and ``TITLE_SCORE`` again
when its title holds the whole query; a document, ``HEADER_SCORE`` more when
its talk, speakers or colloquium hold it; on PostgreSQL, plus the ``ts_rank``
of the header. PostgreSQL matches ``terms`` through its GIN index (pair words
for phrases) and highlights with ``ts_headline``; SQLite matches folded words
with ``LIKE`` and highlights in Python. See docs/search.md.
"""

import hashlib
import re
from collections import Counter

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, CharField, Count, F, FloatField, Func, Q, Value, When

from core.models import DocumentPageText
from search.entries import search_config
from search.models import SearchEntry
from search.text import (
    BOILERPLATE_SQL,
    LETTERS,
    SNIPPET_WORDS,
    START_MARK,
    STOP_MARK,
    fold,
    folded_words,
    highlight,
    marks_to_html,
    stem,
)

MATCH_SCORE = 0.1
PAGE_SCORE = 0.8
TITLE_SCORE = 1.0
HEADER_SCORE = 0.5

# phraseto_tsquery's text: 'lexeme' <distance> 'lexeme' ... ("<->" is 1).
PHRASE_PART = re.compile(r"'((?:[^']|'')*)'|<(\d+|-)>")


HEADLINE_OPTIONS = (
    f'StartSel="{START_MARK}", StopSel="{STOP_MARK}", MaxWords={SNIPPET_WORDS},'
    f' MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=" … "'
)
# The snippets of the results shown, in one statement: a page's from its text; a
# document's from its best page (holding the most of the query's words, then ranked
# best, then the first: its few pages are each checked, a common word's index is not
# read). Any word is marked; the demo PDFs' notice is taken out first. Parameters:
# config, terms (words typed, phrases' included), entries (pages' entry ids),
# documents (ids), boilerplate (a regular expression), options.
SNIPPETS_SQL = """
WITH word AS (
    SELECT query FROM unnest(%(terms)s::text[]) AS term,
        plainto_tsquery(%(config)s::regconfig, term) AS query WHERE numnode(query) > 0
), any_word AS (
    SELECT string_agg('(' || query::text || ')', ' | ')::tsquery AS query FROM word
), best_page AS (
    SELECT DISTINCT ON (page.document_id) page.id
    FROM core_documentpagetext AS page, any_word
    WHERE page.document_id = ANY(%(documents)s)
    ORDER BY page.document_id,
        (SELECT count(*) FROM word WHERE page.search_vector @@ word.query) DESC,
        ts_rank(page.search_vector, any_word.query) DESC, page.page_number
)
SELECT entry.id, NULL, NULL, ts_headline(%(config)s::regconfig,
    regexp_replace(entry.text, %(boilerplate)s, ' '), any_word.query, %(options)s)
FROM search_searchentry AS entry, any_word
WHERE entry.id = ANY(%(entries)s) AND any_word.query IS NOT NULL
UNION ALL
SELECT NULL, page.document_id, page.page_number, ts_headline(%(config)s::regconfig,
    regexp_replace(page.text, %(boilerplate)s, ' '), any_word.query, %(options)s)
FROM core_documentpagetext AS page JOIN best_page USING (id), any_word
"""


def matcher_for(parsed):
    if connection.vendor == "postgresql":
        return PostgresMatcher(parsed)
    return SqliteMatcher(parsed)


def phrase_pairs(phrases):
    """Each phrase's pair words (``entries.TERMS_SQL``): none for a phrase of one
    word, None when PostgreSQL reads it as more than a sequence of words."""
    if not phrases:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phraseto_tsquery(%(config)s::regconfig, phrase)::text"
            " FROM unnest(%(phrases)s::text[]) WITH ORDINALITY AS p(phrase, n) ORDER BY n",
            {"config": search_config(), "phrases": list(phrases)},
        )
        readings = [text for (text,) in cursor.fetchall()]
    pairs = []
    for reading in readings:
        parts = PHRASE_PART.findall(reading)
        lexemes = [lexeme.replace("''", "'") for lexeme, gap in parts if not gap]
        gaps = [1 if gap == "-" else int(gap) for _lexeme, gap in parts if gap]
        if len(gaps) != max(len(lexemes) - 1, 0) or set(reading) & set("&|!()"):
            pairs.append(None)
        else:
            pairs.append(
                [pair_word(*pair) for pair in zip(lexemes[:-1], gaps, lexemes[1:], strict=True)]
            )
    return pairs


def pair_word(before, gap, lexeme):
    digest = hashlib.md5(f"{before} {gap} {lexeme}".encode(), usedforsecurity=False)
    return "p" + digest.hexdigest()[:12]


class PostgresMatcher:
    def __init__(self, parsed):
        self.parsed = parsed
        config = search_config()
        phrases = [SearchQuery(p, config=config, search_type="phrase") for p in parsed.phrases]
        words = SearchQuery(" ".join(parsed.words), config=config) if parsed.words else None
        self.query = words
        for phrase in phrases:
            self.query = phrase if self.query is None else self.query & phrase
        # Matching reads ``terms`` through its GIN index: the words, and each
        # phrase's pair words (a phrase of one word is that word). A phrase
        # PostgreSQL reads as more than a sequence is checked on ``body``.
        self.terms, self.exact = words, []
        for phrase, pairs in zip(phrases, phrase_pairs(parsed.phrases), strict=True):
            if pairs is None:
                self.exact.append(phrase)
                continue
            if pairs:
                phrase = SearchQuery(" & ".join(pairs), config="simple", search_type="raw")
            self.terms = phrase if self.terms is None else self.terms & phrase

    def match(self, entries):
        if self.terms is not None:
            entries = entries.filter(terms=self.terms)
        for phrase in self.exact:
            entries = entries.filter(body=phrase)
        return entries

    def scored(self, entries):
        bonus = Case(
            When(document=None, title_vector=self.query, then=Value(PAGE_SCORE + TITLE_SCORE)),
            When(document=None, then=Value(PAGE_SCORE)),
            When(header=self.query, then=Value(HEADER_SCORE)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return entries.annotate(
            score=Value(MATCH_SCORE) + bonus + SearchRank(F("header"), self.query)
        )

    def speaker_counts(self, entries):
        # One row per (entry, speaker): the keys of ``speakers``, grouped.
        person = Func(F("speakers"), function="jsonb_object_keys", output_field=CharField())
        rows = entries.annotate(person=person).values_list("person").annotate(n=Count("pk"))
        return {int(pk): n for pk, n in rows.order_by()}

    def snippets(self, entry_ids, document_ids):
        if not (entry_ids or document_ids) or not self.parsed.terms:
            return {}, {}
        with connection.cursor() as cursor:
            cursor.execute(
                SNIPPETS_SQL,
                {
                    "config": search_config(),
                    "terms": list(self.parsed.terms),
                    "entries": list(entry_ids),
                    "documents": list(document_ids),
                    "boilerplate": BOILERPLATE_SQL,
                    "options": HEADLINE_OPTIONS,
                },
            )
            rows = cursor.fetchall()
        pages, documents = {}, {}
        for entry_id, document_id, number, snippet in rows:
            if snippet and START_MARK in snippet:
                if document_id is None:
                    pages[entry_id] = marks_to_html(snippet)
                else:
                    documents[document_id] = (number, marks_to_html(snippet))
        return pages, documents


class SqliteMatcher:
    def __init__(self, parsed):
        self.parsed = parsed
        # "l'ingénierie" needs "ingenierie", not its "l".
        parts = [LETTERS.findall(word) for word in parsed.words]
        self.stems = [stem(p) for word in parts for p in word if len(p) > 2 or len(word) == 1]
        # A phrase: its folded words in a row, the last one stemmed.
        self.phrases = []
        for phrase in parsed.phrases:
            words = LETTERS.findall(phrase)
            self.phrases.append(" ".join([*(fold(w) for w in words[:-1]), stem(words[-1])]))

    def _title_holds(self, title):
        words = folded_words(title)
        return all(f" {needle}" in words for needle in [*self.stems, *self.phrases])

    def match(self, entries):
        condition = Q()
        for needle in [*self.stems, *self.phrases]:
            condition &= Q(words__contains=f" {needle}")
        return entries.filter(condition)

    def scored(self, entries):
        titles = [
            pk
            for pk, title in entries.filter(document=None).values_list("pk", "title")
            if self._title_holds(title)
        ]
        bonus = Case(
            When(pk__in=titles, then=Value(PAGE_SCORE + TITLE_SCORE)),
            When(document=None, then=Value(PAGE_SCORE)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return entries.annotate(score=Value(MATCH_SCORE) + bonus)

    def speaker_counts(self, entries):
        counts = Counter()
        for speakers in entries.values_list("speakers", flat=True):
            counts.update(int(pk) for pk in speakers)
        return dict(counts)

    def snippets(self, entry_ids, document_ids):
        terms, pages, documents = self.parsed.terms, {}, {}
        for pk, text in SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "text"):
            pages[pk] = highlight(text, terms)
        texts = DocumentPageText.objects.filter(document_id__in=document_ids)
        texts = texts.order_by("document_id", "page_number")
        for document_id, number, text in texts.values_list("document_id", "page_number", "text"):
            if document_id not in documents and (snippet := highlight(text, terms)):
                documents[document_id] = (number, snippet)
        return {pk: snippet for pk, snippet in pages.items() if snippet}, documents
