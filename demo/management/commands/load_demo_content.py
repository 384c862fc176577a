"""``manage.py load_demo_content``: the 2017 Marseille colloquium, ready to browse."""

import os

from django.core.management.base import BaseCommand

from demo.loader import DemoLoader

OUTCOMES = {
    "created": "créé(s)",
    "updated": "mis à jour",
    "unchanged": "inchangé(s)",
    "deleted": "supprimé(s)",
}


class Command(BaseCommand):
    help = (
        "Charge le colloque de Marseille (2017) comme contenu de démonstration : pages, "
        "intervenants, partenaires, lieu et fichiers. Peut être relancée sans rien dupliquer."
    )

    def handle(self, *args, **options):
        loader = DemoLoader()
        event = loader.load()
        summary = loader.tally.summary()
        parts = [f"{summary[key]} {label}" for key, label in OUTCOMES.items() if summary[key]]
        self.stdout.write(
            self.style.SUCCESS(f"Contenu de démonstration prêt ({', '.join(parts)}).")
        )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"  Le colloque 2017 : http://127.0.0.1:{port}{event.get_url()}")
        if options["verbosity"] > 1:
            for (kind, outcome), count in sorted(loader.tally.counts.items()):
                self.stdout.write(f"  {kind} : {count} {OUTCOMES[outcome]}")
