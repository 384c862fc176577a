"""What the published pages using a document add to its search text (core's
``ColloquiumDocument.search_context``): the talk, its speakers, the colloquium and
its year, so that a search on a speaker's name or a colloquium finds its documents."""

from wagtail.models import Page

from events.models import EventPage
from publications.models import Contribution


def talks_and_events(document):
    parts = []
    events = EventPage.objects.live().filter(poster=document)
    for contribution in Contribution.objects.filter(document=document, page__live=True):
        parts.append(contribution.title)
        parts.append(contribution.speaker_label)
        parts.extend(person.name for person in contribution.speakers.all())
        events = events | EventPage.objects.live().filter(
            path=contribution.page.path[: -Page.steplen]
        )
    for event in events.distinct():
        parts.extend([event.title, event.subtitle, str(event.start_local.year)])
    return parts
