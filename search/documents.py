"""Keeping ``DocumentSearchEntry`` rows true to the documents and the pages using them.

``refresh_entries(ids=None)``
    Title, context (talk, speakers, colloquium, year), kind and facets of the
    given documents (all when ``ids`` is None), with a constant number of
    queries; on PostgreSQL the ``header`` vector too.
``refresh_bodies(ids=None)``
    On PostgreSQL, the ``body`` vector: every word of the document's pages
    and every pair of consecutive words (for phrases), without positions,
    built from the pages' own vectors (no text parsed).

``refresh_pages(ids=None)``
    On PostgreSQL, the speakers of colloquium and proceedings pages
    (``PageSearchEntry``), for the speaker facet.

Called when a document is saved or its text extracted (signal handlers), when
a page is published or unpublished (its documents' context changed) and by
``manage.py update_document_search`` (everything, after ``update_index``).
"""

from django.db import connection, transaction
from wagtail.models import Page

KIND_TALK = "intervention"
KIND_DOCUMENT = "document"
BATCH = 2000


def _is_postgresql():
    return connection.vendor == "postgresql"


def _config():
    from django.conf import settings

    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def _facts(document_ids):
    """{document id: (title, context, kind, talk id, event id, year, speakers)}."""
    from wagtail.documents import get_document_model

    from events.models import EventPage
    from publications.models import Contribution

    documents = get_document_model().objects.all()
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    titles = dict(documents.values_list("pk", "title"))
    events = list(EventPage.objects.live().only("pk", "path", "title", "subtitle", "start"))
    events_by_path = {event.path: event for event in events}
    events_by_id = {event.pk: event for event in events}
    contributions = list(
        Contribution.objects.filter(page__live=True, document_id__in=titles.keys())
        .order_by("page_id", "sort_order")
        .values_list("pk", "document_id", "title", "speaker_label", "page__path")
    )
    speakers = {}
    for contribution_id, person_id, name in Contribution.speakers.through.objects.filter(
        contribution_id__in=[row[0] for row in contributions]
    ).values_list("contribution_id", "person_id", "person__name"):
        speakers.setdefault(contribution_id, {})[str(person_id)] = name
    talks = {}
    for row in contributions:
        talks.setdefault(row[1], row)
    posters = {
        event.poster_id: event
        for event in EventPage.objects.live()
        .filter(poster_id__in=titles.keys())
        .only("pk", "poster_id")
    }

    facts = {}
    for pk, title in titles.items():
        talk = talks.get(pk)
        event, kind, talk_id, people, parts = None, KIND_DOCUMENT, None, {}, []
        if talk is not None:
            talk_id, _document, talk_title, label, path = talk
            kind, title_shown = KIND_TALK, talk_title
            people = speakers.get(talk_id, {})
            parts.extend([talk_title, label, *people.values()])
            event = events_by_path.get(path[: -Page.steplen])
        else:
            title_shown = title
            poster = posters.get(pk)
            event = events_by_id.get(poster.pk) if poster is not None else None
        year = None
        if event is not None:
            year = event.start_local.year
            parts.extend([event.title, event.subtitle, str(year)])
        context = " ".join(part for part in parts if part)
        facts[pk] = (
            title,
            title_shown[:255],
            context,
            kind,
            talk_id,
            event and event.pk,
            year,
            people,
        )
    return facts


def _pages_using(document_ids):
    """{document id: ids of the pages using it} (talks' proceedings, events' posters), any state."""
    from events.models import EventPage
    from publications.models import Contribution

    pages = {}
    for document_id, page_id in (
        Contribution.objects.filter(document_id__in=document_ids)
        .values_list("document_id", "page_id")
        .union(EventPage.objects.filter(poster_id__in=document_ids).values_list("poster_id", "pk"))
    ):
        pages.setdefault(document_id, []).append(page_id)
    return pages


def refresh_entries(document_ids=None):
    from search.models import DocumentSearchEntry

    facts = _facts(document_ids)
    if not facts:
        return 0
    with transaction.atomic():
        DocumentSearchEntry.objects.bulk_create(
            [
                DocumentSearchEntry(
                    document_id=pk,
                    title=shown,
                    kind=kind,
                    talk_id=talk_id,
                    event_id=event_id,
                    year=year,
                    speakers=people,
                )
                for pk, (_t, shown, _c, kind, talk_id, event_id, year, people) in facts.items()
            ],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["document"],
            update_fields=["title", "kind", "talk_id", "event_id", "year", "speakers"],
        )
        if _is_postgresql():
            pages = _pages_using(list(facts))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE search_documentsearchentry SET header ="
                    " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                    " || setweight(to_tsvector(%s::regconfig, %s), 'B'),"
                    " speaker_ids = %s::integer[], page_ids = %s::integer[]"
                    " WHERE document_id = %s",
                    [
                        (
                            _config(),
                            title,
                            _config(),
                            context,
                            sorted(map(int, people)),
                            sorted(pages.get(pk, [])),
                            pk,
                        )
                        for pk, (title, _s, context, _k, _t, _e, _y, people) in facts.items()
                    ],
                )
    return len(facts)


# A tsvector holds at most 1 MB of lexemes: a document whose words and word
# pairs need more (hundreds of pages) keeps its words only, and its phrases are
# checked on its pages (``body_has_pairs`` false; search/0006).
MAX_BODY_BYTES = 900_000
BODY_INDEX = "search_documentsearchentry_body_gin"  # search/0003


def refresh_bodies(document_ids=None):
    """Each document's ``body``: its pages' words and consecutive word pairs, no positions."""
    if not _is_postgresql():
        return
    condition, params = "", []
    if document_ids is not None:
        document_ids = list(document_ids)
        if not document_ids:
            return
        condition, params = "WHERE e.document_id = ANY(%s)", [document_ids]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_documentsearchentry e SET (body, body_has_pairs) = ("  # noqa: S608
            " SELECT array_to_tsvector(CASE WHEN fits THEN terms ELSE words END), fits"
            " FROM (SELECT coalesce(array_agg(term), '{}') AS terms,"
            "   coalesce(array_agg(term) FILTER (WHERE strpos(term, ' ') = 0), '{}') AS words,"
            "   coalesce(sum(octet_length(term) + 4), 0) <= %s AS fits"
            "  FROM (SELECT DISTINCT term FROM core_documentpagetext p,"
            "   unnest(tsvector_to_array(p.search_vector) || search_word_pairs(p.search_vector))"
            "   AS term WHERE p.document_id = e.document_id) AS terms) AS body"
            ") " + condition,
            [MAX_BODY_BYTES, *params],
        )


def refresh_pages(page_ids=None):
    """On PostgreSQL, the speakers of the given pages (all when None): ``PageSearchEntry``."""
    if not _is_postgresql():
        return
    from events.models import EventSpeaker, Person
    from publications.models import Contribution
    from search.models import PageSearchEntry

    talk_speakers = Contribution.speakers.through._meta
    condition, params = "", []
    if page_ids is not None:
        page_ids = list(page_ids)
        if not page_ids:
            return
        condition, params = "WHERE page_id = ANY(%s)", [page_ids]
    entries = PageSearchEntry._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {entries} {condition}", params)  # noqa: S608
        cursor.execute(
            f"""
            INSERT INTO {entries} (page_id, speakers, speaker_ids)
            SELECT page_id, jsonb_object_agg(person_id::text, name),
                   array_agg(person_id ORDER BY person_id)
            FROM (
                SELECT s.page_id, s.person_id, p.name
                FROM {EventSpeaker._meta.db_table} s
                JOIN {Person._meta.db_table} p ON p.id = s.person_id
                UNION
                SELECT c.page_id, t.{talk_speakers.get_field("person").column}, p.name
                FROM {Contribution._meta.db_table} c
                JOIN {talk_speakers.db_table} t
                  ON t.{talk_speakers.get_field("contribution").column} = c.id
                JOIN {Person._meta.db_table} p
                  ON p.id = t.{talk_speakers.get_field("person").column}
            ) speakers {condition}
            GROUP BY page_id
            """,  # noqa: S608 - table names from the models, values as parameters
            params,
        )


def rebuild():
    """Every entry, body and page's speakers again (``manage.py update_document_search``).

    On PostgreSQL the body's GIN index is dropped first and built once at the
    end: every rewritten row (its header too) would otherwise add its
    thousands of words and pairs to the index one row at a time (over ten
    minutes at benchmark scale). Searches wait for the transaction meanwhile.
    Returns the number of documents.
    """
    with transaction.atomic():
        if _is_postgresql():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX IF EXISTS {BODY_INDEX}")
        count = refresh_entries()
        refresh_bodies()
        refresh_pages()
        if _is_postgresql():
            with connection.cursor() as cursor:
                # No index is built on a table with foreign-key checks still
                # pending in the transaction (Django defers them).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                cursor.execute(
                    f"CREATE INDEX {BODY_INDEX} ON search_documentsearchentry USING gin (body)"
                )
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return count


def refresh(document_ids=None):
    """Entries, then bodies (an entry must exist before its body is set)."""
    refresh_entries(document_ids)
    refresh_bodies(document_ids)


def documents_of_page(page):
    """Ids of the documents a page uses (a proceedings' talks, an event's poster), or used.

    On PostgreSQL the documents whose entry still lists the page are included:
    a poster replaced or a talk's file changed leaves an entry to correct.
    """
    ids = _documents_using(page)
    if _is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document_id FROM search_documentsearchentry WHERE %s = ANY(page_ids)",
                [page.pk],
            )
            ids = sorted({*ids, *(row[0] for row in cursor.fetchall())})
    return ids


def _documents_using(page):
    from events.models import EventPage
    from publications.models import Contribution, ProceedingsPage

    if isinstance(page, ProceedingsPage):
        return list(
            Contribution.objects.filter(page=page)
            .exclude(document=None)
            .values_list("document_id", flat=True)
        )
    if isinstance(page, EventPage):
        # The event's title and year are part of its talks' context.
        children = Page.objects.child_of(page).values("pk")
        ids = list(
            Contribution.objects.filter(page__in=children)
            .exclude(document=None)
            .values_list("document_id", flat=True)
        )
        if page.poster_id:
            ids.append(page.poster_id)
        return ids
    return []
