"""Erase visitors' personal data past their retention period; run it daily.

- Registrations: names, e-mails, organisations, roles and accessibility needs,
  ``REGISTRATION_RETENTION_MONTHS`` months after the colloquium ends (the rows stay).
- Comments: the author's e-mail address, ``COMMENTS_EMAIL_RETENTION_MONTHS`` months
  after the comment (the name and the text stay).

Every kind of data registers its eraser in ``core.personal_data``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import personal_data


class Command(BaseCommand):
    help = (
        "Efface les données personnelles des visiteurs après leur délai de conservation : "
        "inscriptions (REGISTRATION_RETENTION_MONTHS mois après la fin du colloque) et "
        "adresses e-mail des auteurs de commentaires (COMMENTS_EMAIL_RETENTION_MONTHS mois "
        "après le commentaire)."
    )

    def add_arguments(self, parser):
        for eraser in personal_data.erasers():
            parser.add_argument(
                f"--{eraser.option}",
                type=int,
                default=None,
                help=f"Délai en mois (par défaut : {eraser.setting}).",
            )
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien effacer.")

    def months_for(self, eraser, options):
        months = options.get(eraser.option.replace("-", "_"))
        return getattr(settings, eraser.setting) if months is None else months

    def handle(self, *args, dry_run=False, **options):
        plan = [(eraser, self.months_for(eraser, options)) for eraser in personal_data.erasers()]
        if any(months < 0 for _eraser, months in plan):
            raise CommandError("Le délai en mois doit être positif ou nul.")
        now = timezone.now()
        for eraser, months in plan:
            count = eraser.erase(personal_data.cutoff(months, now), now, dry_run=dry_run)
            self.stdout.write(eraser.report(count, months, dry_run))
