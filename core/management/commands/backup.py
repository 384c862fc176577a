"""Write one dated archive of the database and the media (docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and every media file, local or S3, "
        "into one dated tar archive in ANDELIS_BACKUP_DIR (default: backups/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Write the archive here instead")

    def handle(self, *args, output_dir=None, **options):
        try:
            path = create_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sauvegarde écrite : {path}")
        # The last line is the archive's path alone, for scripts.
        self.stdout.write(str(path))
