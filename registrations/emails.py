"""The e-mails a registered person receives, in French, plain text.

A confirmed seat comes with the colloquium's ``.ics``; every e-mail carries the
signed link that lets the person cancel.

The e-mails a visitor's action sends leave at most once per kind (confirmation or
waiting list; cancellation), address and colloquium in
``REGISTRATION_EMAIL_INTERVAL_SECONDS`` (an hour): registering someone else's
address, cancelling and registering again in a loop cannot flood that address.
The registration itself is still recorded and the person's own page shows it;
only the repeated e-mail is held back. A promotion from the waiting list always
leaves: the person did nothing to cause it and must know.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from core.forms_protection import first_in_window

logger = logging.getLogger(__name__)


def manage_url(registration, request=None):
    event = registration.event
    return event.get_full_url(request) + event.reverse_subpage(
        "registration_cancel", args=[registration.token]
    )


def _send(registration, template, subject, request=None, attach_calendar=False):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_full_url(request),
        "cancel_url": manage_url(registration, request),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMessage(
        subject=f"{subject} – {event.title}",
        body=render_to_string(f"events/emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if attach_calendar:
        filename, content = event.registration_calendar(request)
        message.attach(filename, content, "text/calendar")
    message.send()


def _first_this_hour(registration, kind):
    """True unless this address already had such an e-mail about this event this hour."""
    if first_in_window(
        f"registration-mail:{kind}:{registration.event_id}:{registration.email.strip().lower()}",
        settings.REGISTRATION_EMAIL_INTERVAL_SECONDS,
    ):
        return True
    logger.info("Registration e-mail held back (one an hour): %s %s", kind, registration.pk)
    return False


def send_registration_received(registration, request=None):
    if not _first_this_hour(registration, "received"):
        return
    if registration.is_confirmed:
        _send(registration, "confirmed", "Inscription confirmée", request, attach_calendar=True)
    else:
        _send(registration, "waitlisted", "Inscription sur liste d'attente", request)


def send_promoted(registration, request=None):
    _send(registration, "promoted", "Une place s'est libérée", request, attach_calendar=True)


def send_cancelled(registration, request=None):
    if not _first_this_hour(registration, "cancelled"):
        return
    _send(registration, "cancelled", "Inscription annulée", request)
