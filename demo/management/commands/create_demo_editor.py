"""``manage.py create_demo_editor``: accounts to try the admin, on a developer's machine only."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from core.roles import EDITORS, MODERATORS, sync_roles

# Public on purpose: these accounts only exist on development databases (DEBUG on).
PASSWORD = "andelis-demo"  # noqa: S105
ACCOUNTS = [
    # username, first name, role
    ("editeur", "Éditeur", EDITORS),
    ("moderateur", "Modérateur", MODERATORS),
]
USERNAME = ACCOUNTS[0][0]


class Command(BaseCommand):
    help = (
        "Crée (ou réinitialise) les comptes de démonstration « editeur » (rôle Éditeurs) et "
        "« moderateur » (rôle Modérateurs) et affiche leurs identifiants. Refuse de "
        "fonctionner si DEBUG n'est pas activé."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Le compte de démonstration n'est créé qu'en développement (DEBUG activé, "
                "réglages andelis.settings.dev) : son mot de passe est public."
            )
        sync_roles()
        user_model = get_user_model()
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Administration : http://127.0.0.1:{port}/admin/")
        for username, first_name, role in ACCOUNTS:
            user, created = user_model.objects.get_or_create(username=username)
            user.first_name = first_name
            user.last_name = "de démonstration"
            user.email = f"{username}@example.org"
            user.is_active = True
            user.is_staff = False
            user.is_superuser = False
            user.set_password(PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            action = "créé" if created else "réinitialisé"
            self.stdout.write(self.style.SUCCESS(f"Compte de démonstration {action} ({role})."))
            self.stdout.write(f"  Identifiant  : {username}")
            self.stdout.write(f"  Mot de passe : {PASSWORD}")
