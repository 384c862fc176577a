"""manage.py update_search_entries: rebuild every entry of the public search."""

from django.core.management.base import BaseCommand

from search.entries import rebuild


class Command(BaseCommand):
    help = "Rebuild the public search's entries of every live page and published document."

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} search entries rebuilt")
