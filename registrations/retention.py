"""Registrations' personal data are erased ``REGISTRATION_RETENTION_MONTHS`` months
after their colloquium ends. Names, e-mails, organisations, roles and
accessibility needs are blanked; the row stays, with its status and dates, so the
association still knows how many people came."""

from django.db import transaction

from core import personal_data
from registrations.models import Registration

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "organisation": "",
    "role": "",
    "accessibility_needs": "",
}


def erase_registrations(cutoff, now, dry_run=False):
    registrations = Registration.objects.filter(
        event__end__lt=cutoff, personal_data_erased_at__isnull=True
    )
    if dry_run:
        return registrations.count()
    with transaction.atomic():
        return registrations.update(**PERSONAL_FIELDS, personal_data_erased_at=now)


def register():
    personal_data.register(
        personal_data.Eraser(
            option="registration-months",
            setting="REGISTRATION_RETENTION_MONTHS",
            erase=erase_registrations,
            what="inscription(s)",
            label="Inscription à un colloque",
            data=(
                "votre nom, votre adresse e-mail, votre organisme et, si le formulaire les "
                "demande, votre fonction et vos besoins d’accessibilité"
            ),
            purpose=(
                "organiser l’accueil des participants, vous écrire au sujet du colloque et "
                "gérer la liste d’attente"
            ),
            counted_from="la fin du colloque, puis ces données sont effacées",
        )
    )
