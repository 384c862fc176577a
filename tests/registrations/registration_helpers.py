"""Shared steps of the registration tests: post the form, read the e-mails."""

import html
import re

from icalendar import Calendar

from registrations.models import Registration
from tests.form_tokens import fetch_token


def text(response):
    return html.unescape(response.content.decode())


def form_url(event):
    """The page holding the form (the same for every visitor)."""
    return event.url + event.reverse_subpage("registration")


def post_url(event):
    """Where the form posts."""
    return f"/inscriptions/{event.pk}/"


def register(client, event, follow=True, **data):
    """Post the form as a browser does: a token from the endpoint, then the fields."""
    fields = {
        "name": "Camille Martin",
        "email": "camille@example.org",
        "organisation": "IRTS Marseille",
        "consent": "on",
        "site_internet": "",
    }
    fields.update(data)
    if "started" not in fields:
        fields["started"] = fetch_token(client, event)
    fields = {key: value for key, value in fields.items() if value is not None}
    return client.post(post_url(event), fields, follow=follow)


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
