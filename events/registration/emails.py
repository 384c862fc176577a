"""The e-mails a registered person receives, in French, plain text.

A confirmed seat comes with the colloquium's ``.ics``; every e-mail carries the
signed link that lets the person cancel.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from events.calendars import event_calendar_bytes, event_ics_filename


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
        message.attach(
            event_ics_filename(event),
            event_calendar_bytes(event, request),
            "text/calendar",
        )
    message.send()


def send_registration_received(registration, request=None):
    if registration.is_confirmed:
        _send(registration, "confirmed", "Inscription confirmée", request, attach_calendar=True)
    else:
        _send(registration, "waitlisted", "Inscription sur liste d'attente", request)


def send_promoted(registration, request=None):
    _send(registration, "promoted", "Une place s'est libérée", request, attach_calendar=True)


def send_cancelled(registration, request=None):
    _send(registration, "cancelled", "Inscription annulée", request)
