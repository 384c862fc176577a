"""The site search: pages and documents, ranked together, with facets.

``search(query_string, filters=None, page_number=1, per_page=10, request=None)``
    Everything the search page shows (a ``SearchResponse``): the facets (year,
    colloquium, type, speaker) counted in SQL over the matching entries of live,
    public pages and of the documents they publish (on a second connection,
    ``core.concurrency``), and one page of results, best first, with links and
    highlighted snippets (a document's from its best page). Its query count does
    not depend on the number of results (docs/search.md).

Words are all required, with French stemming and accent folding; text
between double quotes is a phrase (``search/matching.py``).
"""

import heapq
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.concurrency import beside
from core.fragments import kept_with_site
from events.models import Person
from publications.models import Contribution
from search.entries import KIND_LABELS
from search.matching import matcher_for
from search.models import SearchEntry
from search.text import clean_query, highlight, parse_query

__all__ = ["clean_query", "highlight", "parse_query", "search"]

MAX_FACET_VALUES = 20
FILTER_YEAR = "annee"
FILTER_EVENT = "colloque"
FILTER_KIND = "type"
FILTER_SPEAKER = "intervenant"
FILTER_NAMES = (FILTER_YEAR, FILTER_EVENT, FILTER_KIND, FILTER_SPEAKER)
FACET_TITLES = {
    FILTER_YEAR: _("Année"),
    FILTER_EVENT: _("Colloque"),
    FILTER_KIND: _("Type"),
    FILTER_SPEAKER: _("Intervenant"),
}
LABEL_FIELDS = {FILTER_EVENT: "title", FILTER_SPEAKER: "name"}  # Page, Person
FILTER_LOOKUPS = dict(
    zip(FILTER_NAMES, ("year", "event_id", "kind", "speakers__has_key"), strict=True)
)
# The columns of SearchEntry a result starts from (its "pk" is the Result's entry_id).
RESULT_COLUMNS = "entry_id page_id document_id kind title talk_id event_id year speakers score"
RESULT_COLUMNS = RESULT_COLUMNS.split()


@dataclass
class Result:
    """One line of the results list."""

    kind: str
    title: str
    url: str = ""
    score: float = 0.0
    entry_id: int | None = None
    page_id: int | None = None
    document_id: int | None = None
    talk_id: int | None = None
    event_id: int | None = None
    event_title: str = ""
    event_url: str = ""
    year: int | None = None
    speakers: dict = field(default_factory=dict)  # person id -> name
    speaker_text: str = ""
    snippet: str = ""
    page_number: int | None = None
    file_url: str = ""
    talk_url: str = ""
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


# --- Finding -------------------------------------------------------------------


def _visible_entries():
    """Entries of live, public pages and their documents. The few pages that are not
    (drafts, private sections) are read first, left out by id: no join to match."""

    def hidden():  # built only when read: public() reads the view restrictions at once
        visible = Page.objects.live().public().values("pk")
        return list(Page.objects.exclude(pk__in=visible).values_list("pk", flat=True))

    return SearchEntry.objects.exclude(page_id__in=kept_with_site("hidden", hidden))


def _best_first(matcher, entries):
    """Best score first; ties: pages before documents, then the newest first."""
    is_document = ExpressionWrapper(Q(document__isnull=False), output_field=BooleanField())
    return matcher.scored(entries).order_by("-score", is_document.asc(), "-pk")


def _result(row):
    values = dict(zip(RESULT_COLUMNS, row, strict=True))
    values["speakers"] = {int(person): name for person, name in values["speakers"].items()}
    return Result(**values)


class _Ranked:
    """The selected entries, best first, as ``Paginator`` reads them: counted with the
    facets, one page fetched and completed (``fetch``: while the facets are counted)."""

    def __init__(self, entries, complete, counted):
        self.entries, self.complete, self.counted = entries, complete, counted
        self.fetched = (None, [])

    def fetch(self, start, size):
        self.fetched = (start, self[start : start + size])

    def count(self):
        return self.counted()[0]

    def __getitem__(self, window):
        start, rows = self.fetched
        if window.start == start:
            return rows[: window.stop - window.start]
        rows = [_result(row) for row in self.entries[window].values_list("pk", *RESULT_COLUMNS[1:])]
        self.complete(rows)
        return rows


# --- Filters and facets --------------------------------------------------------


def _parse_filters(raw):
    """Filters from the address; anything malformed is ignored."""
    filters = {}
    for name in FILTER_NAMES:
        value = (raw or {}).get(name, "")
        value = str((value or [""])[0] if isinstance(value, list | tuple) else value).strip()[:40]
        if name == FILTER_KIND and value in KIND_LABELS:
            filters[name] = value
        elif name != FILTER_KIND and value.isdigit() and len(value) < 12:
            filters[name] = int(value)
    return filters


def _filtered(entries, filters, skip=None):
    """The entries that pass every filter (but ``skip``)."""
    for name, value in filters.items():
        if name != skip:
            lookup = FILTER_LOOKUPS[name]
            entries = entries.filter(**{lookup: str(value) if name == FILTER_SPEAKER else value})
    return entries


def _count(matcher, matched, filters):
    """(number of entries passing every filter, {facet: {value: count}}): the year,
    colloquium and type facets from one ``GROUP BY`` over the matching entries, then
    the speakers. Each facet counts the entries that pass the other selected filters,
    so that choosing a value shows what the others would give."""
    columns = ["year", "event_id", "kind"]
    if FILTER_SPEAKER in filters:
        speaks = Q(speakers__has_key=str(filters[FILTER_SPEAKER]))
        matched = matched.annotate(speaks=ExpressionWrapper(speaks, output_field=BooleanField()))
        columns.append("speaks")
    groups = matched.values_list(*columns).annotate(n=Count("pk")).order_by()
    # A row: year, colloquium, type, then whether it has the chosen speaker, if any.
    speaker = FILTER_NAMES.index(FILTER_SPEAKER)
    checks = [(FILTER_NAMES.index(name), value) for name, value in filters.items()]
    checks = [(i, True if i == speaker else value) for i, value in checks]
    total, found = 0, (Counter(), Counter(), Counter())
    for *values, n in groups:
        failing = [i for i, value in checks if values[i] != value]
        if len(failing) > 1 or failing == [speaker]:
            continue
        if not failing:
            total += n
        for i in failing or (0, 1, 2):
            if values[i] is not None:
                found[i][values[i]] += n
    counts = dict(zip(FILTER_NAMES[:3], found, strict=True))
    if total or FILTER_SPEAKER in filters:
        speakers = _filtered(matched, filters, skip=FILTER_SPEAKER)
        counts[FILTER_SPEAKER] = Counter(matcher.speaker_counts(speakers))
    return total, counts


def _facet_counts(matcher, matched, filters):
    """(total, counts, {facet: {value: label}} of the colloquia and speakers listable)."""
    total, counts = _count(matcher, matched, filters) if matched is not None else (0, {})
    counts = {name: counts.get(name, Counter()) for name in FILTER_NAMES}
    listable = {}
    for name, rows in ((FILTER_EVENT, Page.objects), (FILTER_SPEAKER, Person.objects)):
        wanted = _tied_for_top(counts[name]) | ({filters[name]} if name in filters else set())
        found = dict(rows.filter(pk__in=wanted).values_list("pk", LABEL_FIELDS[name]))
        listable[name] = {pk: found.get(pk, f"n° {pk}") for pk in wanted}
    return total, counts, listable


def _tied_for_top(counts):
    """The values that can be among the ``MAX_FACET_VALUES`` most frequent."""
    if len(counts) <= MAX_FACET_VALUES:
        return set(counts)
    floor = heapq.nlargest(MAX_FACET_VALUES, counts.values())[-1]
    return {value for value, count in counts.items() if count >= floor}


def _facets(counts, filters, listable):
    """The four facets: years newest first; types by count; colloquia and speakers by
    count (ties by name), the ``MAX_FACET_VALUES`` most frequent. A selected value is
    listed however rare; ``hidden`` counts the values left out."""
    labels = {
        FILTER_YEAR: str,
        FILTER_EVENT: listable[FILTER_EVENT].__getitem__,
        FILTER_KIND: lambda kind: str(KIND_LABELS[kind]),
        FILTER_SPEAKER: listable[FILTER_SPEAKER].__getitem__,
    }
    facets = []
    for name, title in FACET_TITLES.items():
        label, selected = labels[name], filters.get(name)
        if name == FILTER_YEAR:
            order = lambda item: -item[0]  # noqa: E731 - newest first
        else:
            order = lambda item, label=label: (-item[1], label(item[0]))  # noqa: E731 - most frequent
        if name in listable:  # colloquia and speakers: among those whose label was read
            shown = [item for item in counts[name].items() if item[0] in listable[name]]
            shown = heapq.nsmallest(MAX_FACET_VALUES, shown, key=order)
        else:
            shown = sorted(counts[name].items(), key=order)
        if selected is not None and selected not in dict(shown):
            shown = sorted([*shown, (selected, counts[name].get(selected, 0))], key=order)
        values = [FacetValue(str(v), label(v), n, v == selected) for v, n in shown]
        hidden = len(counts[name]) - sum(1 for v in values if v.count)
        facets.append(Facet(name, title, values, hidden))
    return facets


# --- The results shown ---------------------------------------------------------


def _complete(shown, matcher, request):
    """Colloquia, links, files, talks and snippets of the results shown (constant queries)."""
    if not shown:
        return
    pages = Page.objects.in_bulk({r.event_id for r in shown} | {r.page_id for r in shown})
    document_ids = [r.document_id for r in shown if r.document_id]
    documents = get_document_model().objects.defer("search_text").in_bulk(document_ids)
    talks = Contribution.objects.filter(pk__in=[r.talk_id for r in shown if r.talk_id])
    talks = {pk: rest for pk, *rest in talks.values_list("pk", "speaker_label", "page_id", "slug")}
    page_entries = [r.entry_id for r in shown if r.document_id is None]
    page_snippets, document_snippets = matcher.snippets(page_entries, document_ids)

    def url(page_id):
        page = pages.get(page_id)
        return (page.get_url(request) or "") if page is not None else ""

    for result in shown:
        if result.event_id in pages:
            result.event_title = pages[result.event_id].title
            result.event_url = url(result.event_id)
        result.speaker_text = ", ".join(sorted(result.speakers.values()))
        if result.document_id is None:
            result.url = url(result.page_id)
            result.snippet = page_snippets.get(result.entry_id, "")
            continue
        document = documents.get(result.document_id)
        if document is not None:
            result.document = document
            result.url = result.file_url = document.url
        talk = talks.get(result.talk_id)
        if talk is not None:
            result.speaker_text = talk[0] or result.speaker_text
            proceedings_url = url(talk[1])
            # The talk's own page (publications.models.ProceedingsPage.talk).
            result.talk_url = f"{proceedings_url}{talk[2]}/" if proceedings_url else ""
        result.page_number, result.snippet = document_snippets.get(result.document_id, (None, ""))
        if result.page_number and result.file_url:
            result.file_url = f"{result.file_url}#page={result.page_number}"


def search(query_string, filters=None, page_number=1, per_page=10, request=None):
    """See the module docstring."""
    query = clean_query(query_string)
    parsed, filters = parse_query(query), _parse_filters(filters)
    matcher = matcher_for(parsed) if parsed else None
    matched = matcher.match(_visible_entries()) if matcher else None
    # The facets are counted on a second connection while this one ranks the results.
    counted = beside(partial(_facet_counts, matcher, matched, filters))
    ranked = []
    if matcher:
        complete = partial(_complete, matcher=matcher, request=request)
        ranked = _Ranked(_best_first(matcher, _filtered(matched, filters)), complete, counted)
        number = str(page_number)
        if number.isdigit() and 0 < int(number) < 10_000:  # else the Paginator decides
            ranked.fetch((int(number) - 1) * per_page, per_page)
    _total, counts, listable = counted()
    page = Paginator(ranked, per_page).get_page(page_number)
    facets = _facets(counts, filters, listable)
    return SearchResponse(
        query, list(page.object_list), page.paginator.count, page, facets, filters
    )
