"""Seats freed by an editor: publishing a larger capacity serves the waiting list."""

from wagtail.signals import page_published


def fill_seats_on_publish(sender, instance, **kwargs):
    from registrations import services

    services.fill_free_seats(instance)


def connect():
    from registrations.services import event_model

    page_published.connect(
        fill_seats_on_publish, sender=event_model(), dispatch_uid="registrations.fill_seats"
    )
