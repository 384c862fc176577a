"""The site search: pages and documents, ranked together, with facets.

``search(query_string, filters=None, page_number=1, per_page=10, request=None)``
    Everything the search page shows (a ``SearchResponse``): the matching
    entries of live, public pages and of the documents they publish, best
    first; the facets (year, colloquium, type, speaker) counted over them;
    one page of results with their links and highlighted snippets (and, for a
    document, the page of its best match). Its query count does not depend on
    the number of results: view restrictions and the matching entries (one
    statement that reads only ``SearchEntry``), then, for the results shown,
    their pages, documents and talks, and their snippets.
``find_hits(query_string)``
    The matching entries as ``Hit(kind, entry, score)``, best first.

Words are all required, with French stemming and accent folding; text
between double quotes is a phrase (``search/matching.py``).
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from search.entries import (
    KIND_ARGUMENT,
    KIND_DOCUMENT,
    KIND_EVENT,
    KIND_PAGE,
    KIND_PROCEEDINGS,
    KIND_TALK,
)
from search.matching import matcher_for
from search.text import clean_query, highlight, parse_query

__all__ = ["clean_query", "find_hits", "highlight", "parse_query", "search"]

KIND_LABELS = {
    KIND_EVENT: _("Colloque"),
    KIND_TALK: _("Intervention"),
    KIND_DOCUMENT: _("Document"),
    KIND_ARGUMENT: _("Argumentaire"),
    KIND_PROCEEDINGS: _("Actes"),
    KIND_PAGE: _("Page"),
}
MAX_FACET_VALUES = 20
FILTER_YEAR = "annee"
FILTER_EVENT = "colloque"
FILTER_KIND = "type"
FILTER_SPEAKER = "intervenant"
FILTER_NAMES = (FILTER_YEAR, FILTER_EVENT, FILTER_KIND, FILTER_SPEAKER)
ENTRY_COLUMNS = (
    "pk",
    "page_id",
    "document_id",
    "kind",
    "title",
    "talk_id",
    "event_id",
    "year",
    "speakers",
    "score",
)


@dataclass
class Hit:
    kind: str  # "page" or "document"
    object: object  # the SearchEntry
    score: float


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


def _matching_rows(parsed):
    """The matching entries of live, public pages, as ``ENTRY_COLUMNS`` tuples, best first."""
    from search.models import SearchEntry

    visible = Page.objects.live().public().values("pk")
    entries = SearchEntry.objects.filter(page__in=visible)
    rows = matcher_for(parsed).match(entries).values_list(*ENTRY_COLUMNS)
    # Ties: pages before documents, then the newest first.
    return sorted(rows, key=lambda row: (-row[-1], row[2] is not None, -row[0]))


def find_hits(query_string):
    """Every matching page and document entry, best first."""
    from search.models import SearchEntry

    parsed = parse_query(clean_query(query_string))
    if not parsed:
        return []
    hits = []
    for pk, page_id, document_id, *_rest, score in _matching_rows(parsed):
        entry = SearchEntry(pk=pk, page_id=page_id, document_id=document_id)
        hits.append(Hit("page" if document_id is None else "document", entry, score))
    return hits


def _result(row):
    pk, page_id, document_id, kind, title, talk_id, event_id, year, speakers, score = row
    return Result(
        kind=kind,
        title=title,
        score=score,
        entry_id=pk,
        page_id=page_id,
        document_id=document_id,
        talk_id=talk_id,
        event_id=event_id,
        year=year,
        speakers={int(person): name for person, name in speakers.items()},
    )


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


def _facets(results, filters, event_titles=None):
    """Counts for each facet, over the results the other selected filters leave."""
    counts = {name: {} for name in FILTER_NAMES}
    labels = {name: {} for name in FILTER_NAMES}
    for result in results:
        if filters:
            # A result counts in every facet when it passes every filter, and
            # only in the failing filter's facet when it fails just one.
            failing = [name for name in filters if not _matches(result, {name: filters[name]})]
            if len(failing) > 1:
                continue
            names = failing or FILTER_NAMES
        else:
            names = FILTER_NAMES
        values = {
            FILTER_YEAR: [result.year] if result.year else [],
            FILTER_EVENT: [result.event_id] if result.event_id else [],
            FILTER_KIND: [result.kind],
            FILTER_SPEAKER: result.speakers,
        }
        for name in names:
            for value in values[name]:
                counts[name][value] = counts[name].get(value, 0) + 1
        if FILTER_SPEAKER in names:
            labels[FILTER_SPEAKER].update(result.speakers)
    event_titles = event_titles or {}
    labels[FILTER_EVENT] = {pk: event_titles.get(pk, f"n° {pk}") for pk in counts[FILTER_EVENT]}
    labels[FILTER_YEAR] = {year: str(year) for year in counts[FILTER_YEAR]}
    labels[FILTER_KIND] = {kind: str(KIND_LABELS[kind]) for kind in counts[FILTER_KIND]}

    # A selected filter stays visible (and removable) even when nothing matches it.
    for name, value in filters.items():
        if value not in counts[name]:
            counts[name][value] = 0
            fallback = KIND_LABELS.get(value) if name == FILTER_KIND else None
            default = event_titles.get(value) if name == FILTER_EVENT else None
            year = value if name == FILTER_YEAR else f"n° {value}"
            labels[name][value] = str(fallback or default or year)

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
        found = sum(1 for v in items if v.count)
        return Facet(name, label, shown, found - sum(1 for v in shown if v.count))

    return [
        Facet(FILTER_YEAR, _("Année"), values(FILTER_YEAR, lambda v: -int(v.value))),
        most_frequent(FILTER_EVENT, _("Colloque")),
        Facet(FILTER_KIND, _("Type"), values(FILTER_KIND, lambda v: (-v.count, v.label))),
        most_frequent(FILTER_SPEAKER, _("Intervenant")),
    ]


# --- The results shown ---------------------------------------------------------


def _complete(shown, matcher, request, pages):
    """Links, files, talks and snippets of the results shown (constant queries)."""
    from publications.models import Contribution
    from search.models import SearchEntry

    documents = (
        get_document_model()
        .objects.defer("search_text")
        .in_bulk([r.document_id for r in shown if r.document_id])
    )
    talks = {
        pk: (label, page_id, slug)
        for pk, label, page_id, slug in Contribution.objects.filter(
            pk__in=[r.talk_id for r in shown if r.talk_id]
        ).values_list("pk", "speaker_label", "page_id", "slug")
    }
    page_entries = [r.entry_id for r in shown if r.document_id is None]
    page_snippets = matcher.page_snippets(SearchEntry.objects.filter(pk__in=page_entries))
    document_snippets = matcher.document_snippets([r.document_id for r in shown if r.document_id])

    def url(page_id):
        page = pages.get(page_id)
        return (page.get_url(request) or "") if page is not None else ""

    for result in shown:
        if result.event_id is not None:
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
    parsed = parse_query(query)
    filters = _parse_filters(filters)
    results = [_result(row) for row in _matching_rows(parsed)] if parsed else []
    selected = [r for r in results if _matches(r, filters)] if filters else results
    paginator = Paginator(selected, per_page)
    page = paginator.get_page(page_number)
    shown = list(page.object_list)
    events = {r.event_id for r in results if r.event_id} | {
        value for name, value in filters.items() if name == FILTER_EVENT
    }
    talk_pages = {r.page_id for r in shown if r.talk_id}
    pages = Page.objects.in_bulk({*events, *talk_pages, *(r.page_id for r in shown)})
    for result in results:
        if result.event_id in pages:
            result.event_title = pages[result.event_id].title
    if shown:
        _complete(shown, matcher_for(parsed), request, pages)
    event_titles = {pk: pages[pk].title for pk in events if pk in pages}
    return SearchResponse(
        query=query,
        results=shown,
        total=paginator.count,
        page=page,
        facets=_facets(results, filters, event_titles),
        filters=filters,
    )
