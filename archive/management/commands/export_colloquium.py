"""``manage.py export_colloquium <page>``: a self-contained copy of a colloquium, as a zip
(archive/export.py, docs/export.md)."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive.export import ColloquiumExport, ExportError, default_filename, find_colloquium


class Command(BaseCommand):
    help = (
        "Écrit une copie autonome d’un colloque (pages, styles, images, documents, "
        "manifeste) dans un fichier zip qui s’ouvre sans serveur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "page", help="Le colloque : identifiant de sa page, son adresse ou son slug."
        )
        parser.add_argument(
            "--output",
            "-o",
            help="Fichier zip à écrire (par défaut : <slug>-copie-<date>.zip dans le dossier courant).",
        )

    def handle(self, page, output=None, **options):
        made_at = timezone.now()
        try:
            event = find_colloquium(page)
            export = ColloquiumExport(event, made_at=made_at)
        except ExportError as error:
            raise CommandError(str(error)) from error
        target = Path(output) if output else Path.cwd() / default_filename(event, made_at)
        if target.is_dir():
            target = target / default_filename(event, made_at)
        if not target.parent.is_dir():
            raise CommandError(f"Le dossier {target.parent} n’existe pas.")
        # Written next to the target, then renamed: a failed copy leaves no half zip.
        handle, partial_name = tempfile.mkstemp(dir=target.parent, suffix=".zip.part")
        try:
            with os.fdopen(handle, "wb") as file:
                manifest = export.write(file)
            # mkstemp makes the file private; the zip gets the usual rights (umask).
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(partial_name, 0o666 & ~umask)
            os.replace(partial_name, target)
        except ExportError as error:
            os.unlink(partial_name)
            raise CommandError(str(error)) from error
        except BaseException:
            os.unlink(partial_name)
            raise
        pages = sum(1 for entry in manifest["files"] if entry["kind"] == "page")
        self.stdout.write(
            f"Copie de « {event.title} » écrite dans {target} : {pages} pages, "
            f"{len(manifest['files'])} fichiers."
        )
