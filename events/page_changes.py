"""``pages_changed`` for what the events app owns: venues, people, partners, seats.

An event page prints its venue, its speakers (in the list and in the programme), its
partners and the seats left; the event index and the home page print each event's venue
in its card. None of these changes publishes the event page.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.frontcache import pages_referencing, purge_paths, with_ancestors
from core.signals import pages_changed


def _events(condition):
    from events.models import EventPage

    return list(EventPage.objects.live().filter(condition).distinct())


def pages_showing_venue(venue):
    return with_ancestors(_events(Q(venue=venue))) + pages_referencing(venue)


def pages_showing_person(person):
    events = _events(Q(speakers__person=person) | Q(programme_items__speakers=person))
    return events + pages_referencing(person)


def pages_showing_partner(partner):
    return _events(Q(event_partners__partner=partner)) + pages_referencing(partner)


FINDERS = {
    "events.venue": pages_showing_venue,
    "events.person": pages_showing_person,
    "events.partner": pages_showing_partner,
}


def on_snippet_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pages = FINDERS[sender._meta.label_lower](instance)
    if pages:
        pages_changed.send(sender=sender, pages=pages)


def on_registration_changed(sender, instance, raw=False, **kwargs):
    # A seat taken or freed: the event page (and its form) show the seats left.
    if raw:
        return
    events = _events(Q(pk=instance.event_id))
    if events:
        pages_changed.send(sender=sender, pages=events)


def on_event_listed(sender, instance, **kwargs):
    # The feed and the calendar list every event; the event has a calendar file of its own.
    paths = [reverse("calendar_feed"), reverse("events_feed")]
    if instance.slug:
        paths.append(reverse("event_calendar", args=[instance.slug]))
    purge_paths(paths)


def connect():
    from events.models import EventPage, Partner, Person, Venue
    from registrations.models import Registration

    for model in (Venue, Person, Partner):
        label = model._meta.label_lower
        post_save.connect(on_snippet_changed, sender=model, dispatch_uid=f"{label}.saved")
        # Before the delete, while the relations still say who shows it.
        pre_delete.connect(on_snippet_changed, sender=model, dispatch_uid=f"{label}.deleted")
    post_save.connect(
        on_registration_changed, sender=Registration, dispatch_uid="registration.seats"
    )
    post_delete.connect(
        on_registration_changed, sender=Registration, dispatch_uid="registration.deleted"
    )
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(on_event_listed, sender=EventPage, dispatch_uid=f"events.feeds.{name}")
