"""Seats freed by an editor: publishing a larger capacity serves the waiting list."""

from wagtail.signals import page_published


def fill_seats_on_publish(sender, instance, **kwargs):
    from events.registration import services

    services.fill_free_seats(instance)


def connect():
    from events.models import EventPage

    page_published.connect(
        fill_seats_on_publish, sender=EventPage, dispatch_uid="events.registration.fill_seats"
    )
