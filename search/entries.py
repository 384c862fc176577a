"""Keeping ``SearchEntry`` rows true to the published pages and their documents.

``refresh_page(page)`` writes the page's entry (or removes it when the page is
no longer live), its documents' entries and, for a colloquium, those of the
pages and documents under it. ``refresh_documents(ids)`` writes documents'
entries, ``rebuild()`` every entry (``manage.py update_search_entries``).

A page's words come from its Wagtail ``search_fields`` (read with their public
``get_value``): boosted fields are its context, the others its text. A
document's context is its talk, speakers and colloquium; its text, the
extracted text. A page being deleted gets no entry: Wagtail unpublishes it in
``pre_delete`` without saving it, and an entry written then would name a page
that is about to be gone.
"""

import threading

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search import index

from events.models import EventPage, EventSpeaker
from publications.models import ArgumentPage, Contribution, ProceedingsPage
from search.models import SearchEntry
from search.text import folded_words

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
BATCH = 500
TERMS_INDEX = "search_entry_terms_gin"  # created by search/0011
# ``terms`` from ``body``: its lexemes without positions, plus one word per
# lexeme and the one before it, with their distance ("protection de
# l'enfance": protect, 3, enfanc), hashed into "p" and 12 hexadecimal digits
# that the 'simple' configuration keeps whole (``matching.pair_word``).
TERMS_SQL = """
UPDATE search_searchentry AS entry SET terms = strip(entry.body) || (
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT
        'p' || left(md5(pair.before || ' ' || pair.gap || ' ' || pair.lexeme), 12))), '')
    FROM (
        SELECT word.lexeme, lag(word.lexeme) OVER w AS before, at - lag(at) OVER w AS gap
        FROM unnest(entry.body) AS word, unnest(word.positions) AS at
        WINDOW w AS (ORDER BY at)
    ) AS pair
    WHERE pair.before IS NOT NULL
)
WHERE entry.id = %(entry)s
"""

_deleting = threading.local()


def pages_being_deleted():
    """Ids of the pages whose deletion has begun in this thread."""
    return _deleting.__dict__.setdefault("ids", set())


def page_deletion_started(page):
    """``page`` is about to be deleted: remove its entries, write none until it is gone."""
    pages_being_deleted().add(page.pk)
    SearchEntry.objects.filter(page_id=page.pk).delete()


def page_deletion_ended(page):
    pages_being_deleted().discard(page.pk)


def search_config():
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def _page_kind(page):
    kinds = (
        (EventPage, KIND_EVENT),
        (ArgumentPage, KIND_ARGUMENT),
        (ProceedingsPage, KIND_PROCEEDINGS),
    )
    return next((kind for model, kind in kinds if isinstance(page, model)), KIND_PAGE)


def _texts(value):
    """Every piece of text in a search field's value (strings, lists, related objects)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def _field_texts(obj, fields, page_fields=True):
    """(context, text) of ``obj``'s search fields: boosted fields are context."""
    context, text = [], []
    for field in fields:
        if isinstance(field, index.SearchField):
            if page_fields and field.field_name == "title":
                continue  # the page's title has a vector of its own
            (context if field.boost else text).extend(_texts(field.get_value(obj)))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for related_object in objects:
                for part in _field_texts(related_object, field.fields, page_fields=False):
                    text.extend(part)
    return context, text


def _event_of(page):
    """The colloquium a page belongs to (itself, or its nearest ancestor that is one)."""
    if isinstance(page, EventPage):
        return page
    return EventPage.objects.ancestor_of(page).order_by("-depth").first()


def _year(event):
    return event.start_local.year if event is not None and event.start else None


def _page_speakers(page):
    """{person id: name} of a colloquium's speakers or of a proceedings' talks."""
    if isinstance(page, EventPage):
        rows = EventSpeaker.objects.filter(page=page).values_list("person_id", "person__name")
    elif isinstance(page, ProceedingsPage):
        rows = Contribution.speakers.through.objects.filter(contribution__page=page).values_list(
            "person_id", "person__name"
        )
    else:
        return {}
    return {str(pk): name for pk, name in rows}


def _save(entry, context, text):
    """Store ``entry`` and its words: vectors on PostgreSQL, folded words on SQLite.

    A page's text is part of its header (ranked: a page is short, and an
    essay that keeps coming back to the words is about them); a document's
    text is only matched.
    """
    postgres = connection.vendor == "postgresql"
    entry.words = "" if postgres else folded_words(f"{entry.title} {context} {text}")
    entry.title = entry.title[:255]
    entry.save()
    if postgres:
        config = search_config()
        header = SearchVector(Value(entry.title), config=config, weight="A")
        header += SearchVector(Value(context), config=config, weight="B")
        if entry.document_id is None:
            header += SearchVector(Value(text), config=config, weight="C")
            body = header
        else:
            body = header + SearchVector(Value(text), config=config, weight="D")
        SearchEntry.objects.filter(pk=entry.pk).update(
            title_vector=SearchVector(Value(entry.title), config=config), header=header, body=body
        )
        with connection.cursor() as cursor:
            cursor.execute(TERMS_SQL, {"entry": entry.pk})


def refresh_page_entry(page):
    """The entry of ``page`` alone (none when it is not live or is the root)."""
    page = page.specific
    existing = SearchEntry.objects.filter(page=page, document=None).first()
    if not page.live or page.depth <= 1 or page.pk in pages_being_deleted():
        if existing is not None:
            existing.delete()
        return
    context, text = _field_texts(page, page.search_fields)
    event = _event_of(page)
    entry = existing or SearchEntry(page=page)
    entry.kind = _page_kind(page)
    entry.title = page.title
    entry.text = "\n".join(part for part in text if part)
    entry.event_id = event.pk if event is not None else None
    entry.year = _year(event)
    entry.speakers = _page_speakers(page)
    if event is not None and event is not page:
        context.append(event.title)
    _save(entry, " ".join(context), entry.text)


def _using_pages(document_id):
    """Pages publishing a document: talks' proceedings pages, then colloquia (poster)."""
    deleting = pages_being_deleted()
    talks = list(
        Contribution.objects.filter(document_id=document_id)
        .exclude(page_id__in=deleting)
        .select_related("page")
        .order_by("-page__live", "page_id", "sort_order")
    )
    posters = list(
        EventPage.objects.filter(poster_id=document_id)
        .exclude(pk__in=deleting)
        .order_by("-live", "pk")
    )
    return talks, posters


def refresh_documents(document_ids):
    """The entries of these documents: talk, speakers, colloquium, text."""
    documents = get_document_model().objects.filter(pk__in=list(document_ids))
    for document in documents:
        talks, posters = _using_pages(document.pk)
        entry = SearchEntry.objects.filter(document=document).first()
        if not talks and not posters:
            if entry is not None:
                entry.delete()
            continue
        entry = entry or SearchEntry(document=document)
        context = []
        if talks:
            talk = talks[0]
            entry.page = talk.page
            entry.kind, entry.title, entry.talk_id = KIND_TALK, talk.title, talk.pk
            entry.speakers = {str(p.pk): p.name for p in talk.speakers.all()}
            context += [talk.speaker_label, *entry.speakers.values()]
            event = _event_of(talk.page)
        else:
            event = posters[0]
            entry.page = event
            entry.kind, entry.title, entry.talk_id = KIND_DOCUMENT, document.title, None
            entry.speakers = {}
        entry.event_id = event.pk if event is not None else None
        entry.year = _year(event)
        if event is not None:
            context += [event.title, getattr(event, "subtitle", ""), str(entry.year or "")]
        _save(entry, " ".join(part for part in context if part), document.search_text or "")


def _documents_of(page):
    """Ids of the documents a page uses, or whose entry still names it."""
    ids = set(
        SearchEntry.objects.filter(page=page)
        .exclude(document=None)
        .values_list("document_id", flat=True)
    )
    if isinstance(page, ProceedingsPage):
        ids.update(
            Contribution.objects.filter(page=page)
            .exclude(document=None)
            .values_list("document_id", flat=True)
        )
    elif isinstance(page, EventPage) and page.poster_id:
        ids.add(page.poster_id)
    return ids


def refresh_page(page):
    """The entries a published or unpublished page changes (see the module docstring)."""
    page = page.specific
    with transaction.atomic():
        pages = [page]
        if isinstance(page, EventPage):
            pages += list(Page.objects.descendant_of(page).specific())
        for each in pages:
            refresh_page_entry(each)
            refresh_documents(_documents_of(each))


def rebuild():
    """Every entry again; returns how many there are. On PostgreSQL the index of
    ``terms`` is built once after the entries are written, several times faster than
    adding each one's thousands of words; all in one transaction."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute(f"DROP INDEX IF EXISTS {TERMS_INDEX}")
        SearchEntry.objects.all().delete()
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator(BATCH):
            refresh_page_entry(page)
        ids = get_document_model().objects.values_list("pk", flat=True)
        for start in range(0, len(ids), BATCH):
            refresh_documents(ids[start : start + BATCH])
        if postgres:
            # Not while the new rows' deferred foreign key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"CREATE INDEX {TERMS_INDEX} ON search_searchentry USING gin (terms)")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return SearchEntry.objects.count()
