"""Handing out seats: registration, cancellation and promotion from the waiting list.

Every change that can move a seat locks the event's row first
(``SELECT ... FOR UPDATE``), so concurrent requests for the last seat are served
one after the other and the capacity is never exceeded. E-mails leave only once
the transaction has committed; a failing mail server is logged and never
undoes (nor hides) a registration that was stored.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from registrations import emails
from registrations.models import Registration


def event_model():
    """The page type people register to (``Registration.event``), without importing it."""
    return Registration._meta.get_field("event").related_model


class RegistrationClosed(Exception):
    """Registration is not (or no longer) open for this event."""


class AlreadyRegistered(Exception):
    """This e-mail address already holds a registration for this event."""


def _lock_event(event):
    # Lock only the event's own row, not Wagtail's page row, which editors save.
    return event_model().objects.select_for_update(of=("self",)).get(pk=event.pk)


def _free_seats(event):
    if event.registration_capacity is None:
        return None
    taken = Registration.objects.filter(event=event).confirmed().count()
    return max(event.registration_capacity - taken, 0)


def register(event, *, name, email, organisation="", role="", accessibility_needs="", request=None):
    """Register a person: a seat if one is free, else the waiting list.

    Raises ``RegistrationClosed`` or ``AlreadyRegistered``.
    """
    try:
        with transaction.atomic():
            event = _lock_event(event)
            if not event.registration_is_open():
                raise RegistrationClosed
            if Registration.objects.filter(event=event, email__iexact=email).active().exists():
                raise AlreadyRegistered
            free = _free_seats(event)
            now = timezone.now()
            registration = Registration.objects.create(
                event=event,
                name=name,
                email=email,
                organisation=organisation,
                role=role if event.registration_asks_role else "",
                accessibility_needs=(
                    accessibility_needs if event.registration_asks_accessibility else ""
                ),
                status=(
                    Registration.Status.CONFIRMED
                    if free is None or free > 0
                    else Registration.Status.WAITLISTED
                ),
                consent_given_at=now,
                created_at=now,
            )
            transaction.on_commit(
                lambda: emails.send_registration_received(registration, request), robust=True
            )
    except IntegrityError as error:
        # The unique constraint caught a duplicate the check above could not see.
        raise AlreadyRegistered from error
    return registration


def cancel(registration, request=None, notify=True):
    """Cancel a registration; a freed seat goes to the first person waiting.

    Returns the people promoted (a list, possibly empty).
    """
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_cancelled:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        promoted = fill_free_seats(event, request=request, locked=True)
        if notify:
            transaction.on_commit(lambda: emails.send_cancelled(registration, request), robust=True)
    return promoted


def delete_registration(registration, user=None, request=None):
    """Delete one person's registration for good (a moderator, at the person's request).

    Logged in Wagtail's history ("wagtail.delete") by number and colloquium, not by
    name: the log must not keep what was deleted. A seat it held goes to the first
    person waiting. The person is not e-mailed: they asked for it, or it was spam.
    """
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        held_a_seat = registration.is_confirmed
        log(
            instance=registration,
            action="wagtail.delete",
            user=user,
            title=f"Inscription n° {registration.pk} – {event.title}",
            data={"event_id": event.pk, "status": registration.status},
            deleted=True,
        )
        registration.delete()
        if held_a_seat:
            fill_free_seats(event, request=request, locked=True)


def fill_free_seats(event, request=None, locked=False):
    """Give every free seat to the people waiting, first come first served."""
    with transaction.atomic():
        if not locked:
            event = _lock_event(event)
        free = _free_seats(event)
        waiting = Registration.objects.filter(event=event).waiting()
        if free is not None:
            waiting = waiting[:free]
        promoted = list(waiting)
        for registration in promoted:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            transaction.on_commit(
                lambda registration=registration: emails.send_promoted(registration, request),
                robust=True,
            )
    return promoted


def waiting_position(registration):
    """1 for the first person waiting, 2 for the next…; None if not waiting."""
    if not registration.is_waitlisted:
        return None
    waiting = Registration.objects.filter(event_id=registration.event_id).waiting()
    return (
        waiting.filter(created_at__lt=registration.created_at).count()
        + waiting.filter(created_at=registration.created_at, pk__lte=registration.pk).count()
    )
