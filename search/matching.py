"""Finding entries and their snippets: one class per database, same methods.

``matcher_for(parsed)`` returns the matcher of the current database. Each has

``match(entries)``
    The entries (a ``SearchEntry`` queryset) holding every word and every
    phrase of the query, annotated with their ``score``.
``page_snippets(entries)``
    ``{entry id: snippet}`` for pages' entries, from their text.
``document_snippets(document_ids)``
    ``{document id: (page number, snippet)}``: each document's best page.

The score of an entry that holds the query: ``MATCH_SCORE``; for a page,
``PAGE_SCORE`` more and ``TITLE_SCORE`` again when its title holds the whole
query; for a document, ``HEADER_SCORE`` more when its title and context (its
talk, speakers, colloquium) hold it; then, on PostgreSQL, the ``ts_rank`` of
the header. So a colloquium whose title says what was asked comes first, then
the pages about it, then the talks about it, then the documents that only
mention it.

PostgreSQL matches through the GIN index on ``body`` with the French,
accent-folding configuration (stems: "colloques" finds "colloque") and
highlights with ``ts_headline``. SQLite matches folded words with ``LIKE``
(a crude plural stem) and highlights in Python.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When

from search.entries import search_config
from search.text import (
    BOILERPLATE_SQL,
    SNIPPET_WORDS,
    START_MARK,
    STOP_MARK,
    WORD,
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


def matcher_for(parsed):
    if connection.vendor == "postgresql":
        return PostgresMatcher(parsed)
    return SqliteMatcher(parsed)


class PostgresMatcher:
    def __init__(self, parsed):
        config = search_config()
        parts = []
        if parsed.words:
            parts.append(SearchQuery(" ".join(parsed.words), config=config))
        parts += [SearchQuery(p, config=config, search_type="phrase") for p in parsed.phrases]
        self.query = parts[0]
        for part in parts[1:]:
            self.query &= part
        # Any word of the query: which page of a document, which words to mark.
        self.any_word = None
        for term in parsed.terms:
            word = SearchQuery(term, config=config)
            self.any_word = word if self.any_word is None else self.any_word | word

    def match(self, entries):
        bonus = Case(
            When(document=None, title_vector=self.query, then=Value(PAGE_SCORE + TITLE_SCORE)),
            When(document=None, then=Value(PAGE_SCORE)),
            When(header=self.query, then=Value(HEADER_SCORE)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return entries.filter(body=self.query).annotate(
            score=Value(MATCH_SCORE) + bonus + SearchRank(F("header"), self.query)
        )

    def _headline(self, text):
        # The demo PDFs' notice is taken out before the words are chosen.
        cleaned = Func(
            text,
            Value(BOILERPLATE_SQL),
            Value(" "),
            function="regexp_replace",
            output_field=TextField(),
        )
        return SearchHeadline(
            cleaned,
            self.any_word,
            config=search_config(),
            start_sel=START_MARK,
            stop_sel=STOP_MARK,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def page_snippets(self, entries):
        rows = entries.annotate(snippet=self._headline(F("text"))).values_list("pk", "snippet")
        return {pk: marks_to_html(s) for pk, s in rows if START_MARK in s}

    def document_snippets(self, document_ids):
        from core.models import DocumentPageText

        if not document_ids or self.any_word is None:
            return {}
        best_pages = (
            DocumentPageText.objects.filter(
                document_id__in=document_ids, search_vector=self.any_word
            )
            .annotate(
                rank=SearchRank(F("search_vector"), self.any_word)
                + Case(When(search_vector=self.query, then=Value(1.0)), default=Value(0.0))
            )
            .order_by("document_id", "-rank", "page_number")
            .distinct("document_id")
            .values("pk")
        )
        rows = (
            DocumentPageText.objects.filter(pk__in=best_pages)
            .annotate(snippet=self._headline(F("text")))
            .values_list("document_id", "page_number", "snippet")
        )
        return {
            document_id: (number, marks_to_html(s))
            for document_id, number, s in rows
            if START_MARK in s
        }


class SqliteMatcher:
    def __init__(self, parsed):
        self.parsed = parsed
        self.stems = [stem(word) for word in parsed.words]
        # A phrase: its folded words in a row, the last one stemmed.
        self.phrases = []
        for phrase in parsed.phrases:
            words = WORD.findall(phrase)
            self.phrases.append(" ".join([*(fold(w) for w in words[:-1]), stem(words[-1])]))

    def _title_holds(self, title):
        words = folded_words(title)
        return all(f" {needle}" in words for needle in [*self.stems, *self.phrases])

    def match(self, entries):
        condition = Q()
        for needle in [*self.stems, *self.phrases]:
            condition &= Q(words__contains=f" {needle}")
        matched = entries.filter(condition)
        titles = [
            pk
            for pk, title in matched.filter(document=None).values_list("pk", "title")
            if self._title_holds(title)
        ]
        bonus = Case(
            When(pk__in=titles, then=Value(PAGE_SCORE + TITLE_SCORE)),
            When(document=None, then=Value(PAGE_SCORE)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return matched.annotate(score=Value(MATCH_SCORE) + bonus)

    def page_snippets(self, entries):
        terms = self.parsed.terms
        snippets = {pk: highlight(text, terms) for pk, text in entries.values_list("pk", "text")}
        return {pk: snippet for pk, snippet in snippets.items() if snippet}

    def document_snippets(self, document_ids):
        from core.models import DocumentPageText

        found = {}
        pages = DocumentPageText.objects.filter(document_id__in=document_ids).order_by(
            "document_id", "page_number"
        )
        for document_id, number, text in pages.values_list("document_id", "page_number", "text"):
            if document_id not in found:
                snippet = highlight(text, self.parsed.terms)
                if snippet:
                    found[document_id] = (number, snippet)
        return found
