"""Remove an account's second factor, for someone who lost their phone and their codes.

Same as the "Réinitialiser la double authentification" button of the users'
listing (superusers only). The account then signs in with its password, and
is sent to enrolment if the policy requires a second factor of it.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.twofactor.devices import reset_devices

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Supprime l'application d'authentification et les codes de secours d'un compte."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Identifiant du compte")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"Aucun compte « {username} ».") from None
        removed = reset_devices(user)
        logger.warning("reset_two_factor removed %d device(s) of user %s", removed, user.pk)
        if removed:
            self.stdout.write(
                f"Double authentification réinitialisée pour « {username} » : "
                f"{removed} dispositif(s) supprimé(s)."
            )
        else:
            self.stdout.write(f"« {username} » n'avait pas de double authentification.")
