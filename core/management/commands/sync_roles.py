"""``manage.py sync_roles``: grant the roles what core/roles.py says, again."""

from django.core.management.base import BaseCommand

from core.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Crée les groupes « Éditeurs » et « Modérateurs » s'ils manquent et leur accorde "
        "les permissions définies dans core/roles.py (sans rien retirer). À relancer quand "
        "un nouveau modèle (commentaires, inscriptions) est arrivé."
    )

    def handle(self, *args, **options):
        report = sync_roles()
        self.stdout.write(self.style.SUCCESS(f"Rôles à jour : {report}."))
