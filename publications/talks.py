"""Which moment of a colloquium's programme each talk of its proceedings records.

The programme (``events.ProgrammeItem``) and the proceedings (``Contribution``) are
written separately, often months apart. A programme item leads to a talk's page when
their titles are the same (ignoring case, accents, apostrophes and spacing), or else
when they name the same speakers and no other talk does. Each talk is the trace of one
moment at most.
"""

import unicodedata

from django.db.models import Prefetch

from events.models import Person
from publications.models import LIGATURES, Contribution


def comparable(title):
    text = unicodedata.normalize("NFKD", title.translate(LIGATURES).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def programme_traces(event, items):
    """(programme item, talk page address) pairs for the event's live proceedings."""
    # A plain Page, already read with the event's other children: its address is enough.
    proceedings = event.proceedings_page if event.pk else None
    base = proceedings.url if proceedings is not None else None
    if not base:
        return []
    talks = list(
        Contribution.objects.filter(page_id=proceedings.pk)
        .order_by("sort_order")
        .only("id", "page_id", "title", "slug")
        .prefetch_related(Prefetch("speakers", queryset=Person.objects.only("id")))
    )
    by_title = {comparable(talk.title): talk for talk in talks}
    by_speakers = {}
    for talk in talks:
        speakers = frozenset(person.pk for person in talk.speakers.all())
        if speakers:
            by_speakers.setdefault(speakers, []).append(talk)
    # A talk is the trace of one moment: titles first, then speakers for the rest.
    found = {}
    for item in items:
        talk = by_title.get(comparable(item.title))
        if talk is not None and talk.pk not in {t.pk for t in found.values()}:
            found[id(item)] = talk
    used = {talk.pk for talk in found.values()}
    for item in items:
        if id(item) in found:
            continue
        same = by_speakers.get(frozenset(person.pk for person in item.speakers.all()), [])
        if len(same) == 1 and same[0].pk not in used:
            found[id(item)] = same[0]
            used.add(same[0].pk)
    return [(item, f"{base}{found[id(item)].slug}/") for item in items if id(item) in found]
