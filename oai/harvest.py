"""Keeping ``HarvestRecord`` rows true to the published talks.

``sync(proceedings_ids)``
    Compares the records of the talks of those proceedings (every proceedings when
    ``None``) with the stored rows: a new talk gets a row, a talk whose Dublin Core
    or colloquium changed gets its new record and a new datestamp, a talk no longer
    published (removed from its proceedings, or proceedings unpublished, private,
    deleted, out of every site) is marked deleted with a new datestamp. An
    unchanged talk keeps its datestamp, so harvesters asking "since when" get only
    what changed.

A talk is published when its proceedings page is live and public (no view
restriction on it or above it) and has an address. ``oai/signal_handlers.py`` calls
``sync`` after each change that can alter a record; ``manage.py update_oai_records``
calls ``sync()`` for everything.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oai.dublin_core import oai_dc_xml
from publications.models import ProceedingsPage
from publications.records import proceedings_records

SET_PREFIX = "colloque"


def set_spec(event):
    """A colloquium's set: ``colloque:<page id>``. The id, not the slug: it never changes,
    and a Wagtail slug may hold letters a setSpec may not (``colloque-été``)."""
    return f"{SET_PREFIX}:{event.pk}"


@dataclass(frozen=True)
class Expected:
    """What a published talk's row must say."""

    proceedings_id: int
    set_spec: str
    set_name: str
    metadata: str


def published_talks(proceedings_ids=None):
    """{talk id: Expected} of the talks of live, public proceedings (of those ids)."""
    pages = ProceedingsPage.objects.live().public().order_by("path")
    if proceedings_ids is not None:
        pages = pages.filter(pk__in=proceedings_ids)
    expected = {}
    for page in pages:
        event = page.event
        if event is None:
            continue
        for record in proceedings_records(page):
            if not record.url:
                continue  # in no site: nobody can reach it
            expected[record.talk_id] = Expected(
                proceedings_id=page.pk,
                set_spec=set_spec(event),
                set_name=event.title,
                metadata=oai_dc_xml(record),
            )
    return expected


def now():
    # Seconds: the granularity Identify declares; a harvester's "from" equal to a
    # datestamp it was given must find the record again.
    return timezone.now().replace(microsecond=0)


@transaction.atomic
def sync(proceedings_ids=None):
    """Bring the rows of those proceedings' talks (all when ``None``) up to date.
    Returns the number of rows created or changed."""
    from oai.models import HarvestRecord

    if proceedings_ids is not None:
        proceedings_ids = sorted(set(proceedings_ids))
        if not proceedings_ids:
            return 0
    expected = published_talks(proceedings_ids)
    rows = HarvestRecord.objects.select_for_update().order_by("pk")
    if proceedings_ids is not None:
        rows = rows.filter(Q(proceedings_id__in=proceedings_ids) | Q(talk_id__in=list(expected)))
    stored = {row.talk_id: row for row in rows}
    stamp = now()
    changed = 0
    for talk_id, wanted in expected.items():
        row = stored.get(talk_id)
        fields = {
            "proceedings_id": wanted.proceedings_id,
            "set_spec": wanted.set_spec,
            "set_name": wanted.set_name,
            "metadata": wanted.metadata,
            "deleted": False,
        }
        if row is None:
            HarvestRecord.objects.update_or_create(
                talk_id=talk_id, defaults={**fields, "datestamp": stamp}
            )
            changed += 1
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            row.datestamp = stamp
            row.save()
            changed += 1
    for talk_id, row in stored.items():
        if talk_id not in expected and not row.deleted:
            row.deleted = True
            row.metadata = ""
            row.datestamp = stamp
            row.save(update_fields=["deleted", "metadata", "datestamp"])
            changed += 1
    return changed


def proceedings_under(page):
    """Ids of the proceedings at or below ``page``."""
    return list(
        ProceedingsPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
