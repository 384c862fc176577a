"""``manage.py create_demo_editor``: an account to try the admin, on a developer's machine only."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editeur"
# Public on purpose: this account only exists on development databases (DEBUG on).
PASSWORD = "andelis-demo"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Crée (ou réinitialise) le compte de démonstration « editeur » et affiche ses "
        "identifiants. Refuse de fonctionner si DEBUG n'est pas activé."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Le compte de démonstration n'est créé qu'en développement (DEBUG activé, "
                "réglages andelis.settings.dev) : son mot de passe est public."
            )
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=USERNAME)
        # Roles come later: for now the demo editor may do everything.
        user.first_name = "Éditeur"
        user.last_name = "de démonstration"
        user.email = "editeur@example.org"
        user.is_active = True
        user.is_staff = True
        user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        port = os.environ.get("PORT", "8000")
        action = "créé" if created else "réinitialisé"
        self.stdout.write(self.style.SUCCESS(f"Compte de démonstration {action}."))
        self.stdout.write(f"  Administration : http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"  Identifiant    : {USERNAME}")
        self.stdout.write(f"  Mot de passe   : {PASSWORD}")
