"""Colloquia as iCalendar (RFC 5545): one event's ``.ics`` and the feed of all of them.

Times are written in Europe/Paris with its VTIMEZONE, so a calendar shows the
colloquium at the hour printed on the poster wherever it is opened. Each event
keeps the same UID for its whole life (from the page's ``translation_key``), so
a calendar that subscribed to the feed updates the event rather than adding a
second one when its dates or status change.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from icalendar import Calendar, Event, vGeo, vText

CALENDAR_STATUS = {
    "scheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
PRODID = "-//ANDELIS//Colloques//FR"


def event_uid(event):
    return f"{event.translation_key}@andelis"


def event_location(event):
    venue = event.venue
    if venue is None:
        return ""
    town = " ".join(part for part in [venue.postal_code, venue.city] if part)
    return ", ".join(part for part in [venue.name, venue.street_address, town] if part)


def event_description(event):
    parts = [event.subtitle, event.summary or strip_tags(event.introduction or "").strip()]
    return "\n\n".join(part for part in parts if part)


def calendar_event(event, request=None):
    url = event.get_full_url(request)
    summary = event.title
    if event.is_cancelled:
        summary = f"[Annulé] {summary}"
    elif event.is_postponed:
        summary = f"[Reporté] {summary}"
    component = Event.new(
        uid=event_uid(event),
        summary=summary,
        start=timezone.localtime(event.start),
        end=timezone.localtime(event.end),
        stamp=event.last_published_at or timezone.now(),
        status=CALENDAR_STATUS.get(event.status, "CONFIRMED"),
        url=url,
        description="\n\n".join(p for p in [event_description(event), url] if p),
        location=event_location(event) or None,
    )
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        component.add("geo", vGeo((float(venue.latitude), float(venue.longitude))))
    return component


def build_calendar(events, request=None, name=None, uid="colloques@andelis"):
    """The calendar as bytes. ``uid`` names the calendar itself, stable for subscribers."""
    events = list(events)
    calendar = Calendar.new(
        prodid=PRODID, method="PUBLISH", name=name or settings.WAGTAIL_SITE_NAME, uid=uid
    )
    calendar.add("x-wr-timezone", vText(settings.TIME_ZONE))
    for event in events:
        calendar.add_component(calendar_event(event, request))
    if events:
        # Transitions only around the events, not every year since 1970.
        first = min(timezone.localtime(e.start) for e in events).date()
        last = max(timezone.localtime(e.end) for e in events).date()
        calendar.add_missing_timezones(
            first_date=first - datetime.timedelta(days=366),
            last_date=last + datetime.timedelta(days=366),
        )
    return calendar.to_ical()


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics_filename(event):
    return f"{slugify(event.title) or 'colloque'}.ics"


def event_calendar_bytes(event, request=None):
    return build_calendar([event], request, name=event.title, uid=f"{event.translation_key}")


def event_calendar_view(request, slug):
    """One colloquium, for "Ajouter à mon agenda"."""
    from events.models import EventPage

    event = (
        EventPage.objects.live()
        .public()
        .select_related("venue")
        .filter(slug=slug)
        .order_by("path")
        .first()
    )
    if event is None:
        raise Http404
    return ics_response(
        build_calendar([event], request, name=event.title), event_ics_filename(event)
    )


def calendar_feed_view(request):
    """Every published colloquium, for a calendar to subscribe to."""
    from events.models import EventPage

    events = EventPage.objects.live().public().select_related("venue").order_by("start")
    name = f"{settings.WAGTAIL_SITE_NAME} – colloques"
    return ics_response(build_calendar(events, request, name=name), "colloques.ics")
