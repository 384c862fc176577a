"""Erase the personal data of registrations some months after their colloquium.

Run it daily (cron, systemd timer). Names, e-mails, organisations, roles and
accessibility needs are blanked; the row stays, with its status and dates, so
the association still knows how many people came.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events.registration.models import Registration

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "organisation": "",
    "role": "",
    "accessibility_needs": "",
}


def months_before(moment, months):
    """The same day and time ``months`` calendar months earlier (clamped to month end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def erase_personal_data(months, now=None, dry_run=False):
    """Blank the registrations of events that ended more than ``months`` ago.

    Returns the number of registrations erased (or that would be).
    """
    now = now or timezone.now()
    cutoff = months_before(timezone.localtime(now), months)
    registrations = Registration.objects.filter(
        event__end__lt=cutoff, personal_data_erased_at__isnull=True
    )
    if dry_run:
        return registrations.count()
    with transaction.atomic():
        return registrations.update(**PERSONAL_FIELDS, personal_data_erased_at=now)


class Command(BaseCommand):
    help = (
        "Efface nom, e-mail, organisme, fonction et besoins d'accessibilité des inscriptions "
        "aux colloques terminés depuis plus de REGISTRATION_RETENTION_MONTHS mois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Délai en mois après la fin du colloque (par défaut : "
            "REGISTRATION_RETENTION_MONTHS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien effacer.")

    def handle(self, *args, months=None, dry_run=False, **options):
        months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
        if months < 0:
            raise CommandError("Le délai en mois doit être positif ou nul.")
        count = erase_personal_data(months, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} inscription(s) seraient effacées (délai : {months} mois).")
        else:
            self.stdout.write(f"{count} inscription(s) effacées (délai : {months} mois).")
