"""Restore an archive written by `manage.py backup` into an empty database and media store."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database and media store. Refuses a "
        "non-empty one unless --force (which replaces the database's public schema and "
        "overwrites media files of the same name)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .tar archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database and media store that are not empty",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            files, database = restore_archive(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restauré : la base « {database} » et {files} fichier(s) de médias, depuis {archive}."
        )
