"""Shared steps of the registration tests: post the form, read the e-mails."""

import html
import re

from icalendar import Calendar

from events.registration.models import Registration


def text(response):
    return html.unescape(response.content.decode())


def form_url(event):
    return event.url + event.reverse_subpage("registration")


def register(client, event, follow=True, **data):
    fields = {
        "name": "Camille Martin",
        "email": "camille@example.org",
        "organisation": "IRTS Marseille",
        "consent": "on",
    }
    fields.update(data)
    fields = {key: value for key, value in fields.items() if value is not None}
    return client.post(form_url(event), fields, follow=follow)


def cancel_link(message):
    """The signed cancellation link in an e-mail's text."""
    match = re.search(r"https?://\S+/inscription/[\w-]+/annuler/", message.body)
    assert match, message.body
    return match.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def attached_calendar(message):
    """The .ics attached to an e-mail, parsed by icalendar (fails if absent)."""
    calendars = [
        (name, content, mimetype)
        for name, content, mimetype in message.attachments
        if mimetype.startswith("text/calendar")
    ]
    assert len(calendars) == 1, message.attachments
    name, content, _mimetype = calendars[0]
    assert name.endswith(".ics")
    return Calendar.from_ical(content)


def statuses(event):
    return {
        r.email: r.status for r in Registration.objects.filter(event=event).order_by("created_at")
    }
